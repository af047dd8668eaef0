package io.github.drydock.archive;

import io.github.drydock.model.DockerStorageException;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Writes archive members as files into a folder (an OCI image layout folder, or an unpacked
 * {@code docker save}), with the members' modification times. Used on a fresh temp folder that
 * {@link SaveWriter} renames into place when complete.
 */
final class SaveFolderWriter implements SaveSink {
    private final Path root;
    private final List<SaveEntry.Folder> folders = new ArrayList<>();
    private long bytes;

    /** @param root an empty folder */
    SaveFolderWriter(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public void write(SaveEntry entry) throws IOException {
        Path path = resolve(entry.name());
        if (entry instanceof SaveEntry.Folder folder) {
            Files.createDirectories(path);
            folders.add(folder);
        } else if (entry instanceof SaveEntry.Symlink link) {
            Files.createSymbolicLink(path, Path.of(link.target()));
            setTime(path, entry.mtime());
        } else if (entry instanceof SaveEntry.Bytes file) {
            Files.write(path, file.content(), StandardOpenOption.CREATE_NEW);
            bytes += file.content().length;
            setTime(path, entry.mtime());
        } else {
            layer(path, (SaveEntry.LayerTar) entry);
        }
    }

    @Override
    public void finish() throws IOException {
        // a folder's time changes whenever something is created in it: set the times last, deepest first
        for (int i = folders.size() - 1; i >= 0; i--) {
            setTime(resolve(folders.get(i).name()), folders.get(i).mtime());
        }
    }

    @Override
    public long bytes() {
        return bytes;
    }

    private void layer(Path path, SaveEntry.LayerTar layer) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(path, StandardOpenOption.CREATE_NEW), 1 << 16)) {
            layer.source().writeTo(out);
        }
        long written = Files.size(path);
        if (written != layer.source().size()) {
            throw new DockerStorageException("layer " + layer.name() + " produced " + written + " bytes, "
                    + layer.source().size() + " were planned", path);
        }
        bytes += written;
        setTime(path, layer.mtime());
    }

    private Path resolve(String name) {
        Path path = root.resolve(name).normalize();
        if (!path.startsWith(root) || path.equals(root)) {
            throw new IllegalStateException("archive member outside the output folder: " + name);
        }
        return path;
    }

    private static void setTime(Path path, long seconds) throws IOException {
        FileTime time = FileTime.from(seconds, TimeUnit.SECONDS);
        Files.getFileAttributeView(path, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).setTimes(time, time, null);
    }
}
