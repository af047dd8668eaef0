package io.github.drydock.model;

/**
 * A container that mounts a volume.
 *
 * @param id          container id
 * @param name        container name with its leading slash
 * @param destination the path inside the container
 * @param rw          writable
 */
public record VolumeUse(String id, String name, String destination, boolean rw) {
}
