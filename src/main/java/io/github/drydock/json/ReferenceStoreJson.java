package io.github.drydock.json;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Map;

/**
 * {@code image/<driver>/repositories.json}, the 1.10+ reference store:
 * {@code {"Repositories":{"<familiar name>":{"<name>:<tag>" or "<name>@sha256:…":"sha256:<image id>"}}}}.
 * Source: moby/moby {@code daemon/internal/refstore/store.go} (docker-v29.7.2); see
 * spec/docker-modern-layout-and-archives.md §1.1.
 *
 * @param repositories familiar repository name → reference string → image id
 */
public record ReferenceStoreJson(
        @JsonProperty("Repositories") Map<String, Map<String, String>> repositories) {
    /** A null map becomes empty. */
    public ReferenceStoreJson {
        repositories = repositories == null ? Map.of() : repositories;
    }
}
