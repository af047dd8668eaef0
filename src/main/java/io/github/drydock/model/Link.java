package io.github.drydock.model;

/**
 * A legacy container link ({@code --link name:alias}).
 *
 * @param containerId the linked (child) container id
 * @param name        the linked container's name, with its leading slash
 * @param alias       the alias inside the linking container
 */
public record Link(String containerId, String name, String alias) {
}
