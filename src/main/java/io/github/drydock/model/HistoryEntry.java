package io.github.drydock.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One step of an image's history, base first, as {@code docker history} shows it.
 *
 * @param imageId    the legacy image (layer) id of this step; null on modern roots
 * @param created    when the step was made, or null
 * @param createdBy  the command, e.g. {@code /bin/sh -c #(nop) CMD ["mysqld"]}
 * @param comment    a comment, or null
 * @param author     the author, or null
 * @param emptyLayer true when the step changed no files
 * @param size       the size of the step's layer in bytes, -1 when unknown
 */
public record HistoryEntry(String imageId, Instant created, String createdBy, String comment,
                           String author, boolean emptyLayer, long size) {
    // Written out on purpose: a record's generated equals/hashCode are bootstrapped (ObjectMethods) at
    // their first call, several milliseconds each in a short run's interpreter; roots are read with these
    // interned (layout.Dedup) right at start-up. RecordEqualityTest checks that every component counts.
    @Override
    public boolean equals(Object other) {
        return this == other || other instanceof HistoryEntry o && Objects.equals(imageId, o.imageId)
                && Objects.equals(created, o.created)
                && Objects.equals(createdBy, o.createdBy)
                && Objects.equals(comment, o.comment)
                && Objects.equals(author, o.author)
                && emptyLayer == o.emptyLayer
                && size == o.size;
    }

    @Override
    public int hashCode() {
        return Objects.hash(imageId, created, createdBy, comment, author, emptyLayer, size);
    }
}
