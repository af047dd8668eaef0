package io.github.drydock.layout;

import io.github.drydock.model.ContainerLayer;
import io.github.drydock.model.Image;
import io.github.drydock.model.Layer;
import io.github.drydock.model.Problem;
import io.github.drydock.testing.ModernRootBuilder;
import io.github.drydock.testing.ModernRootBuilder.BuiltContainer;
import io.github.drydock.testing.ModernRootBuilder.BuiltImage;
import io.github.drydock.testing.ModernRootBuilder.BuiltLayer;
import io.github.drydock.testing.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.github.drydock.layout.ImageDbLayoutTest.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Damaged and hostile 1.10+ roots: each bad item is one problem with its path, and the rest is listed. */
class ImageDbLayoutDamageTest {
    @TempDir
    Path tmp;

    private ModernRootBuilder b;
    private BuiltImage good;

    private ModernRootBuilder root(String driver) {
        b = ModernRootBuilder.create(tmp.resolve("docker"), driver);
        good = b.image().layer("good base").layer("good top").tag("example/good:1").build();
        return b;
    }

    private static Problem only(ImageDbLayoutTest.Read read) {
        assertThat(read.problems()).hasSize(1);
        return read.problems().get(0);
    }

    private void assertGoodImageIntact(ImageDbLayoutTest.Read read) {
        Image image = read.image(good.id());
        assertThat(image.repoTags()).containsExactly("example/good:1");
        assertThat(image.layers()).extracting(Layer::path).doesNotContainNull();
    }

    @Test
    void alteredConfigIsReportedAndTheImageStillListed() throws Exception {
        root("overlay2");
        BuiltImage bad = b.image().layer("bad").tag("example/bad:1").build();
        byte[] altered = new String(bad.config(), java.nio.charset.StandardCharsets.UTF_8)
                .replace("amd64", "arm64").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Files.write(bad.contentFile(), altered);

        ImageDbLayoutTest.Read read = read(b.root());

        Problem problem = only(read);
        assertThat(problem.path()).isEqualTo(bad.contentFile().toString());
        assertThat(problem.message()).contains("image " + bad.id().substring(0, 12))
                .contains("content does not match its id: sha256 is " + ModernRootBuilder.sha256(altered))
                .contains("altered or damaged");
        Image image = read.image(bad.id());
        assertThat(image.architecture()).isEqualTo("arm64");
        assertThat(image.repoTags()).containsExactly("example/bad:1");
        assertGoodImageIntact(read);
    }

    @Test
    void truncatedConfigIsReportedAndTheImageListedWithoutConfig() throws Exception {
        root("overlay2");
        BuiltImage bad = b.image().layer("bad").tag("example/bad:1").build();
        Files.write(bad.contentFile(), Arrays.copyOf(bad.config(), bad.config().length / 2));

        ImageDbLayoutTest.Read read = read(b.root());

        assertThat(read.problems()).extracting(Problem::path).containsOnly(bad.contentFile().toString());
        assertThat(read.problems()).extracting(Problem::message)
                .anyMatch(m -> m.contains("content does not match its id"))
                .anyMatch(m -> m.startsWith("cannot parse config of image " + bad.id().substring(0, 12)));
        Image image = read.image(bad.id());
        assertThat(image.repoTags()).containsExactly("example/bad:1");
        assertThat(image.layers()).isEmpty();
        assertThat(image.size()).isEqualTo(-1);
        assertGoodImageIntact(read);
    }

    @Test
    void hugeConfigIsRefusedWithoutBeingRead() throws Exception {
        root("overlay2");
        String id = "e".repeat(64);
        Path huge = b.imageTree().resolve("imagedb/content/sha256").resolve(id);
        try (RandomAccessFile file = new RandomAccessFile(huge.toFile(), "rw")) {
            file.setLength(100L * 1024 * 1024);
        }

        ImageDbLayoutTest.Read read = read(b.root());

        Problem problem = only(read);
        assertThat(problem.path()).isEqualTo(huge.toString());
        assertThat(problem.message()).contains("image eeeeeeeeeeee").contains("104857600 bytes")
                .contains("not read");
        assertThat(read.image(id).layers()).isEmpty();
        assertGoodImageIntact(read);
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void fifoInPlaceOfAConfigIsNeverOpened() throws Exception {
        root("overlay2");
        Path fifo = b.imageTree().resolve("imagedb/content/sha256").resolve("f".repeat(64));
        assumeTrue(mkfifo(fifo), "mkfifo is not available");

        ImageDbLayoutTest.Read read = read(b.root());

        Problem problem = only(read);
        assertThat(problem.path()).isEqualTo(fifo.toString());
        assertThat(problem.message()).contains("special file").contains("not opened");
        assertGoodImageIntact(read);
    }

    @Test
    void layerWhoseCacheFolderIsGoneIsReportedWithThatFolder() throws Exception {
        root("overlay2");
        BuiltImage bad = b.image().layer("gone").build();
        Path folder = b.home().resolve(bad.top().cacheId());
        deleteTree(folder);
        Files.delete(b.home().resolve("l").resolve(bad.top().link()));

        ImageDbLayoutTest.Read read = read(b.root());

        Problem problem = only(read);
        assertThat(problem.path()).isEqualTo(folder.resolve("diff").toString());
        assertThat(problem.message()).contains("layer " + bad.top().chainId().substring(0, 12))
                .contains("cache id " + bad.top().cacheId()).contains("driver folder is gone");
        Layer layer = read.image(bad.id()).layers().get(0);
        assertThat(layer.path()).isNull();
        assertThat(layer.cacheId()).isEqualTo(bad.top().cacheId());
        assertGoodImageIntact(read);
    }

    @Test
    void cacheIdThatClimbsOutOfTheDriverHomeIsNotFollowed() throws Exception {
        root("vfs");
        BuiltImage bad = b.image().layer("evil").build();
        Path cacheIdFile = bad.top().layerDbDir(b).resolve("cache-id");
        Files.writeString(cacheIdFile, "../../../../etc");

        ImageDbLayoutTest.Read read = read(b.root());

        Problem problem = only(read);
        assertThat(problem.path()).isEqualTo(cacheIdFile.toString());
        assertThat(problem.message()).contains("cache id '../../../../etc' is not a plain folder name: not followed");
        Layer layer = read.image(bad.id()).layers().get(0);
        assertThat(layer.cacheId()).isNull();
        assertThat(layer.path()).isNull();
        assertGoodImageIntact(read);
    }

    @Test
    void layerWhoseDiffWasAlteredNoLongerMatchesItsChainId() throws Exception {
        root("overlay2");
        BuiltImage bad = b.image().layer("base").layer("top").build();
        BuiltLayer top = bad.top();
        String otherDiff = ModernRootBuilder.sha256("something else");
        Files.writeString(top.layerDbDir(b).resolve("diff"), "sha256:" + otherDiff);

        ImageDbLayoutTest.Read read = read(b.root());

        assertThat(read.problems()).hasSize(2);
        assertThat(read.problems().get(0).path()).isEqualTo(top.layerDbDir(b).toString());
        assertThat(read.problems().get(0).message()).contains("layer " + top.chainId().substring(0, 12))
                .contains("chain id does not match its diff id and parent: they give "
                        + ModernRootBuilder.sha256("sha256:" + top.parentChainId() + " sha256:" + otherDiff));
        assertThat(read.problems().get(1).path()).isEqualTo(bad.contentFile().toString());
        assertThat(read.problems().get(1).message()).contains("layer 2")
                .contains("records diff id " + otherDiff + " but the image expects " + top.diffId());
        assertGoodImageIntact(read);
    }

    @Test
    void imageWhoseDiffIdsLeadToNoLayerdbEntryGetsAPlaceholderLayer() throws Exception {
        root("overlay2");
        BuiltImage bad = b.image().layer("base").layer("top").build();
        deleteTree(bad.top().layerDbDir(b));

        ImageDbLayoutTest.Read read = read(b.root());

        Problem problem = only(read);
        assertThat(problem.path()).isEqualTo(bad.contentFile().toString());
        assertThat(problem.message()).contains("layer 2").contains("has no layerdb entry sha256/" + bad.top().chainId());
        List<Layer> layers = read.image(bad.id()).layers();
        assertThat(layers).hasSize(2);
        assertThat(layers.get(1).id()).isEqualTo(bad.top().chainId());
        assertThat(layers.get(1).cacheId()).isNull();
        assertThat(layers.get(1).path()).isNull();
        assertThat(read.image(bad.id()).size()).isEqualTo(-1);
        assertThat(read.store().layers()).extracting(Layer::id).doesNotContain(bad.top().chainId());
    }

    @Test
    void brokenLowerFileIsReported() throws Exception {
        root("overlay2");
        BuiltImage bad = b.image().layer("base").layer("top").build();
        Path lower = b.home().resolve(bad.top().cacheId()).resolve("lower");
        Files.writeString(lower, "l/" + bad.layers().get(0).link() + ":../../../etc/passwd");

        ImageDbLayoutTest.Read read = read(b.root());

        Problem problem = only(read);
        assertThat(problem.path()).isEqualTo(lower.toString());
        assertThat(problem.message()).contains("broken overlay2 lower file")
                .contains("lower entry 2 '../../../etc/passwd' is not l/<short name>");
        assertThat(read.image(bad.id()).layers().get(1).path()).isEqualTo(bad.top().folder());
        assertGoodImageIntact(read);
    }

    @Test
    void missingLowerFileOfALayerWithAParentIsReported() throws Exception {
        root("overlay2");
        BuiltImage bad = b.image().layer("base").layer("top").build();
        Path lower = b.home().resolve(bad.top().cacheId()).resolve("lower");
        Files.delete(lower);

        Problem problem = only(read(b.root()));

        assertThat(problem.path()).isEqualTo(lower.toString());
        assertThat(problem.message()).contains("overlay2 lower file is missing");
    }

    @Test
    void lowerChainThatDisagreesWithLayerdbParentsIsReported() throws Exception {
        root("overlay2");
        BuiltImage bad = b.image().layer("one").layer("two").layer("three").build();
        Path lower = b.home().resolve(bad.top().cacheId()).resolve("lower");
        Files.writeString(lower, "l/" + bad.layers().get(0).link() + ":l/" + bad.layers().get(1).link());

        Problem problem = only(read(b.root()));

        assertThat(problem.path()).isEqualTo(lower.toString());
        assertThat(problem.message()).contains("lower entry 1 l/" + bad.layers().get(0).link())
                .contains("is layer folder " + bad.layers().get(0).cacheId())
                .contains("the layerdb parent chain has " + bad.layers().get(1).cacheId());
    }

    @Test
    void shortLinkOutOfTheRootIsNotFollowed() throws Exception {
        root("overlay2");
        BuiltImage bad = b.image().layer("base").layer("top").build();
        Path link = b.home().resolve("l").resolve(bad.layers().get(0).link());
        Files.delete(link);
        Files.createSymbolicLink(link, Path.of("../../../../etc"));

        ImageDbLayoutTest.Read read = read(b.root());

        Problem problem = only(read);
        assertThat(problem.path()).isEqualTo(link.toString());
        assertThat(problem.message()).contains("points outside the root (../../../../etc): not followed");
        assertThat(read.image(bad.id()).layers()).extracting(Layer::path)
                .containsExactly(bad.layers().get(0).folder(), bad.top().folder());
        assertGoodImageIntact(read);
    }

    @Test
    void shortLinkToAnAbsoluteHostPathIsNotFollowed() throws Exception {
        root("overlay2");
        BuiltImage bad = b.image().layer("base").layer("top").build();
        Path link = b.home().resolve("l").resolve(bad.layers().get(0).link());
        Files.delete(link);
        Files.createSymbolicLink(link, Path.of("/etc/shadow"));

        Problem problem = only(read(b.root()));

        assertThat(problem.path()).isEqualTo(link.toString());
        assertThat(problem.message()).contains("points outside the root (/etc/shadow): not followed");
    }

    @Test
    void danglingShortLinkIsReported() throws Exception {
        root("overlay2");
        BuiltImage bad = b.image().layer("base").layer("top").build();
        Path link = b.home().resolve("l").resolve(bad.layers().get(0).link());
        Files.delete(link);

        Problem problem = only(read(b.root()));

        assertThat(problem.path()).isEqualTo(link.toString());
        assertThat(problem.message()).contains("is missing");
    }

    @Test
    void mountIdWithNoFolderIsReportedAndTheContainerStillListed() throws Exception {
        root("overlay2");
        BuiltContainer c = b.container("d".repeat(64), good);
        deleteTree(b.home().resolve(c.mountId()));
        Files.delete(b.home().resolve("l").resolve(ModernRootBuilder.link(c.mountId())));

        ImageDbLayoutTest.Read read = read(b.root());

        Problem problem = only(read);
        assertThat(problem.path()).isEqualTo(c.folder().toString());
        assertThat(problem.message()).contains("container dddddddddddd (mount id " + c.mountId() + ")")
                .contains("driver folder is gone");
        ContainerLayer layer = read.store().containerLayer(c.id()).orElseThrow();
        assertThat(layer.mountId()).isEqualTo(c.mountId());
        assertThat(layer.path()).isNull();
        assertThat(layer.initPath()).isEqualTo(c.initFolder());
    }

    @Test
    void containerLowerThatSkipsItsInitLayerIsReported() throws Exception {
        root("overlay2");
        BuiltContainer c = b.container("d".repeat(64), good);
        Path lower = b.home().resolve(c.mountId()).resolve("lower");
        Files.writeString(lower, "l/" + good.top().link() + ":l/" + good.layers().get(0).link());

        Problem problem = only(read(b.root()));

        assertThat(problem.path()).isEqualTo(lower.toString());
        assertThat(problem.message()).contains("container dddddddddddd")
                .contains("lists 2 layers but the layerdb parent chain has 3");
    }

    @Test
    void overlayLowerIdThatIsNotTheImageTopIsReported() throws Exception {
        root("overlay");
        BuiltContainer c = b.container("d".repeat(64), good);
        Path lowerId = b.home().resolve(c.mountId()).resolve("lower-id");
        Files.writeString(lowerId, good.layers().get(0).cacheId());

        Problem problem = only(read(b.root()));

        assertThat(problem.path()).isEqualTo(lowerId.toString());
        assertThat(problem.message()).contains("overlay lower-id is " + good.layers().get(0).cacheId())
                .contains("image's top layer is " + good.top().cacheId());
    }

    @Test
    void aufsLayersFileThatDisagreesWithLayerdbIsReported() throws Exception {
        root("aufs");
        Path layers = b.home().resolve("layers").resolve(good.top().cacheId());
        Files.writeString(layers, "0".repeat(64) + "\n");

        Problem problem = only(read(b.root()));

        assertThat(problem.path()).isEqualTo(layers.toString());
        assertThat(problem.message()).contains("aufs layers entry 1 " + "0".repeat(64))
                .contains("layerdb parent chain has " + good.layers().get(0).cacheId());
    }

    @Test
    void referenceToAnImageNotInImagedbIsReported() throws Exception {
        root("overlay2");
        Path repositories = b.imageTree().resolve("repositories.json");
        String missing = "9".repeat(64);
        Files.writeString(repositories, "{\"Repositories\":{\"example/good\":{\"example/good:1\":\"sha256:" + good.id()
                + "\",\"example/good:old\":\"sha256:" + missing + "\",\"example/good:bad\":\"md5:1\"}}}");

        ImageDbLayoutTest.Read read = read(b.root());

        assertThat(read.problems()).extracting(Problem::path).containsOnly(repositories.toString());
        assertThat(read.problems()).extracting(Problem::message).containsExactlyInAnyOrder(
                "reference example/good:old points at image 999999999999, which is not in imagedb"
                        + " (deleted or never fully written)",
                "reference example/good:bad: target 'md5:1' is not sha256:<64 hex>");
        assertGoodImageIntact(read);
    }

    @Test
    void malformedTagStoreIsReportedAndImagesListedWithoutTags() throws Exception {
        root("overlay2");
        Path repositories = b.imageTree().resolve("repositories.json");
        Files.writeString(repositories, "{\"Repositories\":{\"example/good\":");

        ImageDbLayoutTest.Read read = read(b.root());

        Problem problem = only(read);
        assertThat(problem.path()).isEqualTo(repositories.toString());
        assertThat(problem.message()).startsWith("cannot read the tag store: ")
                .endsWith("; images are listed without tags");
        assertThat(read.image(good.id()).repoTags()).isEmpty();
        assertThat(read.image(good.id()).layers()).hasSize(2);
    }

    @Test
    void parentLoopIsReportedAndBroken() throws Exception {
        root("overlay2");
        BuiltImage a = b.image().layer("a").build();
        BuiltImage c = b.image().layer("c").parent(a).build();
        Path aParent = TestFiles.write(b.imageTree().resolve("imagedb/metadata/sha256").resolve(a.id()).resolve("parent"),
                "sha256:" + c.id());

        ImageDbLayoutTest.Read read = read(b.root());

        Problem problem = only(read);
        assertThat(problem.message()).contains("closes a loop of parents");
        Image first = read.image(a.id());
        Image second = read.image(c.id());
        assertThat(List.of(first.parentId() == null, second.parentId() == null)).containsExactlyInAnyOrder(true, false);
        assertThat(problem.path()).isIn(aParent.toString(),
                b.imageTree().resolve("imagedb/metadata/sha256").resolve(c.id()).resolve("parent").toString());
    }

    @Test
    void parentMissingFromImagedbIsReportedAndKept() throws Exception {
        root("overlay2");
        String missing = "7".repeat(64);
        Path parent = TestFiles.write(b.imageTree().resolve("imagedb/metadata/sha256").resolve(good.id())
                .resolve("parent"), "sha256:" + missing);

        ImageDbLayoutTest.Read read = read(b.root());

        Problem problem = only(read);
        assertThat(problem.path()).isEqualTo(parent.toString());
        assertThat(problem.message()).contains("parent image 777777777777 is not in imagedb");
        assertThat(read.image(good.id()).parentId()).isEqualTo(missing);
    }

    @Test
    void hostileConfigValuesAreToleratedOrReported() throws Exception {
        root("overlay2");
        BuiltImage odd = b.image().layer("odd")
                .config("Env", Arrays.asList("A=1", null))
                .config("Labels", nullValued("k"))
                .config("Cmd", null)
                .set("created", "yesterday")
                .build();

        ImageDbLayoutTest.Read read = read(b.root());

        Problem problem = only(read);
        assertThat(problem.path()).isEqualTo(odd.contentFile().toString());
        assertThat(problem.message()).contains("created 'yesterday' is not an RFC 3339 time");
        Image image = read.image(odd.id());
        assertThat(image.created()).isNull();
        assertThat(image.config().env()).containsExactly("A=1");
        assertThat(image.config().labels()).isEmpty();
        assertThat(image.config().cmd()).isEmpty();
        assertThat(image.layers()).hasSize(1);
    }

    @Test
    void configWithAWrongShapeIsReported() throws Exception {
        root("overlay2");
        Path content = b.imageTree().resolve("imagedb/content/sha256");
        byte[] bytes = "{\"config\":{\"Cmd\":{\"not\":\"a list\"}},\"rootfs\":{\"diff_ids\":[]}}"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String id = ModernRootBuilder.sha256(bytes);
        Files.write(content.resolve(id), bytes);

        ImageDbLayoutTest.Read read = read(b.root());

        Problem problem = only(read);
        assertThat(problem.message()).startsWith("cannot parse config of image " + id.substring(0, 12));
        assertThat(read.image(id).layers()).isEmpty();
        assertGoodImageIntact(read);
    }

    @Test
    void layerdbEntryWithGarbageFilesIsReportedFileByFile() throws Exception {
        root("overlay2");
        BuiltImage bad = b.image().layer("x").build();
        Path dir = bad.top().layerDbDir(b);
        Files.writeString(dir.resolve("size"), "lots");
        Files.delete(dir.resolve("cache-id"));

        ImageDbLayoutTest.Read read = read(b.root());

        assertThat(read.problems()).extracting(Problem::path)
                .containsExactly(dir.resolve("cache-id").toString(), dir.resolve("size").toString());
        assertThat(read.problems()).extracting(Problem::message).containsExactly(
                "layer " + bad.top().chainId().substring(0, 12) + ": cache id is missing",
                "layer " + bad.top().chainId().substring(0, 12) + ": size 'lots' is not a number");
        Layer layer = read.image(bad.id()).layers().get(0);
        assertThat(layer.size()).isEqualTo(-1);
        assertThat(layer.path()).isNull();
        assertThat(layer.diffId()).isEqualTo(bad.top().diffId());
    }

    @Test
    void removingFoldersAndTmpAreSkipped() throws Exception {
        root("overlay2");
        TestFiles.write(b.imageTree().resolve("layerdb/sha256").resolve("a".repeat(64) + "-removing").resolve("diff"),
                "garbage");
        TestFiles.write(b.imageTree().resolve("layerdb/tmp/write-set-123/diff"), "garbage");

        ImageDbLayoutTest.Read read = read(b.root());

        assertThat(read.problems()).isEmpty();
        assertThat(read.store().layers()).hasSize(2);
    }

    @Test
    void symlinkedMetadataFolderIsNotFollowed() throws Exception {
        root("overlay2");
        Path outside = TestFiles.mkdirs(tmp.resolve("outside/sha256"));
        TestFiles.write(outside.resolve("b".repeat(64) + "/diff"), "sha256:" + "b".repeat(64));
        Path layerdb = b.imageTree().resolve("layerdb");
        deleteTree(layerdb);
        Files.createSymbolicLink(layerdb, tmp.resolve("outside"));

        ImageDbLayoutTest.Read read = read(b.root());

        assertThat(read.problems().get(0).path()).isEqualTo(layerdb.toString());
        assertThat(read.problems().get(0).message()).contains("symlink: not followed");
        assertThat(read.problems()).extracting(Problem::path).containsOnlyOnce(layerdb.toString());
        assertThat(read.problems().subList(1, read.problems().size())).extracting(Problem::message)
                .allMatch(m -> m.contains("has no layerdb entry"));
        assertThat(read.store().layers()).isEmpty();
        assertThat(read.image(good.id()).layers()).extracting(Layer::cacheId).containsOnlyNulls();
    }

    @Test
    void aufsDiffFolderSymlinkedInsideTheRootIsFollowed() throws Exception {
        root("aufs");
        BuiltImage migrated = b.image().layer("old").build();
        Path diff = b.home().resolve("diff").resolve(migrated.top().cacheId());
        Path moved = TestFiles.mkdirs(b.root().resolve("graph").resolve(migrated.top().cacheId()).resolve("layer"));
        deleteTree(diff);
        Files.createSymbolicLink(diff, Path.of("/var/lib/docker/graph/" + migrated.top().cacheId() + "/layer"));

        ImageDbLayoutTest.Read read = read(b.root());

        assertThat(read.problems()).isEmpty();
        assertThat(read.image(migrated.id()).layers().get(0).path()).isEqualTo(moved);
    }

    @Test
    void driverFolderSymlinkedOutOfTheRootIsNotFollowed() throws Exception {
        root("vfs");
        BuiltImage bad = b.image().layer("evil").build();
        Path dir = b.home().resolve("dir").resolve(bad.top().cacheId());
        deleteTree(dir);
        Files.createSymbolicLink(dir, Path.of("/etc"));

        Problem problem = only(read(b.root()));

        assertThat(problem.path()).isEqualTo(dir.toString());
        assertThat(problem.message()).contains("driver folder is a symlink out of the root: not followed");
    }

    @Test
    void driverFolderBehindASymlinkIsNotFollowed() throws Exception {
        root("overlay2");
        BuiltImage bad = b.image().layer("evil").build();
        Path dir = b.home().resolve(bad.top().cacheId());
        Path elsewhere = TestFiles.mkdirs(tmp.resolve("elsewhere/diff"));
        deleteTree(dir);
        Files.createSymbolicLink(dir, elsewhere.getParent());

        ImageDbLayoutTest.Read read = read(b.root());

        Problem problem = only(read);
        assertThat(problem.path()).isEqualTo(dir.resolve("diff").toString());
        assertThat(problem.message()).contains("driver folder lies behind a symlink: not followed");
        assertThat(read.image(bad.id()).layers().get(0).path()).isNull();
    }

    @Test
    void controlCharactersFromEvidenceNeverReachAMessage() throws Exception {
        root("overlay2");
        BuiltImage bad = b.image().layer("x").build();
        Path cacheId = bad.top().layerDbDir(b).resolve("cache-id");
        Files.writeString(cacheId, "abc\nFAKE: all good\u001b[2J".translateEscapes());

        Problem problem = only(read(b.root()));

        assertThat(problem.message()).contains("'abc?FAKE: all good?[2J'").doesNotContain("\n").doesNotContain("\u001b");
    }

    private static Map<String, String> nullValued(String key) {
        Map<String, String> map = new java.util.HashMap<>();
        map.put(key, null);
        return map;
    }

    private static boolean mkfifo(Path path) {
        try {
            Process p = new ProcessBuilder("mkfifo", path.toString()).redirectErrorStream(true).start();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 && Files.exists(path);
        } catch (Exception e) {
            return false;
        }
    }

    static void deleteTree(Path dir) throws Exception {
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
