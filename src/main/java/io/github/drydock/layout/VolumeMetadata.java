package io.github.drydock.layout;

import io.github.drydock.json.Json;
import io.github.drydock.json.VolumeMetadataJson;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * The volume metadata store of the 1.10+ layout, {@code volumes/metadata.db}: bbolt, bucket
 * {@code volumes}, key = volume name, value = {@code {"Name","Driver","Labels","Options"}}
 * ({@code volume/service/db.go}); the only place that keeps a volume's driver and labels.
 */
final class VolumeMetadata {
    /** The bucket holding one record per volume. */
    static final String BUCKET = "volumes";
    /** The label Docker 23+ puts on anonymous volumes. */
    static final String ANONYMOUS_LABEL = "com.docker.volume.anonymous";
    /** {@link io.github.drydock.model.Volume#source()} of a volume known only from the store. */
    static final String SOURCE = RootDetector.VOLUMES + "/" + VolumeData.METADATA_DB;

    private VolumeMetadata() {
    }

    /**
     * Reads the store if there is one.
     *
     * @param context the opened root
     * @return volume name → record, in name order; empty when there is no store or it is damaged (a
     *         problem is recorded)
     */
    static Map<String, VolumeMetadataJson> read(RootContext context) {
        Map<String, VolumeMetadataJson> result = new TreeMap<>();
        Path db = context.root().resolve(RootDetector.VOLUMES).resolve(VolumeData.METADATA_DB);
        if (!MetadataFile.present(db)) {
            return result;
        }
        Map<String, byte[]> records;
        try {
            records = BoltFile.bucket(db, BUCKET);
        } catch (IOException | RuntimeException e) {
            context.problem(db, "cannot read volume drivers and labels from " + db + ": " + MetadataFile.describe(e)
                    + "; volumes are still listed from their folders, as driver local without labels");
            return result;
        }
        records.forEach((name, value) -> {
            try {
                result.put(name, Json.MAPPER.readValue(value, VolumeMetadataJson.class));
            } catch (IOException | RuntimeException e) {
                context.problem(db, "cannot parse the record of volume " + name + " in " + db + ": "
                        + MetadataFile.describe(e));
            }
        });
        return result;
    }
}
