package io.github.drydock.layout;

import io.github.drydock.model.ContainerLayer;
import io.github.drydock.model.Driver;
import io.github.drydock.model.Image;
import io.github.drydock.model.Layer;
import io.github.drydock.model.LayerKind;
import io.github.drydock.model.Problem;
import io.github.drydock.testing.LegacyRootBuilder;
import io.github.drydock.testing.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Where each driver keeps image and container layers; symlinked layer entries; driver switches. */
class GraphLayoutDriversTest {
    @TempDir
    Path root;

    private RootContext context;

    private GraphLayout read(String active, String... others) {
        context = new RootContext(root, null);
        List<Driver> drivers = new ArrayList<>();
        drivers.add(new Driver(active, root.resolve(active), true, true, 0));
        for (String other : others) {
            drivers.add(new Driver(other, root.resolve(other), false, true, 0));
        }
        return GraphLayout.read(context, drivers);
    }

    private static Layer layer(GraphLayout layout, String id) {
        return layout.layers().stream().filter(l -> l.id().equals(id)).findFirst().orElseThrow();
    }

    private List<String> messages() {
        return context.problems().stream().map(Problem::message).toList();
    }

    @Test
    void eachDriverHasItsLayerFolderAndKind() {
        LegacyRootBuilder b = LegacyRootBuilder.at(root);
        String onVfs = b.image("vfs").write();
        String onOverlay = b.image("overlay").write();
        String onBtrfs = b.image("btrfs").write();
        b.vfsLayers(onVfs);
        b.dir("overlay/" + onOverlay + "/root/etc");
        b.dir("btrfs/subvolumes/" + onBtrfs);
        GraphLayout layout = read("overlay", "btrfs", "vfs");
        assertThat(layer(layout, onOverlay)).extracting(Layer::driver, Layer::kind, Layer::path)
                .containsExactly("overlay", LayerKind.SNAPSHOT, root.resolve("overlay/" + onOverlay + "/root"));
        assertThat(layer(layout, onBtrfs)).extracting(Layer::driver, Layer::kind, Layer::path)
                .containsExactly("btrfs", LayerKind.SNAPSHOT, root.resolve("btrfs/subvolumes/" + onBtrfs));
        assertThat(layer(layout, onVfs)).extracting(Layer::driver, Layer::kind, Layer::path)
                .containsExactly("vfs", LayerKind.SNAPSHOT, root.resolve("vfs/dir/" + onVfs));
        assertThat(layout.driver()).isEqualTo("overlay");
        assertThat(context.problems()).isEmpty();
    }

    @Test
    void layerMissingUnderTheActiveDriverIsFoundUnderAnotherAfterASwitch() {
        LegacyRootBuilder b = LegacyRootBuilder.at(root);
        String old = b.image("pulled under aufs").size(10).write();
        String fresh = b.image("built under overlay").parent(old).size(1).write();
        b.aufsChain(old);
        b.dir("overlay/" + fresh + "/root");
        GraphLayout layout = read("overlay", "aufs");
        Image image = layout.images().stream().filter(i -> i.id().equals(fresh)).findFirst().orElseThrow();
        assertThat(image.layers()).extracting(Layer::driver).containsExactly("aufs", "overlay");
        assertThat(image.layers()).extracting(Layer::path)
                .containsExactly(root.resolve("aufs/diff/" + old), root.resolve("overlay/" + fresh + "/root"));
        assertThat(image.virtualSize()).isEqualTo(11);
        assertThat(context.problems()).isEmpty();
    }

    @Test
    void devicemapperLayersAreUnreadableWithoutProblems() {
        LegacyRootBuilder b = LegacyRootBuilder.at(root);
        String listed = b.image("dm").write();
        String unlisted = b.image("dm without metadata").write();
        b.file("devicemapper/metadata/" + listed, "{\"device_id\":7,\"size\":10737418240,\"transaction_id\":9}");
        b.dir("devicemapper/devicemapper");
        context = new RootContext(root, null);
        GraphLayout layout = GraphLayout.read(context,
                List.of(new Driver("devicemapper", root.resolve("devicemapper"), true, false, 1)));
        assertThat(layer(layout, listed)).extracting(Layer::driver, Layer::kind, Layer::path)
                .containsExactly("devicemapper", LayerKind.UNREADABLE, null);
        assertThat(layer(layout, unlisted).kind()).isEqualTo(LayerKind.UNREADABLE);
        assertThat(context.problems()).isEmpty();
    }

    @Test
    void aufsDiffSymlinkFromThePre07MigrationIsRebasedOntoTheRoot() {
        LegacyRootBuilder b = LegacyRootBuilder.at(root);
        String id = b.image("pre 0.7").write();
        b.aufsLayersFile(id);
        b.file("graph/" + id + "/layer/bin/sh", "#!");
        TestFiles.symlink(root.resolve("aufs/diff/" + id), "/var/lib/docker/graph/" + id + "/layer");
        assertThat(layer(read("aufs"), id).path()).isEqualTo(root.resolve("graph/" + id + "/layer"));
        assertThat(context.problems()).isEmpty();
    }

    @Test
    void aufsDiffSymlinkUnderAnotherOldRootLocationIsStillRebased() {
        LegacyRootBuilder b = LegacyRootBuilder.at(root);
        String id = b.image("pre 0.7 with -g").write();
        b.aufsLayersFile(id);
        b.dir("graph/" + id + "/layer");
        TestFiles.symlink(root.resolve("aufs/diff/" + id), "/srv/docker/graph/" + id + "/layer");
        assertThat(layer(read("aufs"), id).path()).isEqualTo(root.resolve("graph/" + id + "/layer"));
        assertThat(context.problems()).isEmpty();
    }

    @Test
    void aufsDiffSymlinksOutOfTheRootAreRefused() {
        LegacyRootBuilder b = LegacyRootBuilder.at(root);
        String absolute = b.image("to etc").write();
        String relative = b.image("climbing").write();
        String shadow = b.image("to shadow").write();
        b.aufsLayersFile(absolute).aufsLayersFile(relative).aufsLayersFile(shadow);
        TestFiles.symlink(root.resolve("aufs/diff/" + absolute), "/etc");
        TestFiles.symlink(root.resolve("aufs/diff/" + relative), "../../../../../../../../etc");
        TestFiles.symlink(root.resolve("aufs/diff/" + shadow), "/var/lib/docker/../../../etc/shadow");
        GraphLayout layout = read("aufs");
        assertThat(List.of(absolute, relative, shadow)).allSatisfy(id -> assertThat(layer(layout, id).path()).isNull());
        assertThat(messages()).hasSize(3).allSatisfy(m -> assertThat(m).contains("is a symlink to").contains("refused"));
        assertThat(messages()).anySatisfy(m -> assertThat(m).contains("to /etc,"));
    }

    @Test
    void aufsDiffSymlinkInsideTheRootThroughASymlinkedFolderIsRefused() {
        LegacyRootBuilder b = LegacyRootBuilder.at(root);
        String id = b.image("sneaky").write();
        b.aufsLayersFile(id);
        TestFiles.symlink(root.resolve("old"), "/");
        TestFiles.symlink(root.resolve("aufs/diff/" + id), "/var/lib/docker/old/etc");
        assertThat(layer(read("aufs"), id).path()).isNull();
        assertThat(messages()).singleElement().asString().contains("refused");
    }

    @Test
    void symlinkedDriverFolderIsNotEntered() {
        LegacyRootBuilder b = LegacyRootBuilder.at(root);
        String id = b.image("behind a link").write();
        b.dir("elsewhere/dir/" + id);
        TestFiles.symlink(root.resolve("vfs"), root.resolve("elsewhere").toString());
        GraphLayout layout = read("vfs");
        assertThat(layer(layout, id).path()).isNull();
        assertThat(messages()).anySatisfy(m -> assertThat(m).contains("is a symlink; not followed"))
                .anySatisfy(m -> assertThat(m).contains("missing layer folder"));
    }

    @Test
    void aufsAncestorsThatDisagreeWithTheGraphAreAProblem() {
        LegacyRootBuilder b = LegacyRootBuilder.at(root);
        String base = b.image("base").write();
        String mid = b.image("mid").parent(base).write();
        String top = b.image("top").parent(mid).write();
        String other = b.image("other").write();
        b.aufsChain(base, mid, top).aufsChain(other);
        b.file("aufs/layers/" + top, mid + "\n" + other + "\n");
        b.file("aufs/layers/" + mid, base + "\n\n" + other + "\n");
        GraphLayout layout = read("aufs");
        assertThat(layout.images()).hasSize(4);
        assertThat(context.problems()).extracting(Problem::path).containsExactlyInAnyOrder(
                root.resolve("aufs/layers/" + top).toString(), root.resolve("aufs/layers/" + mid).toString());
        assertThat(messages()).anySatisfy(m -> assertThat(m)
                .contains("line 2 is " + other + " where graph/ has " + base))
                .anySatisfy(m -> assertThat(m).contains("lists " + other + " below the base layer"));
    }

    @Test
    void missingAufsAncestorsFileIsAProblem() {
        LegacyRootBuilder b = LegacyRootBuilder.at(root);
        String id = b.image("no layers file").write();
        b.dir("aufs/diff/" + id);
        b.dir("aufs/layers");
        read("aufs");
        assertThat(context.problems()).singleElement().satisfies(p ->
                assertThat(p.path()).isEqualTo(root.resolve("aufs/layers/" + id).toString()));
    }

    @Test
    void containerLayersOfAufs() {
        String cid = LegacyRootBuilder.id("container");
        LegacyRootBuilder.at(root).dir("aufs/diff/" + cid + "/var/log");
        LegacyRootBuilder.at(root).dir("aufs/diff/" + cid + "-init/etc");
        assertThat(read("aufs").containerLayer(cid)).contains(new ContainerLayer(cid, cid + "-init", "aufs",
                root.resolve("aufs/diff/" + cid), root.resolve("aufs/diff/" + cid + "-init"), LayerKind.DIFF));
    }

    @Test
    void containerLayersOfOverlayVfsAndBtrfs() {
        String overlay = LegacyRootBuilder.id("overlay container");
        String vfs = LegacyRootBuilder.id("vfs container");
        String btrfs = LegacyRootBuilder.id("btrfs container");
        LegacyRootBuilder b = LegacyRootBuilder.at(root);
        b.dir("overlay/" + overlay + "/upper");
        b.dir("overlay/" + overlay + "-init/upper");
        b.file("overlay/" + overlay + "/lower-id", LegacyRootBuilder.id("image"));
        b.dir("vfs/dir/" + vfs);
        b.dir("btrfs/subvolumes/" + btrfs);
        b.dir("btrfs/subvolumes/" + btrfs + "-init");
        GraphLayout layout = read("overlay", "vfs", "btrfs");
        assertThat(layout.containerLayer(overlay)).contains(new ContainerLayer(overlay, overlay + "-init", "overlay",
                root.resolve("overlay/" + overlay + "/upper"), root.resolve("overlay/" + overlay + "-init/upper"),
                LayerKind.DIFF));
        assertThat(layout.containerLayer(vfs)).contains(new ContainerLayer(vfs, null, "vfs",
                root.resolve("vfs/dir/" + vfs), null, LayerKind.SNAPSHOT));
        assertThat(layout.containerLayer(btrfs)).contains(new ContainerLayer(btrfs, btrfs + "-init", "btrfs",
                root.resolve("btrfs/subvolumes/" + btrfs), root.resolve("btrfs/subvolumes/" + btrfs + "-init"),
                LayerKind.SNAPSHOT));
    }

    @Test
    void containerLayerIsEmptyForUnknownOrHostileIds() {
        LegacyRootBuilder.at(root).dir("aufs/diff");
        GraphLayout layout = read("aufs");
        assertThat(layout.containerLayer(LegacyRootBuilder.id("nothing"))).isEmpty();
        assertThat(layout.containerLayer("../../../etc")).isEmpty();
        assertThat(layout.containerLayer(null)).isEmpty();
    }

    @Test
    void containerLayerSymlinkedOutOfTheRootIsRefused() {
        String cid = LegacyRootBuilder.id("escaping container");
        TestFiles.symlink(LegacyRootBuilder.at(root).dir("aufs/diff").resolve(cid), "/etc");
        GraphLayout layout = read("aufs");
        assertThat(layout.containerLayer(cid)).hasValueSatisfying(l -> assertThat(l.path()).isNull());
        assertThat(messages()).singleElement().asString().contains("refused");
    }
}
