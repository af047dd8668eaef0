package io.github.drydock.json;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * The {@code rootfs} object of an image config. Source: moby/moby {@code image/rootfs.go} (v20.10.24).
 *
 * @param type    always {@code layers}
 * @param diffIds the layers' diff ids, {@code sha256:<hex>}, base first
 */
public record RootFsJson(
        @JsonProperty("type") String type,
        @JsonProperty("diff_ids") List<String> diffIds) {
    /** A null list becomes empty. */
    public RootFsJson {
        diffIds = diffIds == null ? List.of() : diffIds;
    }
}
