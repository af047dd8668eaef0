package io.github.drydock.archive;

import io.github.drydock.driver.NodeInspector;
import io.github.drydock.model.DockerStorageException;
import io.github.drydock.model.Volume;
import io.github.drydock.union.UnionView;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * Writes a volume's data folder as a tar, member names relative to the folder, with the same header
 * rules as {@link ExportWriter} (the folder is read as a view of one snapshot layer).
 */
public final class VolumeExport {
    private VolumeExport() {
    }

    /**
     * Exports a volume.
     *
     * @param volume    the volume
     * @param inspector the file-fact seam
     * @param out       where the tar goes; never closed
     * @return counts, skipped paths and problems
     * @throws IOException when the volume has no data folder or writing fails
     */
    public static ExportResult write(Volume volume, NodeInspector inspector, OutputStream out) throws IOException {
        if (volume.path() == null) {
            throw new DockerStorageException("volume " + volume.name() + " has no data folder on this disk", null);
        }
        return write(volume.path(), volume.name(), inspector, out);
    }

    /**
     * Exports any folder the same way.
     *
     * @param folder    the folder (a real folder, not a symlink)
     * @param name      a name for messages
     * @param inspector the file-fact seam
     * @param out       where the tar goes; never closed
     * @return counts, skipped paths and problems
     * @throws IOException when writing fails
     */
    public static ExportResult write(Path folder, String name, NodeInspector inspector, OutputStream out)
            throws IOException {
        return ExportWriter.write(UnionView.ofFolder(folder, name, inspector), out);
    }
}
