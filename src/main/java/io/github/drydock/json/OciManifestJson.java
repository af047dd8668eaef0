package io.github.drydock.json;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;

/**
 * An OCI image manifest (opencontainers/image-spec {@code specs-go/v1/manifest.go}) as Docker 25+
 * {@code docker save} writes it into {@code blobs/sha256/}.
 *
 * @param schemaVersion always 2
 * @param mediaType     {@code application/vnd.oci.image.manifest.v1+json}
 * @param config        the image config blob
 * @param layers        the layer blobs, base first
 */
@JsonPropertyOrder({"schemaVersion", "mediaType", "config", "layers"})
public record OciManifestJson(
        @JsonProperty("schemaVersion") int schemaVersion,
        @JsonProperty("mediaType") String mediaType,
        @JsonProperty("config") OciDescriptorJson config,
        @JsonProperty("layers") List<OciDescriptorJson> layers) {
    /** Media type of an OCI image manifest. */
    public static final String MEDIA_TYPE = "application/vnd.oci.image.manifest.v1+json";
    /** Media type of an image config blob. */
    public static final String CONFIG_MEDIA_TYPE = "application/vnd.oci.image.config.v1+json";
    /** Media type of an uncompressed layer tar. */
    public static final String LAYER_MEDIA_TYPE = "application/vnd.oci.image.layer.v1.tar";
}
