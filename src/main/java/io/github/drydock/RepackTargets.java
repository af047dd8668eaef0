package io.github.drydock;

import io.github.drydock.model.DockerStorageException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps output out of the evidence: a target file or folder inside the Docker root, or inside the mounted
 * file system it was found in, is refused. Symlinks on the way are resolved before comparing.
 */
final class RepackTargets {
    private RepackTargets() {
    }

    /**
     * @param root   the opened root
     * @param target where an archive is to be written
     * @throws DockerStorageException when the target lies inside the root (or its file system root)
     */
    static void refuseInsideRoot(DockerRoot root, RepackTarget target) throws DockerStorageException {
        Path path = target instanceof RepackTarget.File file ? file.path()
                : target instanceof RepackTarget.Folder folder ? folder.path() : null;
        if (path == null) {
            return;
        }
        Path resolved = real(path.toAbsolutePath().normalize());
        List<Path> evidence = new ArrayList<>();
        evidence.add(root.path());
        root.filesystemRoot().ifPresent(evidence::add);
        for (Path protectedPath : evidence) {
            Path real = real(protectedPath.toAbsolutePath().normalize());
            if (resolved.startsWith(real)) {
                throw new DockerStorageException("refusing to write " + path + ": it is inside the evidence "
                        + protectedPath + ", which drydock never modifies; write the archive elsewhere", path);
            }
        }
    }

    /** The real path of the deepest existing ancestor, with the rest appended (the target may not exist yet). */
    private static Path real(Path path) {
        Path existing = path;
        Path rest = path.getFileSystem().getPath("");
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            rest = existing.getFileName().resolve(rest);
            existing = existing.getParent();
        }
        if (existing == null) {
            return path;
        }
        try {
            return existing.toRealPath().resolve(rest).normalize();
        } catch (IOException e) {
            return path;
        }
    }
}
