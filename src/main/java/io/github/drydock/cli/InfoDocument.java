package io.github.drydock.cli;

import io.github.drydock.DockerRoot;
import io.github.drydock.model.Driver;
import io.github.drydock.model.Generation;
import io.github.drydock.model.Problem;

import java.util.List;
import java.util.Objects;

/**
 * What {@code info} tells, and its {@code --json} document.
 *
 * @param generation     the storage generation whose image metadata was read
 * @param drivers        every driver found; one is active
 * @param counts         how many images, containers, volumes and layers were read
 * @param notes          facts about the root worth telling (a migrated root, a user-namespace root)
 * @param problems       the problems found while reading the root
 * @param root           the Docker root folder that was found
 * @param filesystemRoot the folder standing for the host's {@code /} when a disk mount was opened, or null
 */
public record InfoDocument(Generation generation, List<Driver> drivers, Counts counts, List<String> notes,
                           List<Problem> problems, String root, String filesystemRoot) {
    /** Validates and copies lists defensively. */
    public InfoDocument {
        Objects.requireNonNull(generation, "generation");
        Objects.requireNonNull(counts, "counts");
        drivers = List.copyOf(drivers);
        notes = List.copyOf(notes);
        problems = List.copyOf(problems);
    }

    /**
     * How many of each thing the root holds.
     *
     * @param images     images
     * @param containers containers
     * @param volumes    volumes
     * @param layers     layers known to the image metadata
     */
    public record Counts(int images, int containers, int volumes, int layers) {
    }

    /**
     * Summarises an opened root.
     *
     * @param root the root
     * @return its info
     */
    public static InfoDocument of(DockerRoot root) {
        Counts counts = new Counts(root.images().size(), root.containers().size(), root.volumes().size(),
                root.layers().size());
        return new InfoDocument(root.generation(), root.drivers(), counts, root.notes(), root.problems(),
                root.path().toString(), root.filesystemRoot().map(Object::toString).orElse(null));
    }
}
