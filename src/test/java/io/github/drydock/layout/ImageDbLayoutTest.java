package io.github.drydock.layout;

import io.github.drydock.model.ContainerConfig;
import io.github.drydock.model.ContainerLayer;
import io.github.drydock.model.DockerStorageException;
import io.github.drydock.model.HistoryEntry;
import io.github.drydock.model.Image;
import io.github.drydock.model.Layer;
import io.github.drydock.model.LayerKind;
import io.github.drydock.model.Problem;
import io.github.drydock.testing.ModernRootBuilder;
import io.github.drydock.testing.ModernRootBuilder.BuiltContainer;
import io.github.drydock.testing.ModernRootBuilder.BuiltImage;
import io.github.drydock.testing.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ImageDbLayoutTest {
    @TempDir
    Path tmp;

    /** What one read produced. */
    record Read(ImageDbLayout store, List<Problem> problems) {
        Image image(String id) {
            return store.images().stream().filter(i -> i.id().equals(id)).findFirst().orElseThrow();
        }
    }

    static Read read(Path root) throws DockerStorageException {
        RootDetector.Detected detected = RootDetector.detect(root);
        RootContext context = new RootContext(detected.root(), detected.filesystemRoot());
        ImageDbLayout store = ImageDbLayout.read(context, detected.drivers());
        return new Read(store, List.copyOf(context.problems()));
    }

    @Test
    void readsIdsTagsDigestsAndParentsWithRealIds() throws Exception {
        ModernRootBuilder b = ModernRootBuilder.create(tmp.resolve("docker"), "overlay2");
        BuiltImage base = b.image().layer("base rootfs").emptyStep("/bin/sh -c #(nop)  CMD [\"sh\"]")
                .tag("example/tiny:1", "example/tiny:latest").build();
        String digest = "example/tiny@sha256:" + ModernRootBuilder.sha256("manifest");
        BuiltImage child = b.image().layers(base).layer("app files").parent(base)
                .tag("example/app:2", digest).lastUpdated("2026-12-04T19:20:57.898888443Z").build();

        Read read = read(b.root());

        assertThat(read.problems()).isEmpty();
        assertThat(read.store().driver()).isEqualTo("overlay2");
        assertThat(base.id()).isEqualTo(ModernRootBuilder.sha256(base.config()));
        assertThat(read.store().images()).extracting(Image::id)
                .containsExactlyElementsOf(List.of(base.id(), child.id()).stream().sorted().toList());
        Image tiny = read.image(base.id());
        assertThat(tiny.repoTags()).containsExactly("example/tiny:1", "example/tiny:latest");
        assertThat(tiny.repoDigests()).isEmpty();
        assertThat(tiny.parentId()).isNull();
        Image app = read.image(child.id());
        assertThat(app.repoTags()).containsExactly("example/app:2");
        assertThat(app.repoDigests()).containsExactly(digest);
        assertThat(app.parentId()).isEqualTo(base.id());
        assertThat(app.source()).isEqualTo(child.contentFile());
        assertThat(app.driver()).isEqualTo("overlay2");
        assertThat(read.store().lastTagTime(child.id())).contains(Instant.parse("2026-12-04T19:20:57.898888443Z"));
        assertThat(read.store().lastTagTime(base.id())).isEmpty();
    }

    @Test
    void layersAreBaseFirstWithRecomputedChainIdsAndDriverPaths() throws Exception {
        ModernRootBuilder b = ModernRootBuilder.create(tmp.resolve("docker"), "overlay2");
        BuiltImage built = b.image().layer("one").layer("two").layer("three").build();

        Read read = read(b.root());

        assertThat(read.problems()).isEmpty();
        List<Layer> layers = read.image(built.id()).layers();
        assertThat(layers).extracting(Layer::diffId).containsExactly(
                ModernRootBuilder.sha256("one"), ModernRootBuilder.sha256("two"), ModernRootBuilder.sha256("three"));
        String chain1 = ModernRootBuilder.sha256("one");
        String chain2 = ModernRootBuilder.sha256("sha256:" + chain1 + " sha256:" + ModernRootBuilder.sha256("two"));
        assertThat(layers).extracting(Layer::id).containsExactly(chain1, chain2, built.layers().get(2).chainId());
        assertThat(layers).extracting(Layer::parentId).containsExactly(null, chain1, chain2);
        Layer top = layers.get(2);
        assertThat(top.cacheId()).isEqualTo(built.top().cacheId());
        assertThat(top.path()).isEqualTo(b.home().resolve(top.cacheId()).resolve("diff"));
        assertThat(TestFiles.read(top.path().resolve("layer.txt"))).isEqualTo("three");
        assertThat(top.kind()).isEqualTo(LayerKind.DIFF);
        assertThat(top.driver()).isEqualTo("overlay2");
        assertThat(top.size()).isEqualTo(5);
        assertThat(top.tarSplit()).isEqualTo(b.imageTree().resolve("layerdb/sha256").resolve(top.id())
                .resolve("tar-split.json.gz"));
        assertThat(read.store().layers()).extracting(Layer::id).containsExactlyInAnyOrder(chain1, chain2, top.id());
        assertThat(read.image(built.id()).size()).isEqualTo(3 + 3 + 5);
        assertThat(read.image(built.id()).virtualSize()).isEqualTo(11);
    }

    @Test
    void imagesSharingABaseShareItsLayerObjects() throws Exception {
        ModernRootBuilder b = ModernRootBuilder.create(tmp.resolve("docker"), "overlay2");
        BuiltImage base = b.image().layer("base").build();
        BuiltImage a = b.image().layers(base).layer("a").build();
        BuiltImage c = b.image().layers(base).layer("c").build();

        Read read = read(b.root());

        assertThat(read.problems()).isEmpty();
        assertThat(read.store().layers()).hasSize(3);
        assertThat(read.image(a.id()).layers().get(0)).isSameAs(read.image(c.id()).layers().get(0));
        assertThat(read.image(a.id()).layers().get(0).id()).isEqualTo(base.top().chainId());
    }

    @Test
    void historyKeepsEmptyStepsAndGivesEachStepItsOwnLayerSize() throws Exception {
        ModernRootBuilder b = ModernRootBuilder.create(tmp.resolve("docker"), "vfs");
        BuiltImage built = b.image().layer("12345").emptyStep("/bin/sh -c #(nop)  ENV A=1")
                .layer("1234567").emptyStep("/bin/sh -c #(nop)  CMD [\"sh\"]").build();

        Read read = read(b.root());

        List<HistoryEntry> history = read.image(built.id()).history();
        assertThat(history).extracting(HistoryEntry::createdBy).containsExactly(
                "/bin/sh -c #(nop) ADD 12345", "/bin/sh -c #(nop)  ENV A=1",
                "/bin/sh -c #(nop) ADD 1234567", "/bin/sh -c #(nop)  CMD [\"sh\"]");
        assertThat(history).extracting(HistoryEntry::emptyLayer).containsExactly(false, true, false, true);
        assertThat(history).extracting(HistoryEntry::size).containsExactly(5L, 0L, 7L, 0L);
        assertThat(history.get(0).created()).isEqualTo(Instant.parse("2023-11-14T22:13:20Z"));
        assertThat(history).extracting(HistoryEntry::imageId).containsOnlyNulls();
        assertThat(read.problems()).isEmpty();
    }

    @Test
    void configFieldsMapToTheModel() throws Exception {
        ModernRootBuilder b = ModernRootBuilder.create(tmp.resolve("docker"), "overlay2");
        BuiltImage built = b.image().layer("x")
                .set("architecture", "arm64").set("os", "linux").set("author", "Jane <j@example.org>")
                .set("comment", "made by hand").set("docker_version", "29.1.0")
                .set("created", "2024-02-03T04:05:06.5+02:00")
                .config("Cmd", "mysqld --verbose")
                .config("Entrypoint", List.of("docker-entrypoint.sh", "--"))
                .config("Env", List.of("A=1", "B=2"))
                .config("User", "mysql").config("WorkingDir", "/var/lib/mysql").config("Hostname", "db")
                .config("ExposedPorts", Map.of("3306/tcp", Map.of(), "33060/tcp", Map.of()))
                .config("Volumes", Map.of("/var/lib/mysql", Map.of()))
                .config("Labels", Map.of("org.example.role", "db"))
                .build();

        Image image = read(b.root()).image(built.id());

        assertThat(image.architecture()).isEqualTo("arm64");
        assertThat(image.os()).isEqualTo("linux");
        assertThat(image.author()).isEqualTo("Jane <j@example.org>");
        assertThat(image.comment()).isEqualTo("made by hand");
        assertThat(image.dockerVersion()).isEqualTo("29.1.0");
        assertThat(image.created()).isEqualTo(Instant.parse("2024-02-03T02:05:06.5Z"));
        ContainerConfig config = image.config();
        assertThat(config.cmd()).containsExactly("mysqld --verbose");
        assertThat(config.entrypoint()).containsExactly("docker-entrypoint.sh", "--");
        assertThat(config.env()).containsExactly("A=1", "B=2");
        assertThat(config.user()).isEqualTo("mysql");
        assertThat(config.workingDir()).isEqualTo("/var/lib/mysql");
        assertThat(config.hostname()).isEqualTo("db");
        assertThat(config.exposedPorts()).containsExactly("3306/tcp", "33060/tcp");
        assertThat(config.volumes()).containsExactly("/var/lib/mysql");
        assertThat(config.labels()).containsExactly(Map.entry("org.example.role", "db"));
    }

    @Test
    void commentFallsBackToTheLastHistoryStepAsDockerInspectShowsIt() throws Exception {
        ModernRootBuilder b = ModernRootBuilder.create(tmp.resolve("docker"), "overlay2");
        BuiltImage committed = b.image().layer("x").history("comment", "commit of c-run").build();
        BuiltImage own = b.image().layer("y").set("comment", "own").history("comment", "step").build();

        Read read = read(b.root());

        assertThat(read.image(committed.id()).comment()).isEqualTo("commit of c-run");
        assertThat(read.image(own.id()).comment()).isEqualTo("own");
    }

    @Test
    void imageWithNoLayersHasSizeZeroAndNoLayers() throws Exception {
        ModernRootBuilder b = ModernRootBuilder.create(tmp.resolve("docker"), "overlay2");
        BuiltImage built = b.image().emptyStep("/bin/sh -c #(nop)  LABEL a=b").build();

        Read read = read(b.root());

        assertThat(read.problems()).isEmpty();
        assertThat(read.image(built.id()).layers()).isEmpty();
        assertThat(read.image(built.id()).size()).isZero();
        assertThat(read.image(built.id()).history()).extracting(HistoryEntry::size).containsExactly(0L);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "overlay2, DIFF, {cache}/diff",
            "fuse-overlayfs, DIFF, {cache}/diff",
            "overlay, SNAPSHOT, {cache}/root",
            "aufs, DIFF, diff/{cache}",
            "vfs, SNAPSHOT, dir/{cache}",
            "btrfs, SNAPSHOT, subvolumes/{cache}"})
    void everyReadableDriverHasItsLayerFolder(String driver, LayerKind kind, String relative) throws Exception {
        ModernRootBuilder b = ModernRootBuilder.create(tmp.resolve("docker"), driver);
        BuiltImage built = b.image().layer("base").layer("top").build();

        Read read = read(b.root());

        assertThat(read.problems()).isEmpty();
        assertThat(read.store().driver()).isEqualTo(driver);
        for (int i = 0; i < 2; i++) {
            Layer layer = read.image(built.id()).layers().get(i);
            assertThat(layer.kind()).isEqualTo(kind);
            assertThat(layer.path()).isEqualTo(b.home().resolve(relative.replace("{cache}", layer.cacheId())));
            assertThat(TestFiles.read(layer.path().resolve("layer.txt"))).isEqualTo(i == 0 ? "base" : "top");
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"zfs", "devicemapper"})
    void unreadableDriversListLayersWithoutPaths(String driver) throws Exception {
        ModernRootBuilder b = ModernRootBuilder.create(tmp.resolve("docker"), driver);
        BuiltImage built = b.image().layer("base").build();
        BuiltContainer c = b.container("c".repeat(64), built);

        Read read = read(b.root());

        assertThat(read.problems()).isEmpty();
        Layer layer = read.image(built.id()).layers().get(0);
        assertThat(layer.kind()).isEqualTo(LayerKind.UNREADABLE);
        assertThat(layer.path()).isNull();
        assertThat(layer.cacheId()).isEqualTo(built.top().cacheId());
        ContainerLayer container = read.store().containerLayer(c.id()).orElseThrow();
        assertThat(container.kind()).isEqualTo(LayerKind.UNREADABLE);
        assertThat(container.mountId()).isEqualTo(c.mountId());
        assertThat(container.path()).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "overlay2, DIFF, {id}/diff",
            "overlay, DIFF, {id}/upper",
            "aufs, DIFF, diff/{id}",
            "vfs, SNAPSHOT, dir/{id}",
            "btrfs, SNAPSHOT, subvolumes/{id}"})
    void containerLayersPointAtTheirMountAndInitFolders(String driver, LayerKind kind, String relative)
            throws Exception {
        ModernRootBuilder b = ModernRootBuilder.create(tmp.resolve("docker"), driver);
        BuiltImage built = b.image().layer("base").layer("top").build();
        String id = "3b03d0".repeat(10) + "abcd";
        BuiltContainer c = b.container(id, built);

        Read read = read(b.root());

        assertThat(read.problems()).isEmpty();
        ContainerLayer layer = read.store().containerLayer(id).orElseThrow();
        assertThat(layer.mountId()).isEqualTo(c.mountId());
        assertThat(layer.initId()).isEqualTo(c.mountId() + "-init");
        assertThat(layer.driver()).isEqualTo(driver);
        assertThat(layer.kind()).isEqualTo(kind);
        assertThat(layer.path()).isEqualTo(b.home().resolve(relative.replace("{id}", c.mountId())));
        assertThat(layer.initPath()).isEqualTo(b.home().resolve(relative.replace("{id}", c.initId())));
        assertThat(read.store().containerLayer("f".repeat(64))).isEmpty();
    }

    @Test
    void containerOfAnImageWithoutLayersHasNoParent() throws Exception {
        ModernRootBuilder b = ModernRootBuilder.create(tmp.resolve("docker"), "overlay2");
        BuiltImage scratch = b.image().emptyStep("CMD [\"/hello\"]").build();
        BuiltContainer c = b.container("a".repeat(64), scratch);

        Read read = read(b.root());

        assertThat(read.problems()).isEmpty();
        assertThat(read.store().containerLayer(c.id()).orElseThrow().path()).isEqualTo(c.folder());
    }

    @Test
    void rootWithContainersButNoImagesStillListsContainerLayers() throws Exception {
        ModernRootBuilder b = ModernRootBuilder.create(tmp.resolve("docker"), "vfs");
        BuiltImage built = b.image().layer("base").build();
        BuiltContainer c = b.container("b".repeat(64), built);
        Files.delete(built.contentFile());

        Read read = read(b.root());

        assertThat(read.store().images()).isEmpty();
        assertThat(read.store().layers()).hasSize(1);
        assertThat(read.store().containerLayer(c.id()).orElseThrow().path()).isEqualTo(c.folder());
        assertThat(read.problems()).isEmpty();
    }

    @Test
    void emptyStoreReadsAsNothing() throws Exception {
        ModernRootBuilder b = ModernRootBuilder.create(tmp.resolve("docker"), "overlay2");

        Read read = read(b.root());

        assertThat(read.store().images()).isEmpty();
        assertThat(read.store().layers()).isEmpty();
        assertThat(read.problems()).isEmpty();
    }
}
