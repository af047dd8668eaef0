package io.github.drydock.json;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * An image config of a 1.10+ root ({@code image/<driver>/imagedb/content/sha256/<id>}; the same JSON
 * is the config blob of {@code docker save} and of an OCI image). Its sha256 is the image id, so it is
 * only ever parsed, never re-serialised. Source: moby/moby {@code image/image.go} (v20.10.24),
 * opencontainers/image-spec {@code config.md} (v1.1.1); see spec/docker-modern-layout-and-archives.md §3.2.
 *
 * @param created       creation time, RFC 3339 text
 * @param author        the author, or null
 * @param architecture  e.g. {@code amd64}
 * @param variant       e.g. {@code v8}, or null
 * @param os            e.g. {@code linux}
 * @param comment       a comment, or null
 * @param dockerVersion the Docker version that built it, or null
 * @param container     legacy: the id of the container it was committed from, or null
 * @param config        the run-time defaults, or null
 * @param rootfs        the layer diff ids, or null
 * @param history       the steps, base first, or null
 */
public record ImageConfigV2Json(
        @JsonProperty("created") String created,
        @JsonProperty("author") String author,
        @JsonProperty("architecture") String architecture,
        @JsonProperty("variant") String variant,
        @JsonProperty("os") String os,
        @JsonProperty("comment") String comment,
        @JsonProperty("docker_version") String dockerVersion,
        @JsonProperty("container") String container,
        @JsonProperty("config") ImageRunConfigV2Json config,
        @JsonProperty("rootfs") RootFsJson rootfs,
        @JsonProperty("history") List<HistoryJson> history) {
    /** Null lists become empty. */
    public ImageConfigV2Json {
        history = history == null ? List.of() : history.stream().filter(h -> h != null).toList();
    }
}
