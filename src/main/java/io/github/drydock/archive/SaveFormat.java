package io.github.drydock.archive;

/** The archive layouts {@link SaveWriter} writes. */
public enum SaveFormat {
    /**
     * What {@code docker save} wrote from Docker 1.10 to 24: {@code manifest.json}, {@code <image id>.json},
     * per layer {@code <v1 id>/VERSION}, {@code <v1 id>/json} and {@code <v1 id>/layer.tar}, and
     * {@code repositories}. Loads in every Docker since 1.10, podman, skopeo ({@code docker-archive:}).
     */
    DOCKER,
    /**
     * What {@code docker save} writes since Docker 25: an OCI image layout ({@code oci-layout},
     * {@code index.json}, {@code blobs/sha256/…}, uncompressed layers) plus {@code manifest.json} and
     * {@code repositories}, so both OCI tools and {@code docker load} read it.
     */
    OCI
}
