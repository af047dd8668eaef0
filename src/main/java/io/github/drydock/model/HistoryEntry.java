package io.github.drydock.model;

import java.time.Instant;

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
}
