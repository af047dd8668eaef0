/**
 * Every output drydock writes. Writers push bytes into a caller's stream and never close it.
 *
 * <ul>
 *   <li>{@link io.github.drydock.archive.ExportWriter}: a view as one flat tar, like
 *       {@code docker export} (no {@code ./} prefix, no root member, walk order, hard links as link
 *       members, devices and FIFOs, sockets left out, no whiteouts, no volume content); file bytes are
 *       streamed.</li>
 *   <li>{@link io.github.drydock.archive.VolumeExport}: a volume's {@code _data} folder the same way.</li>
 *   <li>{@link io.github.drydock.archive.CopyOut}: a file or subtree of a view into a host folder, like
 *       {@code docker cp}, never writing outside it or through a symlink.</li>
 *   <li>{@link io.github.drydock.archive.ContainerDiff}: the {@code A}/{@code C}/{@code D} lines of
 *       {@code docker diff}.</li>
 *   <li>{@link io.github.drydock.archive.SaveWriter}: {@code docker save} archives (Docker 1.10–24 layout or OCI
 *       layout), layers rebuilt byte for byte by {@link io.github.drydock.archive.TarSplitAssembler};
 *       {@link io.github.drydock.archive.Verify} checks images the same way;
 *       {@link io.github.drydock.archive.LegacyConfigBuilder} makes the config of a legacy image as the 1.10
 *       migration did.</li>
 *   <li>{@link io.github.drydock.archive.SaveFallbackTar}: the deterministic layer tar of a layer folder (or of a
 *       container's own changes) when no exact rebuild is possible, with Go's tar headers, so an unchanged
 *       overlay2 layer or a container commit hashes to the diff id Docker gave it.</li>
 *   <li>{@link io.github.drydock.archive.TarEntryMapper}: the one {@code FileEntry → TarArchiveEntry}
 *       mapping every tar writer shares (PAX for long names, big numbers and
 *       {@code security.capability}).</li>
 *   <li>{@link io.github.drydock.archive.Timeline}: a file-system timeline (Sleuth Kit bodyfile 3.x, CSV,
 *       JSON Lines) of layer folders walked one by one plus Docker's events, streamed row by row;
 *       {@link io.github.drydock.archive.Report}: a report folder ({@code report.json}, {@code report.md},
 *       the timeline, {@code SHA256SUMS}); {@link io.github.drydock.archive.ReportHashes}:
 *       {@code sha256sum}-compatible checksums and {@code <file>.sha256} sidecars;
 *       {@link io.github.drydock.archive.OutputTarget}: output never goes into the evidence.</li>
 * </ul>
 * Formats: spec/docker-modern-layout-and-archives.md §3.4 ({@code docker export}), §4.3;
 * spec/docker-legacy-layout.md §9.2, §11, §13 items 14–19. Docker sources: moby
 * {@code pkg/archive/archive.go} ({@code FileInfoHeader}, {@code addTarFile}), {@code changes.go},
 * {@code changes_unix.go}; checked against real {@code docker export} and {@code docker diff} output of
 * Docker 20.10 (overlay2 and vfs).
 *
 * <p>Repacking: {@code TarSplit*} streams Docker's tar-split records ({@code tar-split.json.gz},
 * {@code tar-data.json.gz}) and rebuilds a layer's original tar byte for byte, checking each file's
 * CRC-64 and the layer's sha256 against its diff id while streaming; {@code Save*} and {@code Oci*}
 * write {@code docker save} archives (the 1.10–24 layout with {@code manifest.json}, legacy
 * {@code <v1 id>/} folders and {@code repositories}) and OCI image layouts, as a tar or a folder,
 * atomically; {@code Verify*} checks configs, chain ids and layers; {@code LegacyConfig*} builds the
 * config Docker 1.10's migration gave a legacy image. Formats: spec/docker-modern-layout-and-archives.md
 * §2, §3; spec/docker-legacy-layout.md §3.4, §9, §10.
 */
package io.github.drydock.archive;
