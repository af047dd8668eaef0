/**
 * One type per storage driver (aufs, overlay, overlay2, vfs, btrfs): where a layer's bytes live,
 * DIFF or SNAPSHOT, its lower chain, its whiteout encoding; and the seam for file-system facts Java
 * cannot read portably (device numbers, {@code trusted.*} xattrs).
 */
package io.github.drydock.driver;
