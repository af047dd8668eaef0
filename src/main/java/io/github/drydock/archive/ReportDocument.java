package io.github.drydock.archive;

import io.github.drydock.model.Container;
import io.github.drydock.model.Driver;
import io.github.drydock.model.Generation;
import io.github.drydock.model.Image;
import io.github.drydock.model.LayerFolder;
import io.github.drydock.model.Problem;
import io.github.drydock.model.Volume;

import java.time.Instant;
import java.util.List;

/**
 * The content of {@code report.json}. Images, containers, volumes and layer folders have the shapes
 * {@code drydock images/containers/volumes/layers --json} print.
 *
 * @param tool        always {@code drydock}
 * @param version     the drydock version
 * @param commandLine the exact command line, program name first
 * @param generatedAt when the run started (UTC)
 * @param info        the root: where, generation, drivers, notes, counts
 * @param images      every image
 * @param containers  every container
 * @param volumes     every volume
 * @param layers      every layer folder on disk, owners and orphans
 * @param problems    every problem: reading the root, listing layer folders, walking for the timeline
 * @param files       the other files of the report folder
 */
public record ReportDocument(String tool, String version, List<String> commandLine, Instant generatedAt, Info info,
                             List<Image> images, List<Container> containers, List<Volume> volumes,
                             List<LayerFolder> layers, List<Problem> problems, List<String> files) {
    /** The tool's name in every report. */
    public static final String TOOL = "drydock";

    /**
     * The root.
     *
     * @param root           the Docker root read
     * @param filesystemRoot the folder standing for the host's {@code /}, or null
     * @param generation     the storage generation
     * @param drivers        every driver found
     * @param notes          facts worth telling
     * @param counts         how many of each
     */
    public record Info(String root, String filesystemRoot, Generation generation, List<Driver> drivers,
                       List<String> notes, Counts counts) {
    }

    /**
     * How many of each thing.
     *
     * @param images        images
     * @param containers    containers
     * @param volumes       volumes
     * @param layerFolders  layer folders on disk
     * @param orphanFolders layer folders nobody uses
     * @param timelineRows  rows of the timeline
     * @param problems      problems
     */
    public record Counts(int images, int containers, int volumes, int layerFolders, long orphanFolders,
                         long timelineRows, int problems) {
    }
}
