/**
 * Synthetic Docker roots of any size ({@link io.github.drydock.synth.SyntheticRoot}): legacy aufs with vfs
 * volumes, modern overlay2, aufs and vfs, with real ids and tar-split records, whiteouts and opaque folders
 * in each driver's own form, hard links, symlinks and sparse large files; and
 * {@link io.github.drydock.synth.BenchMain}, the library side of {@code bench/run}.
 */
package io.github.drydock.synth;
