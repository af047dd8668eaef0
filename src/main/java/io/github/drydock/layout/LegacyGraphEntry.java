package io.github.drydock.layout;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What one {@code graph/<id>/} folder of a Docker 0.7–1.9 root records, beyond what
 * {@link io.github.drydock.model.Image} carries: which JSON shape it has, where its parent came
 * from, the registry checksum, and which optional files exist. Evidence as found, not corrected.
 *
 * @param id               the image id: the folder name (preferred over the JSON {@code id})
 * @param folder           the {@code graph/<id>} folder
 * @param recordedId       the {@code id} key of the JSON, or null (shape B, or an unreadable JSON)
 * @param jsonReadable     false when {@code json} was missing, truncated or malformed
 * @param contentAddressed true for shape B (1.8.3/1.9 v2 pulls: {@code parent_id}/{@code layer_id}, no {@code id})
 * @param parentId         the parent id by Docker's reader rule ({@code parent} file, JSON {@code parent},
 *                         hex of {@code parent_id}), or from {@code aufs/layers} when the JSON is lost; null for a base
 * @param parentSource     where {@code parentId} came from, or null for a base
 * @param layerSize        {@code layersize} as recorded, or -1 when missing or not a number
 * @param checksum         {@code checksum} as recorded ({@code sha256:} of the compressed blob, or a 1.5 tarsum), or null
 * @param layerId          shape B {@code layer_id} ({@code sha256:} of the compressed blob), or null
 * @param diffId           the diff id cached by the 1.10 migration in {@code .migration-diffid}
 *                         (64 hex, {@code sha256:} stripped), or null
 * @param tarSplit         {@code tar-data.json.gz}, or null when absent
 * @param v1Compatibility  {@code v1Compatibility} (1.8.3/1.9), or null when absent
 */
public record LegacyGraphEntry(String id, Path folder, String recordedId, boolean jsonReadable,
                               boolean contentAddressed, String parentId, ParentSource parentSource,
                               long layerSize, String checksum, String layerId, String diffId, Path tarSplit,
                               Path v1Compatibility) {
    /** Validates the id and folder. */
    public LegacyGraphEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(folder, "folder");
        if ((parentId == null) != (parentSource == null)) {
            throw new IllegalArgumentException("parentId and parentSource must be set together");
        }
    }

    /** Where an image's parent id was read from, in the order Docker 1.9 consults them. */
    public enum ParentSource {
        /** {@code graph/<id>/parent} (1.8.3/1.9). */
        PARENT_FILE,
        /** The JSON {@code parent} key (shape A). */
        JSON_PARENT,
        /** The hex part of the JSON {@code parent_id} key (shape B). */
        JSON_PARENT_ID,
        /** Line 1 of {@code aufs/layers/<id>}, used only when the JSON is lost. */
        AUFS_LAYERS
    }

    /** @return a copy with another parent, used when a lost JSON's parent is recovered elsewhere */
    LegacyGraphEntry withParent(String newParentId, ParentSource source) {
        return new LegacyGraphEntry(id, folder, recordedId, jsonReadable, contentAddressed, newParentId, source,
                layerSize, checksum, layerId, diffId, tarSplit, v1Compatibility);
    }

    /** @return the {@code json} file of this entry */
    public Path json() {
        return folder.resolve(LegacyFiles.JSON);
    }
}
