package io.github.drydock.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;

/**
 * One image of a {@code docker save} archive's {@code manifest.json} (a JSON array of these): moby
 * {@code image/tarexport/tarexport.go} {@code manifestItem}, keys in struct order.
 *
 * @param config   the archive path of the image config ({@code <hex>.json}, or {@code blobs/sha256/<hex>} since 25.0)
 * @param repoTags familiar {@code repo:tag} references; null (written as {@code null}) when saved by id
 * @param layers   the archive paths of the layer tars, base first, one per {@code rootfs.diff_ids} entry
 * @param parent   the parent image id ({@code sha256:…}) when the parent is in the same archive, else absent
 */
@JsonPropertyOrder({"Config", "RepoTags", "Layers", "Parent"})
public record ManifestJson(
        @JsonProperty("Config") String config,
        @JsonProperty("RepoTags") @JsonInclude(JsonInclude.Include.ALWAYS) List<String> repoTags,
        @JsonProperty("Layers") List<String> layers,
        @JsonProperty("Parent") @JsonInclude(JsonInclude.Include.NON_EMPTY) String parent) {
}
