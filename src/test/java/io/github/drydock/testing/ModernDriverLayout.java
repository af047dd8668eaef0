package io.github.drydock.testing;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** How {@link ModernRootBuilder} lays out layer folders for each driver, as each Docker driver does. */
final class ModernDriverLayout {
    private ModernDriverLayout() {
    }

    /**
     * Creates an image layer's folder.
     *
     * @param b        the builder
     * @param cacheId  the layer's cache id
     * @param lowerIds the cache ids below it, nearest first
     * @return the folder that holds the layer's files
     */
    static Path imageLayer(ModernRootBuilder b, String cacheId, List<String> lowerIds) {
        Path home = b.home();
        return switch (b.driver()) {
            case "overlay2", "fuse-overlayfs" -> overlay2(home, cacheId, lowerIds);
            case "overlay" -> TestFiles.mkdirs(home.resolve(cacheId).resolve("root"));
            case "aufs" -> aufs(home, cacheId, lowerIds);
            case "vfs" -> TestFiles.mkdirs(home.resolve("dir").resolve(cacheId));
            case "btrfs" -> TestFiles.mkdirs(home.resolve("subvolumes").resolve(cacheId));
            default -> TestFiles.mkdirs(home.resolve("graph").resolve(cacheId));
        };
    }

    /**
     * Creates a container layer's folder.
     *
     * @param b        the builder
     * @param id       the mount id or init id
     * @param lowerIds the ids below it, nearest first (init layer, then the image's layers)
     * @return the folder that holds the layer's files
     */
    static Path containerLayer(ModernRootBuilder b, String id, List<String> lowerIds) {
        Path home = b.home();
        if (b.driver().equals("overlay")) {
            Path dir = home.resolve(id);
            String imageTop = lowerIds.stream().filter(l -> !l.endsWith("-init")).findFirst().orElse("");
            TestFiles.write(dir.resolve("lower-id"), imageTop);
            TestFiles.mkdirs(dir.resolve("work"));
            return TestFiles.mkdirs(dir.resolve("upper"));
        }
        return imageLayer(b, id, lowerIds);
    }

    private static Path overlay2(Path home, String id, List<String> lowerIds) {
        Path dir = home.resolve(id);
        String link = ModernRootBuilder.link(id);
        TestFiles.write(dir.resolve("link"), link);
        TestFiles.symlink(home.resolve("l").resolve(link), "../" + id + "/diff");
        if (!lowerIds.isEmpty()) {
            TestFiles.write(dir.resolve("lower"), lowerIds.stream()
                    .map(l -> "l/" + ModernRootBuilder.link(l)).collect(Collectors.joining(":")));
            TestFiles.mkdirs(dir.resolve("work"));
        }
        return TestFiles.mkdirs(dir.resolve("diff"));
    }

    private static Path aufs(Path home, String id, List<String> lowerIds) {
        TestFiles.write(home.resolve("layers").resolve(id), lowerIds.stream().map(l -> l + "\n").collect(Collectors.joining()));
        TestFiles.mkdirs(home.resolve("mnt").resolve(id));
        return TestFiles.mkdirs(home.resolve("diff").resolve(id));
    }
}
