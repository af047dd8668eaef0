/**
 * drydock reads a Docker storage directory offline: {@link io.github.drydock.DockerRoot#open(java.nio.file.Path)}
 * is the entry point; {@link io.github.drydock.Repack} saves, commits and verifies the images and containers of an
 * opened root. Sub-packages: {@code model} (records), {@code json} (on-disk JSON shapes),
 * {@code layout} (one reader per storage generation), {@code driver} (where each driver keeps layer
 * bytes), {@code union} (merged read-only views), {@code archive} (every output), {@code cli}.
 *
 * <p>{@link io.github.drydock.Forensics} answers an investigator's questions on top of an opened root:
 * every layer folder on disk and who owns it, what an id belongs to, a timeline, a report folder.
 */
package io.github.drydock;
