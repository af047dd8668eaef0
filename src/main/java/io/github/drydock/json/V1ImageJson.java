package io.github.drydock.json;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A legacy image JSON, {@code graph/<id>/json} (Docker 0.7–1.9), in either shape:
 * <ul>
 *   <li>shape A, "v1 image" (every version): {@code id} and {@code parent} are set;</li>
 *   <li>shape B, content-addressed v2 pull (1.8.3 and 1.9 only): no {@code id}/{@code parent},
 *       but {@code layer_id} (blobSum of the compressed layer) and {@code parent_id}
 *       ({@code sha256:<parent's id>}).</li>
 * </ul>
 * {@code Size} is deliberately not mapped: {@code layersize} is authoritative and the JSON value
 * is not reliable. {@code created} is kept as the Go RFC 3339 string so that one odd value does not
 * make the whole record unreadable. Source: {@code image/image.go} (v1.9.1: {@code Image},
 * {@code MakeImageConfig}); spec/docker-legacy-layout.md §3.2.
 *
 * @param id              shape A: the image id (must equal the folder name), else null
 * @param parent          shape A: the parent image id, or null for a base layer
 * @param parentId        shape B: {@code sha256:<parent id>}, or null
 * @param layerId         shape B: {@code sha256:<hex>} of the compressed layer blob, or null
 * @param comment         e.g. {@code Imported from -}, or null
 * @param created         Go RFC 3339 timestamp with nanoseconds, or null
 * @param container       the id of the committed container, or null
 * @param containerConfig the build or commit container's config; its {@code Cmd} is the history step
 * @param dockerVersion   the Docker version that made the layer, or null
 * @param author          or null
 * @param config          the image's run-time defaults, or null
 * @param architecture    {@code x86_64} (0.7.0–0.7.2) or a Go {@code GOARCH}, or null
 * @param os              a Go {@code GOOS} (0.7.3+), or null
 */
public record V1ImageJson(
        @JsonProperty("id") String id,
        @JsonProperty("parent") String parent,
        @JsonProperty("parent_id") String parentId,
        @JsonProperty("layer_id") String layerId,
        @JsonProperty("comment") String comment,
        @JsonProperty("created") String created,
        @JsonProperty("container") String container,
        @JsonProperty("container_config") ImageConfigJson containerConfig,
        @JsonProperty("docker_version") String dockerVersion,
        @JsonProperty("author") String author,
        @JsonProperty("config") ImageConfigJson config,
        @JsonProperty("architecture") String architecture,
        @JsonProperty("os") String os) {

    /** @return true for shape B: no {@code id}, but a {@code layer_id} or {@code parent_id} */
    public boolean contentAddressed() {
        return (id == null || id.isEmpty()) && (layerId != null || parentId != null);
    }
}
