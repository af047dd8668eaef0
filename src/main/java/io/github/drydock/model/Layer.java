package io.github.drydock.model;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One layer of an image, as stored by a driver.
 *
 * @param id        legacy: the image (layer) id; modern: the chain id (64 hex)
 * @param diffId    the sha256 of the layer's uncompressed tar (64 hex), or null when not recorded
 * @param cacheId   the name of the driver folder holding the bytes (legacy: same as id)
 * @param parentId  the layer below as recorded (same id space as {@code id}), or null for a base layer; on
 *                  damaged roots it may name a missing layer or close a cycle, so walk
 *                  {@link Image#layers()} rather than following parent ids
 * @param driver    the driver name
 * @param kind      DIFF or SNAPSHOT or UNREADABLE
 * @param path      the folder with the layer's files (e.g. {@code overlay2/<cache id>/diff}), or null when missing
 * @param size      the layer's own size in bytes as recorded, -1 when unknown
 * @param tarSplit  the tar-split file ({@code tar-split.json.gz} / {@code tar-data.json.gz}), or null
 * @param checksum  the registry checksum recorded with the layer (legacy {@code graph/<id>/checksum}:
 *                  {@code sha256:} of the compressed blob, or a 1.5 tarsum), or null
 */
public record Layer(String id, String diffId, String cacheId, String parentId, String driver,
                    LayerKind kind, Path path, long size, Path tarSplit, String checksum) {
    /**
     * A layer with no recorded registry checksum.
     *
     * @param id       see the record components
     * @param diffId   see the record components
     * @param cacheId  see the record components
     * @param parentId see the record components
     * @param driver   see the record components
     * @param kind     see the record components
     * @param path     see the record components
     * @param size     see the record components
     * @param tarSplit see the record components
     */
    public Layer(String id, String diffId, String cacheId, String parentId, String driver,
                 LayerKind kind, Path path, long size, Path tarSplit) {
        this(id, diffId, cacheId, parentId, driver, kind, path, size, tarSplit, null);
    }

    // Written out on purpose: a record's generated equals/hashCode are bootstrapped (ObjectMethods) at
    // their first call, several milliseconds each in a short run's interpreter; roots are read with these
    // interned (layout.Dedup) right at start-up. RecordEqualityTest checks that every component counts.
    @Override
    public boolean equals(Object other) {
        return this == other || other instanceof Layer o && Objects.equals(id, o.id)
                && Objects.equals(diffId, o.diffId)
                && Objects.equals(cacheId, o.cacheId)
                && Objects.equals(parentId, o.parentId)
                && Objects.equals(driver, o.driver)
                && Objects.equals(kind, o.kind)
                && Objects.equals(path, o.path)
                && size == o.size
                && Objects.equals(tarSplit, o.tarSplit)
                && Objects.equals(checksum, o.checksum);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, diffId, cacheId, parentId, driver, kind, path, size, tarSplit, checksum);
    }
}
