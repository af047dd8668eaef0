package io.github.drydock.model;

/** The storage generation of a Docker root. */
public enum Generation {
    /** Docker 0.7–1.9: {@code graph/<id>}, {@code repositories-<driver>}. */
    LEGACY,
    /** Docker 1.10 and later with a graph driver: {@code image/<driver>/imagedb|layerdb}. */
    MODERN,
    /** Docker 29+ with the containerd image store: images live under {@code containerd/}. */
    CONTAINERD,
    /** Nothing Docker-shaped was found that holds images (containers or volumes may still exist). */
    UNKNOWN
}
