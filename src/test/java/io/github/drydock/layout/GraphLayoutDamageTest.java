package io.github.drydock.layout;

import io.github.drydock.model.Driver;
import io.github.drydock.model.HistoryEntry;
import io.github.drydock.model.Image;
import io.github.drydock.model.Layer;
import io.github.drydock.model.Problem;
import io.github.drydock.testing.LegacyRootBuilder;
import io.github.drydock.testing.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** Hostile and damaged graphs: each bad item is one problem, everything else is still listed. */
class GraphLayoutDamageTest {
    @TempDir
    Path root;

    private RootContext context;

    private GraphLayout read(String active) {
        context = new RootContext(root, null);
        return GraphLayout.read(context, List.of(new Driver(active, root.resolve(active), true, true, 0)));
    }

    private static Image image(GraphLayout layout, String id) {
        return layout.images().stream().filter(i -> i.id().equals(id)).findFirst().orElseThrow();
    }

    private List<String> messages() {
        return context.problems().stream().map(Problem::message).toList();
    }

    @Test
    void truncatedJsonIsAProblemAndAufsLayersMendTheChain() {
        LegacyRootBuilder b = LegacyRootBuilder.at(root);
        String base = b.image("base").size(100).write();
        String mid = b.image("mid").parent(base).size(20).write();
        String top = b.image("top").parent(mid).size(3).write();
        b.aufsChain(base, mid, top);
        Path midJson = b.file("graph/" + mid + "/json", "{\"id\":\"" + mid + "\",\"parent\":\"" + base.substring(0, 10));
        GraphLayout layout = read("aufs");
        assertThat(layout.images()).extracting(Image::id).containsExactlyInAnyOrder(base, mid, top);
        assertThat(context.problems()).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo(midJson.toString());
            assertThat(p.message()).startsWith("cannot parse image JSON of " + mid.substring(0, 12))
                    .contains("end-of-input");
        });
        Image broken = image(layout, mid);
        assertThat(broken.created()).isNull();
        assertThat(broken.parentId()).isEqualTo(base);
        assertThat(broken.size()).isEqualTo(20);
        assertThat(layout.graphEntry(mid).orElseThrow().parentSource())
                .isEqualTo(LegacyGraphEntry.ParentSource.AUFS_LAYERS);
        assertThat(image(layout, top).virtualSize()).isEqualTo(123);
        assertThat(image(layout, top).history()).extracting(HistoryEntry::imageId).containsExactly(base, mid, top);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "null", "[1,2]", "{\"id\": 12, \"config\": \"not an object\"}", "{\"container_config\":{\"Cmd\":{}}}"})
    void malformedJsonIsAProblemAndTheImageIsStillListed(String json) {
        LegacyRootBuilder b = LegacyRootBuilder.at(root);
        String id = LegacyRootBuilder.id("malformed");
        b.file("graph/" + id + "/json", json);
        b.file("graph/" + id + "/layersize", "42");
        b.vfsLayers(id);
        GraphLayout layout = read("vfs");
        assertThat(image(layout, id).size()).isEqualTo(42);
        assertThat(image(layout, id).layers()).extracting(Layer::path).containsExactly(root.resolve("vfs/dir/" + id));
        assertThat(messages()).singleElement().asString().startsWith("cannot parse image JSON of " + id.substring(0, 12));
    }

    @Test
    void missingJsonIsAProblem() {
        LegacyRootBuilder b = LegacyRootBuilder.at(root);
        String id = LegacyRootBuilder.id("no json");
        b.file("graph/" + id + "/layersize", "7");
        b.vfsLayers(id);
        GraphLayout layout = read("vfs");
        assertThat(layout.images()).extracting(Image::id).containsExactly(id);
        assertThat(messages()).singleElement().asString().contains("has no JSON");
    }

    @Test
    void danglingParentEndsTheChainAndVirtualSizeCountsWhatExists() {
        LegacyRootBuilder b = LegacyRootBuilder.at(root);
        String gone = LegacyRootBuilder.id("deleted parent");
        String mid = b.image("mid").parent(gone).size(1000).write();
        String top = b.image("top").parent(mid).size(24).write();
        b.vfsLayers(mid, top);
        GraphLayout layout = read("vfs");
        Image image = image(layout, top);
        assertThat(image.virtualSize()).isEqualTo(1024);
        assertThat(image.layers()).extracting(Layer::id).containsExactly(mid, top);
        assertThat(image(layout, mid).parentId()).isEqualTo(gone);
        assertThat(context.problems()).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo(root.resolve("graph/" + mid + "/json").toString());
            assertThat(p.message()).contains("parent " + gone + " is missing from graph/");
        });
    }

    @Test
    void parentCyclesAreCutWithOneProblemEach() {
        LegacyRootBuilder b = LegacyRootBuilder.at(root);
        String a = LegacyRootBuilder.id("a");
        String c = LegacyRootBuilder.id("c");
        assertThat(c).isLessThan(a);
        b.image(a).parent(c).size(1).write();
        b.image(c).parent(a).size(2).write();
        String child = b.image("child of the cycle").parent(a).size(4).write();
        String self = b.image("own parent").size(8).write();
        b.file("graph/" + self + "/parent", self);
        b.vfsLayers(a, c, child, self);
        GraphLayout layout = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> read("vfs"));
        // walked from the lowest id, c -> a -> c: the edge a -> c closes the loop and is cut
        assertThat(messages()).filteredOn(m -> m.startsWith("parent cycle")).containsExactlyInAnyOrder(
                "parent cycle in graph/: " + c.substring(0, 12) + " -> " + a.substring(0, 12) + " -> "
                        + c.substring(0, 12) + "; the chain is cut at " + a.substring(0, 12)
                        + ", whose parent is treated as missing",
                "parent cycle in graph/: " + self.substring(0, 12) + " -> " + self.substring(0, 12)
                        + "; the chain is cut at " + self.substring(0, 12) + ", whose parent is treated as missing");
        assertThat(context.problems()).hasSize(2);
        assertThat(image(layout, child).layers()).extracting(Layer::id).containsExactly(a, child);
        assertThat(image(layout, child).virtualSize()).isEqualTo(5);
        assertThat(image(layout, c).layers()).extracting(Layer::id).containsExactly(a, c);
        assertThat(image(layout, a).parentId()).isEqualTo(c);
        assertThat(image(layout, self).virtualSize()).isEqualTo(8);
        assertThat(image(layout, self).parentId()).isEqualTo(self);
        assertThat(image(layout, self).history()).hasSize(1);
    }

    @Test
    void folderNameWinsOverAnotherIdInTheJsonAndDuplicatesAreNamed() {
        LegacyRootBuilder b = LegacyRootBuilder.at(root);
        String real = b.image("real").size(5).write();
        String copy = LegacyRootBuilder.id("copied folder");
        b.file("graph/" + copy + "/json", TestFiles.read(root.resolve("graph/" + real + "/json")));
        b.file("graph/" + copy + "/layersize", "5");
        b.vfsLayers(real, copy);
        GraphLayout layout = read("vfs");
        assertThat(layout.images()).extracting(Image::id).containsExactlyInAnyOrder(real, copy);
        assertThat(layout.graphEntry(copy).orElseThrow().recordedId()).isEqualTo(real);
        assertThat(messages()).anySatisfy(m -> assertThat(m).contains("its JSON says id " + real))
                .anySatisfy(m -> assertThat(m).startsWith("duplicate image id " + real));
    }

    @Test
    void missingLayerFolderIsAProblemAndTheImageIsListedWithoutFiles() {
        LegacyRootBuilder b = LegacyRootBuilder.at(root);
        String id = b.image("no diff").size(9).write();
        b.dir("aufs/diff");
        b.dir("aufs/layers");
        GraphLayout layout = read("aufs");
        Layer layer = image(layout, id).layers().get(0);
        assertThat(layer.path()).isNull();
        assertThat(layer.driver()).isEqualTo("aufs");
        assertThat(context.problems()).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo(root.resolve("aufs/diff/" + id).toString());
            assertThat(p.message()).contains("missing layer folder");
        });
    }

    @Test
    void badTagStoreIsAProblemAndOtherStoresStillCount() {
        LegacyRootBuilder b = LegacyRootBuilder.at(root);
        String id = b.image("tagged").write();
        b.vfsLayers(id);
        b.tag("vfs", "app", "1.0", id).writeRepositories();
        Path broken = b.file("repositories-aufs", "{\"Repositories\":{\"app\":{\"latest\":");
        GraphLayout layout = read("vfs");
        assertThat(image(layout, id).repoTags()).containsExactly("app:1.0");
        assertThat(context.problems()).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo(broken.toString());
            assertThat(p.message()).startsWith("cannot parse tag store repositories-aufs");
        });
    }

    @Test
    void tagsOfEveryDriverCountAndTagsOfMissingImagesAreProblems() {
        LegacyRootBuilder b = LegacyRootBuilder.at(root);
        String id = b.image("tagged").write();
        String gone = LegacyRootBuilder.id("gone");
        b.vfsLayers(id);
        b.tag("aufs", "app", "old", id).tag("overlay", "app", "new", id).tag("overlay", "app", "stale", gone)
                .writeRepositories();
        GraphLayout layout = read("vfs");
        assertThat(image(layout, id).repoTags()).containsExactly("app:new", "app:old");
        assertThat(messages()).singleElement().asString()
                .isEqualTo("tag app:stale in repositories-overlay points at image " + gone + ", which is not in graph/; not listed");
    }

    @Test
    void layersizeMissingIsComputedFromTheAufsDiffWithHardLinksOnce() throws Exception {
        LegacyRootBuilder b = LegacyRootBuilder.at(root);
        String id = b.image("lost size").rawLayerSize(null).write();
        b.aufsChain(id);
        Path file = b.file("aufs/diff/" + id + "/etc/motd", "0123456789");
        Files.createLink(root.resolve("aufs/diff/" + id + "/motd-link"), file);
        b.file("aufs/diff/" + id + "/usr/bin/tool", "12345");
        b.file("aufs/diff/" + id + "/.wh.removed", "");
        Files.createSymbolicLink(root.resolve("aufs/diff/" + id + "/abs"), Path.of("/etc/shadow"));
        GraphLayout layout = read("aufs");
        assertThat(image(layout, id).size()).isEqualTo(15 + "/etc/shadow".length());
        assertThat(messages()).singleElement().asString().contains("has no layersize");
    }

    @Test
    void layersizeMissingOnABaseSnapshotIsTheSizeOfItsTree() {
        LegacyRootBuilder b = LegacyRootBuilder.at(root);
        String base = b.image("vfs base").rawLayerSize(null).write();
        String child = b.image("vfs child").parent(base).rawLayerSize(null).write();
        b.file("vfs/dir/" + base + "/etc/os-release", "ID=debian\n");
        b.file("vfs/dir/" + child + "/etc/os-release", "ID=debian\n");
        GraphLayout layout = read("vfs");
        assertThat(image(layout, base).size()).isEqualTo(10);
        assertThat(image(layout, child).size()).isEqualTo(-1);
        assertThat(messages()).hasSize(2).allSatisfy(m -> assertThat(m).contains("has no layersize"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "12abc", "99999999999999999999999", ""})
    void badLayersizeIsAProblemAndTheSizeIsUnknownForASnapshotOnTopOfAParent(String text) {
        LegacyRootBuilder b = LegacyRootBuilder.at(root);
        String base = b.image("base").size(10).write();
        String id = b.image("bad size").parent(base).rawLayerSize(text).write();
        b.vfsLayers(base, id);
        GraphLayout layout = read("vfs");
        assertThat(image(layout, id).size()).isEqualTo(-1);
        assertThat(image(layout, id).virtualSize()).isEqualTo(-1);
        assertThat(image(layout, id).history().get(1).emptyLayer()).isFalse();
        assertThat(messages()).singleElement().asString().contains("is not a size in bytes");
    }

    @Test
    void nonHexFoldersAreSkippedAndOnlyThoseWithAJsonAreProblems() {
        LegacyRootBuilder b = LegacyRootBuilder.at(root);
        String id = b.image("fine").write();
        b.vfsLayers(id);
        b.file("graph/_tmp/" + LegacyRootBuilder.id("in flight") + "/json", "{}");
        b.file("graph/_tmp/json", "{}");
        b.file("graph/my:image/json", "{\"id\":\"my:image\"}");
        b.dir("graph/lost+found");
        b.file("graph/README", "stray file");
        GraphLayout layout = read("vfs");
        assertThat(layout.images()).extracting(Image::id).containsExactly(id);
        assertThat(context.problems()).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo(root.resolve("graph/my:image").toString());
            assertThat(p.message()).contains("not a 64-hex image id");
        });
    }

    @Test
    void badCachedDiffIdAndHugeJsonAreRefused() throws Exception {
        LegacyRootBuilder b = LegacyRootBuilder.at(root);
        String id = b.image("diff id").write();
        String huge = LegacyRootBuilder.id("huge");
        b.vfsLayers(id, huge);
        b.file("graph/" + id + "/.migration-diffid", "md5:abc");
        b.file("graph/" + huge + "/layersize", "0");
        try (var channel = java.nio.channels.FileChannel.open(b.graph(huge).resolve("json"),
                java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE)) {
            channel.position(LegacyFiles.MAX_JSON_BYTES).write(java.nio.ByteBuffer.wrap(new byte[] {'}'}));
        }
        GraphLayout layout = read("vfs");
        assertThat(image(layout, id).layers().get(0).diffId()).isNull();
        assertThat(image(layout, huge).created()).isNull();
        assertThat(messages()).anySatisfy(m -> assertThat(m).contains("cached diff id \"md5:abc\""))
                .anySatisfy(m -> assertThat(m).contains("more than the " + LegacyFiles.MAX_JSON_BYTES + " accepted"));
    }

    @Test
    void badCreatedTimeIsAProblemAndUnknown() {
        LegacyRootBuilder b = LegacyRootBuilder.at(root);
        String id = b.image("bad time").created("yesterday").write();
        b.vfsLayers(id);
        GraphLayout layout = read("vfs");
        assertThat(image(layout, id).created()).isNull();
        assertThat(messages()).singleElement().asString().startsWith("cannot parse time \"yesterday\"");
    }

    @Test
    void symlinkedJsonIsNotFollowed() {
        LegacyRootBuilder b = LegacyRootBuilder.at(root);
        String id = LegacyRootBuilder.id("linked json");
        TestFiles.symlink(b.graph(id).resolve("json"), "/etc/passwd");
        b.file("graph/" + id + "/layersize", "0");
        b.vfsLayers(id);
        GraphLayout layout = read("vfs");
        assertThat(layout.images()).extracting(Image::id).containsExactly(id);
        assertThat(messages()).singleElement().asString().contains("not a regular file (a symlink, not followed)");
    }
}
