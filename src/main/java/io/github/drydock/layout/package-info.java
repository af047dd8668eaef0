/**
 * One reader per storage generation and per concern: {@link io.github.drydock.layout.RootDetector}
 * finds the root and its generation; {@link io.github.drydock.layout.GraphLayout} (0.7–1.9) and
 * {@link io.github.drydock.layout.ImageDbLayout} (1.10+) read image metadata behind
 * {@link io.github.drydock.layout.ImageStore}; {@link io.github.drydock.layout.ContainerStore},
 * {@link io.github.drydock.layout.VolumeStore} and {@link io.github.drydock.layout.LogReader} read
 * what both generations share. Every on-disk file name appears once, as a constant
 * ({@link io.github.drydock.layout.ModernFiles} for {@code image/<driver>/}).
 *
 * <p>The 1.10+ reader is split by concern into package-private classes: {@code ModernLayerDb}
 * (layerdb as written), {@code ModernImageDb} (configs, verified against their ids),
 * {@code ModernReferences} (tags), {@code ModernLayers} and {@code ModernDriverCheck} (driver folders
 * and their ancestry records), {@code ModernImages} (chain ids, sizes, history), and
 * {@code ModernRootSignals} (which driver tree is active; the containerd image store).
 * {@link io.github.drydock.layout.LayerInventory} lists every layer folder on disk, of every driver,
 * whoever owns it (plus half-removed and temporary entries of the metadata stores).
 * Formats: spec/docker-legacy-layout.md and spec/docker-modern-layout-and-archives.md.
 */
package io.github.drydock.layout;
