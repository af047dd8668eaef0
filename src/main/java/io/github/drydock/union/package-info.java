/**
 * A merged, read-only view of an image's or a container's layers, built in pure Java without mounting
 * anything: {@link io.github.drydock.union.UnionView}. One rule covers every driver: a stack is diffs,
 * top to bottom, over at most one full snapshot — aufs and overlay2 layers are diffs; vfs, btrfs and
 * overlay v1 image roots are snapshots, and everything below the topmost snapshot is ignored. A
 * container's stack is its read-write layer over its init layer over its image.
 *
 * <p>Folders are merged one at a time as they are asked for, the way overlayfs looks names up: the
 * topmost node of a name wins; a whiteout hides the name below it; folders merge until a whiteout, a
 * non-folder or an opaque copy stops them. Memory stays flat whatever the size of a layer.
 * {@link io.github.drydock.union.UnionView#shadowed()} lists what upper layers deleted, hid or replaced
 * (forensic evidence still on disk). Symlinks are never followed on the host; resolution happens inside
 * the view only, 40 hops at most. FIFOs, sockets and devices are listed, never opened.
 *
 * <p>Without root, {@code trusted.overlay.opaque} cannot be read; an image layer's opaque folders are
 * then taken from its tar-split ({@code <folder>/.wh..wh..opq} members), and only layers without one (a
 * container's read-write and init layers) are reported as possibly showing lower layers' entries.
 *
 * <p>Known limits: overlay {@code redirect_dir} renames and metacopy files are reported as problems,
 * not followed; file names that are not valid UTF-8 are read through Java strings (the JVM must run with
 * {@code sun.jnu.encoding=UTF-8}); reading file content may update atime on a writable mount (mount
 * evidence read-only).
 * Formats: spec/docker-modern-layout-and-archives.md §1.5–1.7, §4; spec/docker-legacy-layout.md §5,
 * §11 (flattened rootfs), §13 items 12–15. OCI image-spec {@code layer.md} (whiteouts, opaque whiteouts).
 */
package io.github.drydock.union;
