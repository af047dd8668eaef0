package io.github.drydock.layout;

/**
 * Every file and folder name of the 1.10+ image metadata tree {@code image/<driver>/}, once.
 * Sources: moby/moby {@code daemon/internal/refstore/store.go}, {@code daemon/internal/image/fs.go},
 * {@code daemon/internal/image/store.go}, {@code daemon/internal/layer/filestore.go} (docker-v29.7.2;
 * {@code reference/}, {@code image/}, {@code layer/} before v29); see
 * spec/docker-modern-layout-and-archives.md §1.1–1.3.
 */
public final class ModernFiles {
    /** The reference (tag) store: {@code {"Repositories":{name:{ref:"sha256:<id>"}}}}. */
    public static final String REPOSITORIES_JSON = "repositories.json";
    /** The image store folder. */
    public static final String IMAGEDB = "imagedb";
    /** Under {@link #IMAGEDB}: the exact config bytes, one file per image id. */
    public static final String CONTENT = "content";
    /** Under {@link #IMAGEDB}: small per-image files ({@link #PARENT}, {@link #LAST_UPDATED}). */
    public static final String METADATA = "metadata";
    /** The digest algorithm folder below {@link #CONTENT}, {@link #METADATA} and {@link #LAYERDB}. */
    public static final String SHA256 = "sha256";
    /** The layer store folder. */
    public static final String LAYERDB = "layerdb";
    /** Under {@link #LAYERDB}: one folder per container, holding its read-write layer's ids. */
    public static final String MOUNTS = "mounts";
    /** Under {@link #LAYERDB}: in-progress write sets; never a layer. */
    public static final String TMP = "tmp";
    /** Suffix of a half-deleted {@code layerdb/sha256/<chain id>-removing} folder. */
    public static final String REMOVING_SUFFIX = "-removing";
    /** Image metadata: the parent image id; layer metadata: the parent chain id; mount: the image's top chain id. */
    public static final String PARENT = "parent";
    /** Image metadata: when a tag last moved to this image (RFC 3339 text). */
    public static final String LAST_UPDATED = "lastUpdated";
    /** Layer metadata: the layer's diff id, {@code sha256:<hex>}. */
    public static final String DIFF = "diff";
    /** Layer metadata: the size the driver reported when the layer was applied (decimal text). */
    public static final String SIZE = "size";
    /** Layer metadata: the driver folder id of the layer. */
    public static final String CACHE_ID = "cache-id";
    /** Layer metadata: gzip of the tar-split stream that rebuilds the layer tar byte for byte. */
    public static final String TAR_SPLIT = "tar-split.json.gz";
    /** Mount metadata: the driver id of the container's read-write layer. */
    public static final String MOUNT_ID = "mount-id";
    /** Mount metadata: the driver id of the container's init layer ({@code <mount id>-init}). */
    public static final String INIT_ID = "init-id";
    /** The prefix of every digest written in these files. */
    public static final String SHA256_PREFIX = "sha256:";
    /** The largest config or metadata file read; anything bigger is refused unread. */
    public static final long MAX_METADATA_BYTES = 64L * 1024 * 1024;

    private ModernFiles() {
    }
}
