package io.github.drydock.layout;

/**
 * The file names of a Docker 0.7–1.9 image graph, each once. Folder names of the drivers are in
 * {@link io.github.drydock.driver.LegacyDriverPaths}; {@code graph} and {@code repositories-} in
 * {@link RootDetector}. Source: {@code graph/graph.go} (v1.9.1), {@code migrate/v1/migratev1.go}
 * (v1.10.3); spec/docker-legacy-layout.md §3.1.
 */
public final class LegacyFiles {
    /** {@code graph/<id>/json}: the image JSON. */
    public static final String JSON = "json";
    /** {@code graph/<id>/layersize}: the layer's own size, decimal ASCII. */
    public static final String LAYER_SIZE = "layersize";
    /** {@code graph/<id>/checksum}: {@code sha256:} digest of the compressed blob (1.6+), or a tarsum (1.5). */
    public static final String CHECKSUM = "checksum";
    /** {@code graph/<id>/tar-data.json.gz}: tar-split metadata (1.8+). */
    public static final String TAR_DATA = "tar-data.json.gz";
    /** {@code graph/<id>/parent}: the parent's graph id when it differs from {@code parent_id} (1.8.3/1.9). */
    public static final String PARENT = "parent";
    /** {@code graph/<id>/v1Compatibility}: the v1 JSON of a content-addressed image (1.8.3/1.9). */
    public static final String V1_COMPATIBILITY = "v1Compatibility";
    /** {@code graph/<id>/.migration-diffid}: the diff id cached by the 1.10 migration. */
    public static final String MIGRATION_DIFF_ID = ".migration-diffid";
    /** {@code graph/_tmp}: in-flight registrations, garbage offline. */
    public static final String GRAPH_TMP = "_tmp";

    /** Biggest image JSON read: a real one is a few KiB; anything far bigger is damage or hostile. */
    static final long MAX_JSON_BYTES = 64L * 1024 * 1024;
    /** Biggest small text file read ({@code layersize}, {@code parent}, {@code checksum}, diff id). */
    static final long MAX_SMALL_FILE_BYTES = 4096;
    /** Biggest {@code repositories-<driver>} file read. */
    static final long MAX_REPOSITORIES_BYTES = 64L * 1024 * 1024;
    /** Biggest aufs {@code layers/<id>} file read: 65 bytes per ancestor. */
    static final long MAX_ANCESTORS_BYTES = 16L * 1024 * 1024;

    private LegacyFiles() {
    }
}
