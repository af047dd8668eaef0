package io.github.drydock.model;

import java.time.Instant;

/**
 * A container's state as last recorded. On an offline copy {@code running} only means the daemon died
 * (or the copy was taken) while the container ran.
 *
 * @param status     {@code created}, {@code running}, {@code paused}, {@code restarting}, {@code exited},
 *                   {@code dead} — derived as {@code docker ps} does
 * @param running    as recorded
 * @param paused     as recorded
 * @param restarting as recorded
 * @param oomKilled  as recorded
 * @param dead       as recorded
 * @param pid        as recorded
 * @param exitCode   as recorded
 * @param error      the recorded error, or null
 * @param startedAt  or null when never started
 * @param finishedAt or null when never finished
 */
public record ContainerState(String status, boolean running, boolean paused, boolean restarting,
                             boolean oomKilled, boolean dead, int pid, int exitCode, String error,
                             Instant startedAt, Instant finishedAt) {
}
