package io.github.drydock.model;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One thing an id names: an answer of {@code drydock whois}.
 *
 * @param kind        what kind of id matched
 * @param id          the full id that matched
 * @param description what it is and what it belongs to, in one line
 * @param path        where it is on disk, or null when it has no place of its own
 * @param owners      the images, containers or volumes it belongs to
 */
public record IdMatch(IdKind kind, String id, String description, Path path, List<Owner> owners) {
    /** Validates and copies the owners. */
    public IdMatch {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(description, "description");
        owners = owners == null ? List.of() : List.copyOf(owners);
    }
}
