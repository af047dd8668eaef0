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
 */
package io.github.drydock.archive;
