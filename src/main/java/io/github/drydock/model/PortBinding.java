package io.github.drydock.model;

/**
 * A published port.
 *
 * @param containerPort e.g. {@code 80/tcp}
 * @param hostIp        host address, or empty
 * @param hostPort      host port, or empty
 */
public record PortBinding(String containerPort, String hostIp, String hostPort) {
}
