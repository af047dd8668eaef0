package io.github.drydock.archive;

import io.github.drydock.model.Container;
import io.github.drydock.model.Driver;
import io.github.drydock.model.Generation;
import io.github.drydock.model.Image;
import io.github.drydock.model.LayerFolder;
import io.github.drydock.model.Problem;
import io.github.drydock.model.Volume;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Everything a report tells about a root, read before the report is written.
 *
 * @param toolVersion    the drydock version that made it
 * @param commandLine    the exact command line, program name first
 * @param generatedAt    when the run started
 * @param root           the Docker root read
 * @param filesystemRoot the folder standing for the host's {@code /}, or null
 * @param generation     the storage generation
 * @param drivers        every driver found
 * @param notes          facts about the root worth telling
 * @param images         every image
 * @param containers     every container
 * @param volumes        every volume
 * @param layers         every layer folder on disk, with owners
 * @param problems       damage found while reading (the timeline adds its own)
 */
public record ReportInput(String toolVersion, List<String> commandLine, Instant generatedAt, Path root,
                          Path filesystemRoot, Generation generation, List<Driver> drivers, List<String> notes,
                          List<Image> images, List<Container> containers, List<Volume> volumes,
                          List<LayerFolder> layers, List<Problem> problems) {
    /** Validates and copies. */
    public ReportInput {
        Objects.requireNonNull(toolVersion, "toolVersion");
        Objects.requireNonNull(generatedAt, "generatedAt");
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(generation, "generation");
        commandLine = List.copyOf(commandLine);
        drivers = List.copyOf(drivers);
        notes = List.copyOf(notes);
        images = List.copyOf(images);
        containers = List.copyOf(containers);
        volumes = List.copyOf(volumes);
        layers = List.copyOf(layers);
        problems = List.copyOf(problems);
    }
}
