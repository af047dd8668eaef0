package io.github.drydock.layout;

import io.github.drydock.model.Driver;
import io.github.drydock.model.Generation;
import io.github.drydock.testing.ModernRootBuilder;
import io.github.drydock.testing.ModernRootBuilder.BuiltImage;
import io.github.drydock.testing.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** How {@link RootDetector} tells 1.10+ roots apart: several driver trees, and Docker 29's containerd store. */
class ModernRootDetectionTest {
    private static final String BLOB = "4".repeat(64);

    @TempDir
    Path tmp;

    private Path root() {
        return tmp.resolve("docker");
    }

    @Test
    void ofTwoDriverTreesTheOneWrittenLastIsRead() throws Exception {
        ModernRootBuilder overlay = ModernRootBuilder.create(root(), "overlay");
        overlay.image().layer("old").tag("old:1").build();
        ModernRootBuilder overlay2 = ModernRootBuilder.create(root(), "overlay2");
        overlay2.image().layer("new").tag("new:1").build();
        touchTree(overlay.imageTree(), "2019-01-01T00:00:00Z");
        touchTree(overlay2.imageTree(), "2024-01-01T00:00:00Z");

        RootDetector.Detected detected = RootDetector.detect(root());

        assertThat(detected.generation()).isEqualTo(Generation.MODERN);
        assertThat(detected.activeDriver()).map(Driver::name).contains("overlay2");
        assertThat(detected.drivers()).extracting(Driver::name).contains("overlay", "overlay2");
        assertThat(detected.notes()).contains("image metadata of several drivers (overlay, overlay2): overlay2 is read"
                + " because its metadata was written last; the others are listed as drivers only");

        touchTree(overlay.imageTree(), "2025-01-01T00:00:00Z");
        assertThat(RootDetector.detect(root()).activeDriver()).map(Driver::name).contains("overlay");
    }

    @Test
    void onEqualTimesTheTreeHoldingLiveContainersIsRead() throws Exception {
        ModernRootBuilder overlay = ModernRootBuilder.create(root(), "overlay");
        BuiltImage old = overlay.image().layer("old").build();
        overlay.container("a".repeat(64), old);
        TestFiles.mkdirs(root().resolve("containers").resolve("a".repeat(64)));
        ModernRootBuilder overlay2 = ModernRootBuilder.create(root(), "overlay2");
        overlay2.image().layer("new").build();
        touchTree(overlay.imageTree(), "2024-01-01T00:00:00Z");
        touchTree(overlay2.imageTree(), "2024-01-01T00:00:00Z");

        RootDetector.Detected detected = RootDetector.detect(root());

        assertThat(detected.activeDriver()).map(Driver::name).contains("overlay");
        assertThat(detected.notes()).anyMatch(n -> n.contains("overlay is read because it holds the layers of more"
                + " existing containers"));
    }

    @Test
    void onAFullTieDockersPriorityDecides() throws Exception {
        ModernRootBuilder.create(root(), "aufs").image().layer("a").build();
        ModernRootBuilder.create(root(), "overlay2").image().layer("b").build();
        touchTree(root().resolve("image"), "2024-01-01T00:00:00Z");

        RootDetector.Detected detected = RootDetector.detect(root());

        assertThat(detected.activeDriver()).map(Driver::name).contains("overlay2");
        assertThat(detected.notes()).anyMatch(n -> n.contains("overlay2 is read because Docker prefers it"));
    }

    @Test
    void docker29ContainerdStoreRootIsContainerdGeneration() throws Exception {
        TestFiles.write(root().resolve("containerd/daemon/io.containerd.content.v1.content/blobs/sha256").resolve(BLOB),
                "{}");
        TestFiles.mkdirs(root().resolve("containerd/daemon/io.containerd.snapshotter.v1.overlayfs/snapshots/1/fs"));
        TestFiles.write(root().resolve("containerd/daemon/io.containerd.metadata.v1.bolt/meta.db"), "bolt");
        TestFiles.write(root().resolve("containers").resolve("c".repeat(64)).resolve("config.v2.json"), "{}");
        TestFiles.mkdirs(root().resolve("volumes"));

        RootDetector.Detected detected = RootDetector.detect(tmp);

        assertThat(detected.root()).isEqualTo(root());
        assertThat(detected.generation()).isEqualTo(Generation.CONTAINERD);
        assertThat(detected.notes()).containsExactly("images live in the containerd image store (containerd/daemon/,"
                + " snapshotter overlayfs); reading them is not supported yet: containers and volumes are still listed");
    }

    @Test
    void emptyGraphDriverTreeBesideAContainerdStoreIsContainerdGeneration() throws Exception {
        ModernRootBuilder.create(root(), "overlay2");
        TestFiles.write(root().resolve("containerd/daemon/io.containerd.content.v1.content/blobs/sha256").resolve(BLOB),
                "{}");

        assertThat(RootDetector.detect(root()).generation()).isEqualTo(Generation.CONTAINERD);
    }

    @Test
    void graphDriverImagesWinOverAContainerdStoreButItIsNoted() throws Exception {
        ModernRootBuilder.create(root(), "overlay2").image().layer("x").build();
        TestFiles.write(root().resolve("containerd/daemon/io.containerd.content.v1.content/blobs/sha256").resolve(BLOB),
                "{}");

        RootDetector.Detected detected = RootDetector.detect(root());

        assertThat(detected.generation()).isEqualTo(Generation.MODERN);
        assertThat(detected.notes()).containsExactly("the containerd image store (containerd/daemon/) holds images"
                + " too; only the graph driver's images are listed");
    }

    @Test
    void containerdKeepingOnlyContainerRecordsDoesNotMakeAContainerdRoot() throws Exception {
        ModernRootBuilder.create(root(), "overlay2").image().layer("x").build();
        TestFiles.write(root().resolve("containerd/daemon/io.containerd.metadata.v1.bolt/meta.db"), "bolt");
        TestFiles.mkdirs(root().resolve("containerd/daemon/io.containerd.content.v1.content/ingest"));

        RootDetector.Detected detected = RootDetector.detect(root());

        assertThat(detected.generation()).isEqualTo(Generation.MODERN);
        assertThat(detected.notes()).isEmpty();
    }

    @Test
    void systemContainerdOfAMountedDiskIsFoundWhenTheRootHasNoImageFolder() throws Exception {
        Path disk = tmp.resolve("disk");
        TestFiles.write(disk.resolve("var/lib/docker/containers").resolve("c".repeat(64)).resolve("config.v2.json"),
                "{}");
        Path store = disk.resolve("var/lib/containerd");
        TestFiles.write(store.resolve("io.containerd.content.v1.content/blobs/sha256").resolve(BLOB), "{}");

        RootDetector.Detected detected = RootDetector.detect(disk);

        assertThat(detected.generation()).isEqualTo(Generation.CONTAINERD);
        assertThat(detected.notes()).singleElement().asString().contains("(" + store.toAbsolutePath() + ")");
    }

    @Test
    void unknownDriverTreeIsListedAsUnreadableAndRead() throws Exception {
        ModernRootBuilder b = ModernRootBuilder.create(root(), "mydriver");
        BuiltImage built = b.image().layer("x").build();

        RootDetector.Detected detected = RootDetector.detect(root());

        assertThat(detected.drivers()).filteredOn(d -> d.name().equals("mydriver")).singleElement()
                .satisfies(d -> {
                    assertThat(d.active()).isTrue();
                    assertThat(d.readable()).isFalse();
                });
        ImageDbLayoutTest.Read read = ImageDbLayoutTest.read(root());
        assertThat(read.image(built.id()).layers()).singleElement()
                .satisfies(l -> assertThat(l.kind()).isEqualTo(io.github.drydock.model.LayerKind.UNREADABLE));
        assertThat(read.problems()).isEmpty();
    }

    /** Sets the modification time of a folder and everything under it. */
    private static void touchTree(Path dir, String time) throws Exception {
        FileTime fileTime = FileTime.from(Instant.parse(time));
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(p -> !Files.isSymbolicLink(p)).toList()) {
                Files.setLastModifiedTime(p, fileTime);
            }
        }
    }
}
