/**
 * One type per storage driver (aufs, overlay, overlay2, vfs, btrfs): where a layer's bytes live,
 * DIFF or SNAPSHOT, its lower chain, its whiteout encoding; and the seam for file-system facts Java
 * cannot read portably (device numbers, {@code trusted.*} xattrs).
 *
 * <p>{@link io.github.drydock.driver.ModernDriverPaths} and its records name the folders of a 1.10+
 * root: {@code overlay2/<id>/{diff,link,lower}} and {@code overlay2/l/<short>},
 * {@code overlay/<id>/{root,upper,lower-id}}, {@code aufs/{diff,layers}/<id>}, {@code vfs/dir/<id>},
 * {@code btrfs/subvolumes/<id>}; {@link io.github.drydock.driver.ModernDriverIds} refuses ids that
 * could climb out of a driver home. Sources: moby/moby {@code daemon/graphdriver/*} (docker-v29.7.2,
 * v23.0.0 for aufs and overlay); see spec/docker-modern-layout-and-archives.md §1.5–1.7.
 */
package io.github.drydock.driver;
