package io.github.drydock.json;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;

/**
 * The {@code index.json} of an OCI image layout (opencontainers/image-spec {@code specs-go/v1/index.go}).
 *
 * @param schemaVersion always 2
 * @param mediaType     {@code application/vnd.oci.image.index.v1+json}
 * @param manifests     one manifest descriptor per tag (or one without annotations for an untagged image)
 */
@JsonPropertyOrder({"schemaVersion", "mediaType", "manifests"})
public record OciIndexJson(
        @JsonProperty("schemaVersion") int schemaVersion,
        @JsonProperty("mediaType") String mediaType,
        @JsonProperty("manifests") List<OciDescriptorJson> manifests) {
    /** Media type of an OCI image index. */
    public static final String MEDIA_TYPE = "application/vnd.oci.image.index.v1+json";
    /** Annotation with the tag (Docker 25+: the tag alone, e.g. {@code 1}). */
    public static final String REF_NAME = "org.opencontainers.image.ref.name";
    /** Annotation with the full reference, e.g. {@code docker.io/example/app:1} (containerd, Docker 25+). */
    public static final String IMAGE_NAME = "io.containerd.image.name";
}
