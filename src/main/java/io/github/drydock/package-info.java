/**
 * drydock reads a Docker storage directory offline: {@link io.github.drydock.DockerRoot#open(java.nio.file.Path)}
 * is the entry point; {@link io.github.drydock.Repack} saves, commits and verifies the images and containers of an
 * opened root. Sub-packages: {@code model} (records), {@code json} (on-disk JSON shapes),
 * {@code layout} (one reader per storage generation), {@code driver} (where each driver keeps layer
 * bytes), {@code union} (merged read-only views), {@code archive} (every output), {@code cli}.
 */
package io.github.drydock;
