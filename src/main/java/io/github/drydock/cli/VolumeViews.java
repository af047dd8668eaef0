package io.github.drydock.cli;

import io.github.drydock.model.Volume;
import io.github.drydock.model.VolumeUse;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

/** {@code volumes} as a pure function of model records. */
public final class VolumeViews {
    /** CONTAINER cell of a volume no container mounts. */
    public static final String ORPHAN = "(orphan)";
    /** PATH cell of a volume whose data folder is gone. */
    public static final String MISSING = "(missing)";

    private VolumeViews() {
    }

    /**
     * @param volumes every volume
     * @return the same, sorted by name
     */
    public static List<Volume> sorted(List<Volume> volumes) {
        return volumes.stream().sorted(Comparator.comparing(Volume::name)).toList();
    }

    /**
     * Renders the {@code volumes} table: one row per (volume, container) use, one
     * {@value #ORPHAN} row for a volume no container mounts.
     *
     * @param volumes the volumes, in order
     * @param root    the Docker root, to show data paths relative to it
     * @return the table
     */
    public static String table(List<Volume> volumes, Path root) {
        Table table = new Table("NAME", "SIZE", "CONTAINER", "DESTINATION", "PATH");
        for (Volume volume : volumes) {
            String size = HumanSize.format(volume.size());
            String path = volume.path() == null ? MISSING : Text.relative(volume.path(), root);
            if (volume.containers().isEmpty()) {
                table.row(volume.name(), size, ORPHAN, Text.UNKNOWN, path);
            }
            for (VolumeUse use : volume.containers()) {
                String container = use.name() != null ? Text.containerName(use.name()) : Text.shortId(use.id());
                String destination = use.destination() == null ? Text.UNKNOWN : use.destination();
                table.row(volume.name(), size, container, destination, path);
            }
        }
        return table.render();
    }
}
