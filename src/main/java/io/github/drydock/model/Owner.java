package io.github.drydock.model;

import java.util.List;
import java.util.Objects;

/**
 * Who owns a layer folder.
 *
 * @param type what kind of owner
 * @param id   the image id, the container id (64 hex) or the volume name
 * @param name a name a person knows it by: the image's first tag (null when untagged), the container
 *             name with its leading slash, the volume name
 * @param tags every tag of an image owner, sorted; empty for other owners
 */
public record Owner(OwnerType type, String id, String name, List<String> tags) {
    /** Validates the type and id and copies the tags. */
    public Owner {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
        tags = tags == null ? List.of() : List.copyOf(tags);
    }
}
