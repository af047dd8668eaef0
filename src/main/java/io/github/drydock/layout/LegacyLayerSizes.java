package io.github.drydock.layout;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;

/**
 * Computes a layer's own size when {@code layersize} is lost, as Docker's {@code directory.Size}
 * did: the sum of the sizes of every non-folder entry, a hard-linked inode counted once, symlinks
 * not followed ({@code pkg/directory/directory_unix.go} v1.9.1). One streaming walk; nothing is opened.
 */
final class LegacyLayerSizes {
    private LegacyLayerSizes() {
    }

    /**
     * @param folder a layer folder inside the root
     * @return its size in bytes, or -1 when the walk fails
     */
    static long of(Path folder) {
        long[] total = {0};
        Set<Object> seenInodes = new HashSet<>();
        try {
            Files.walkFileTree(folder, EnumSet.noneOf(java.nio.file.FileVisitOption.class), Integer.MAX_VALUE,
                    new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                            Object inode = attributes.fileKey();
                            if (attributes.size() > 0 && (inode == null || seenInodes.add(inode))) {
                                total[0] += attributes.size();
                            }
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                            throw e;
                        }
                    });
            return total[0];
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
