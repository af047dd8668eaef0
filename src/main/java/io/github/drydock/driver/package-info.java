/**
 * Storage drivers: where a layer's bytes live and how its folder records deletions; and the one seam
 * for file-system facts Java cannot read portably.
 *
 * <ul>
 *   <li>{@link io.github.drydock.driver.WhiteoutEncoding}: the closed set of on-disk whiteout forms —
 *       {@code AUFS} ({@code .wh.<name>}, {@code .wh..wh..opq}, aufs bookkeeping {@code .wh..wh.plnk},
 *       {@code .wh..wh.aufs}, {@code .wh..wh.orph} never shown; aufs, fuse-overlayfs, OCI tars),
 *       {@code OVERLAY} (character device 0:0; {@code trusted.overlay.opaque=y} or
 *       {@code user.overlay.opaque=y}; overlay2 {@code <cache id>/diff}, overlay v1 {@code upper/}),
 *       {@code NONE} (full snapshots: vfs {@code dir/<id>}, btrfs {@code subvolumes/<id>}, overlay v1
 *       {@code root/}).</li>
 *   <li>{@link io.github.drydock.driver.LayerDirectory}: one folder of one layer, every name with its
 *       role; nothing merged.</li>
 *   <li>{@link io.github.drydock.driver.NodeInspector}: {@code lstat} facts (type, device numbers,
 *       inode, links) and extended attributes of every namespace. The host implementation reads the
 *       {@code unix:*} attribute view and runs {@code getfattr} (package {@code attr}) in batches — per
 *       folder first, then per layer — because Java reads {@code user.*} only. What it cannot read (no
 *       getfattr; {@code trusted.*} without root) it says, so views report it instead of guessing.</li>
 * </ul>
 * Formats: spec/docker-modern-layout-and-archives.md §1.5–1.7 and §4; spec/docker-legacy-layout.md
 * §5.1–5.4 and §13 items 13–18. Docker sources: moby {@code pkg/archive/whiteouts.go},
 * {@code archive_linux.go} (overlay conversion), {@code daemon/graphdriver/{aufs,overlay,overlay2,vfs}}.
 *
 * <p>{@link io.github.drydock.driver.ModernDriverPaths} and its records name the folders of a 1.10+
 * root: {@code overlay2/<id>/{diff,link,lower}} and {@code overlay2/l/<short>},
 * {@code overlay/<id>/{root,upper,lower-id}}, {@code aufs/{diff,layers}/<id>}, {@code vfs/dir/<id>},
 * {@code btrfs/subvolumes/<id>}; {@link io.github.drydock.driver.ModernDriverIds} refuses ids that
 * could climb out of a driver home. Sources: moby/moby {@code daemon/graphdriver/*} (docker-v29.7.2,
 * v23.0.0 for aufs and overlay); see spec/docker-modern-layout-and-archives.md §1.5–1.7.
 *
 * <p>{@link io.github.drydock.driver.LegacyDriverPaths} does the same for 0.7–1.9 roots.
 */
package io.github.drydock.driver;
