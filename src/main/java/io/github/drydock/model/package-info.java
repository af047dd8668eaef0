/**
 * The nouns of drydock: plain records with no I/O. Ids are the 64-hex form, {@code sha256:} stripped.
 * Damage to one item is a {@link io.github.drydock.model.Problem}; only an unreadable root throws
 * {@link io.github.drydock.model.DockerStorageException}.
 */
package io.github.drydock.model;
