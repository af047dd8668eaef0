package io.github.drydock.archive;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A folder whose entries go into a timeline, each named {@code <prefix>:<path inside>}.
 *
 * @param prefix  where it lives, e.g. {@code image:example/app:1 layer:3d2f0a1b2c3d}, {@code container:/c-run},
 *                {@code volume:namedvol}, {@code orphan-layer:<id>}
 * @param content the folder on disk (walked as is, never merged with other layers)
 */
public record TimelineFolder(String prefix, Path content) {
    /** Validates both parts. */
    public TimelineFolder {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(content, "content");
    }
}
