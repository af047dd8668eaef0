package io.github.drydock.json;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The {@code State} object of a container config ({@code daemon/state.go}, 0.7 to today). Times are
 * Go RFC 3339 strings, {@code 0001-01-01T00:00:00Z} when unset; they are kept as text so one odd
 * time never loses the whole container.
 *
 * @param running           {@code Running}
 * @param paused            {@code Paused} (0.12+)
 * @param restarting        {@code Restarting} (1.2+)
 * @param oomKilled         {@code OOMKilled} (1.4+)
 * @param removalInProgress {@code RemovalInProgress} (1.10+)
 * @param dead              {@code Dead} (1.6+)
 * @param pid               {@code Pid}
 * @param exitCode          {@code ExitCode}
 * @param error             {@code Error} (1.4+)
 * @param startedAt         {@code StartedAt}
 * @param finishedAt        {@code FinishedAt}
 */
public record StateJson(
        @JsonProperty("Running") boolean running,
        @JsonProperty("Paused") boolean paused,
        @JsonProperty("Restarting") boolean restarting,
        @JsonProperty("OOMKilled") boolean oomKilled,
        @JsonProperty("RemovalInProgress") boolean removalInProgress,
        @JsonProperty("Dead") boolean dead,
        @JsonProperty("Pid") int pid,
        @JsonProperty("ExitCode") int exitCode,
        @JsonProperty("Error") String error,
        @JsonProperty("StartedAt") String startedAt,
        @JsonProperty("FinishedAt") String finishedAt) {
}
