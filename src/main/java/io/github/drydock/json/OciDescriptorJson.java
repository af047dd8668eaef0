package io.github.drydock.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.Map;

/**
 * An OCI content descriptor (opencontainers/image-spec {@code specs-go/v1/descriptor.go}), keys in the
 * order Go writes them.
 *
 * @param mediaType   e.g. {@code application/vnd.oci.image.layer.v1.tar}
 * @param digest      {@code sha256:<hex>} of the blob
 * @param size        the blob size in bytes
 * @param annotations sorted annotations, absent when empty
 */
@JsonPropertyOrder({"mediaType", "digest", "size", "annotations"})
public record OciDescriptorJson(
        @JsonProperty("mediaType") String mediaType,
        @JsonProperty("digest") String digest,
        @JsonProperty("size") long size,
        @JsonProperty("annotations") @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> annotations) {
}
