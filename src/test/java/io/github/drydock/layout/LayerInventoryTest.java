package io.github.drydock.layout;

import io.github.drydock.model.Driver;
import io.github.drydock.model.LayerFolderKind;
import io.github.drydock.model.OrphanReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.github.drydock.testing.TestFiles.mkdirs;
import static io.github.drydock.testing.TestFiles.symlink;
import static io.github.drydock.testing.TestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class LayerInventoryTest {
    private static final String A = "a".repeat(64);
    private static final String B = "b".repeat(64);
    private static final String C = "c".repeat(64);

    @TempDir
    Path tmp;

    private Path root() {
        return mkdirs(tmp.resolve("docker"));
    }

    private static Driver driver(Path root, String name) {
        return new Driver(name, root.resolve(name), true, true, 0);
    }

    private static LayerInventory.Found only(LayerInventory.Result result, String id) {
        List<LayerInventory.Found> found = result.folders().stream().filter(f -> f.id().equals(id)).toList();
        assertThat(found).as("folders named " + id).hasSize(1);
        return found.get(0);
    }

    @Test
    void aufsIdJoinsItsDiffLayersAndMountEntriesAndCountsTheirBytes() {
        Path root = root();
        write(root.resolve("aufs/diff/" + A + "/etc/hostname"), "web\n");
        write(root.resolve("aufs/layers/" + A), B + "\n");
        mkdirs(root.resolve("aufs/mnt/" + A));
        write(root.resolve("aufs/layers/" + C), "");

        LayerInventory.Result result = LayerInventory.scan(root, null, List.of(driver(root, "aufs")), true);

        LayerInventory.Found a = only(result, A);
        assertThat(a.path()).isEqualTo(root.resolve("aufs/diff/" + A));
        assertThat(a.otherPaths()).containsExactly(root.resolve("aufs/layers/" + A), root.resolve("aufs/mnt/" + A));
        assertThat(a.content()).isEqualTo(root.resolve("aufs/diff/" + A));
        assertThat(a.kind()).isEqualTo(LayerFolderKind.DIFF);
        assertThat(a.size()).isEqualTo(4 + 65);
        LayerInventory.Found c = only(result, C);
        assertThat(c.kind()).isEqualTo(LayerFolderKind.METADATA);
        assertThat(c.content()).isNull();
        assertThat(c.size()).isZero();
        assertThat(result.problems()).isEmpty();
    }

    @Test
    void overlay2ListsLayerFoldersButNotTheLinkFolderAndResolvesShortLinks() {
        Path root = root();
        write(root.resolve("overlay2/" + A + "/diff/bin/tool"), "#!x");
        write(root.resolve("overlay2/" + A + "/link"), "XDUGZDYABB4U2XH6LSIEQIURZF");
        symlink(root.resolve("overlay2/l/XDUGZDYABB4U2XH6LSIEQIURZF"), "../" + A + "/diff");
        symlink(root.resolve("overlay2/l/GONEGONEGONEGONEGONEGONE22"), "../" + B + "/diff");
        symlink(root.resolve("overlay2/l/ESCAPEESCAPEESCAPEESCAPE22"), "../../../../../../etc");
        write(root.resolve("overlay2/" + C + "/link"), "ONLYINFILEONLYINFILEONLY22");
        mkdirs(root.resolve("overlay2/" + C + "/diff"));

        LayerInventory.Result result = LayerInventory.scan(root, null, List.of(driver(root, "overlay2")), true);

        assertThat(result.folders()).extracting(LayerInventory.Found::id).containsExactly(A, C);
        assertThat(only(result, A).content()).isEqualTo(root.resolve("overlay2/" + A + "/diff"));
        assertThat(only(result, A).size()).isEqualTo(3 + 26);
        assertThat(result.shortLinks()).extracting(LayerInventory.ShortLink::name, LayerInventory.ShortLink::cacheId)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("ESCAPEESCAPEESCAPEESCAPE22", null),
                        org.assertj.core.groups.Tuple.tuple("GONEGONEGONEGONEGONEGONE22", B),
                        org.assertj.core.groups.Tuple.tuple("ONLYINFILEONLYINFILEONLY22", C),
                        org.assertj.core.groups.Tuple.tuple("XDUGZDYABB4U2XH6LSIEQIURZF", A));
    }

    @Test
    void removingAndTemporaryEntriesCarryTheirReasonWhateverRefersToThem() {
        Path root = root();
        mkdirs(root.resolve("overlay2/" + A + "-removing/diff"));
        write(root.resolve("overlay2/" + B + "/diff/leftover.txt"), "secret");
        write(root.resolve("image/overlay2/layerdb/sha256/" + C + "-removing/cache-id"), B);
        write(root.resolve("image/overlay2/layerdb/tmp/write-set-123/tar-split.json.gz"), "x");
        mkdirs(root.resolve("graph/_tmp/0123abcd"));
        mkdirs(root.resolve("aufs/tmp/diff/" + C));

        LayerInventory.Result result = LayerInventory.scan(root, null,
                List.of(driver(root, "overlay2"), driver(root, "aufs")), false);

        assertThat(only(result, A + "-removing").hint()).isEqualTo(OrphanReason.REMOVING);
        assertThat(only(result, B).hint()).as("cache folder of a half-removed layerdb entry").isEqualTo(OrphanReason.REMOVING);
        LayerInventory.Found layerDb = only(result, C + "-removing");
        assertThat(layerDb.kind()).isEqualTo(LayerFolderKind.METADATA);
        assertThat(layerDb.driver()).isEqualTo("overlay2");
        assertThat(only(result, "write-set-123").hint()).isEqualTo(OrphanReason.TEMPORARY);
        assertThat(only(result, "0123abcd").driver()).isEqualTo("graph");
        assertThat(only(result, "0123abcd").hint()).isEqualTo(OrphanReason.TEMPORARY);
        assertThat(only(result, C).path()).isEqualTo(root.resolve("aufs/tmp/diff/" + C));
        assertThat(only(result, C).hint()).isEqualTo(OrphanReason.REMOVING);
    }

    @Test
    void devicemapperAndZfsRecordsAreListedAsUnreadableWithoutSize() {
        Path root = root();
        for (String name : List.of("base", "deviceset-metadata", "transaction-metadata", A)) {
            write(root.resolve("devicemapper/metadata/" + name), "{\"device_id\":1,\"size\":10737418240}");
        }
        mkdirs(root.resolve("devicemapper/mnt/" + A));
        mkdirs(root.resolve("zfs/graph/" + B));

        LayerInventory.Result result = LayerInventory.scan(root, null,
                List.of(driver(root, "devicemapper"), driver(root, "zfs")), true);

        assertThat(result.folders()).extracting(LayerInventory.Found::driver, LayerInventory.Found::id).containsExactly(
                org.assertj.core.groups.Tuple.tuple("devicemapper", A), org.assertj.core.groups.Tuple.tuple("zfs", B));
        assertThat(result.folders()).allSatisfy(f -> {
            assertThat(f.kind()).isEqualTo(LayerFolderKind.UNREADABLE);
            assertThat(f.size()).isEqualTo(-1);
            assertThat(f.content()).isNull();
        });
        assertThat(only(result, A).otherPaths()).containsExactly(root.resolve("devicemapper/mnt/" + A));
    }

    @Test
    void layerFolderSymlinkOutOfTheRootIsNeverFollowed() {
        Path root = root();
        write(tmp.resolve("outside/secret/shadow"), "root:$6$hash");
        symlink(root.resolve("aufs/diff/" + A), "../../../outside/secret");
        symlink(root.resolve("aufs/diff/" + B), "/etc");
        symlink(root.resolve("overlay2/" + C), "/etc");

        LayerInventory.Result result = LayerInventory.scan(root, null,
                List.of(driver(root, "aufs"), driver(root, "overlay2")), true);

        assertThat(result.folders()).hasSize(3).allSatisfy(f -> assertThat(f.content()).isNull());
        assertThat(only(result, A).size()).as("the link's own length, not the 12 bytes behind it")
                .isEqualTo("../../../outside/secret".length());
        assertThat(result.problems()).extracting(p -> p.message())
                .anySatisfy(m -> assertThat(m).contains(A).contains("not followed"))
                .anySatisfy(m -> assertThat(m).contains(B).contains("not followed"));
    }

    @Test
    void symlinkInsideTheRootIsFollowedToItsFolder() {
        Path root = root();
        write(root.resolve("old-graph/" + A + "/layer/etc/motd"), "hello");
        symlink(root.resolve("aufs/diff/" + A), "../../old-graph/" + A + "/layer");

        LayerInventory.Result result = LayerInventory.scan(root, null, List.of(driver(root, "aufs")), true);

        assertThat(only(result, A).content()).isEqualTo(root.resolve("old-graph/" + A + "/layer"));
        assertThat(only(result, A).size()).isEqualTo(5);
        assertThat(result.problems()).isEmpty();
    }

    @Test
    void symlinkedTemporaryFolderIsNotListed() {
        Path root = root();
        mkdirs(tmp.resolve("elsewhere/" + A));
        mkdirs(root.resolve("aufs/diff"));
        symlink(root.resolve("aufs/tmp"), tmp.resolve("elsewhere").toString());
        symlink(root.resolve("graph/_tmp"), tmp.resolve("elsewhere").toString());

        LayerInventory.Result result = LayerInventory.scan(root, null, List.of(driver(root, "aufs")), false);

        assertThat(result.folders()).isEmpty();
    }

    @Test
    void overlayV1ImageRootIsASnapshotAndContainerUpperADiff() {
        Path root = root();
        write(root.resolve("overlay/" + A + "/root/etc/issue"), "Debian");
        write(root.resolve("overlay/" + B + "/upper/etc/hosts"), "127.0.0.1");
        write(root.resolve("overlay/" + B + "/lower-id"), A);

        LayerInventory.Result result = LayerInventory.scan(root, null, List.of(driver(root, "overlay")), true);

        assertThat(only(result, A).kind()).isEqualTo(LayerFolderKind.SNAPSHOT);
        assertThat(only(result, A).content()).isEqualTo(root.resolve("overlay/" + A + "/root"));
        assertThat(only(result, B).kind()).isEqualTo(LayerFolderKind.DIFF);
        assertThat(only(result, B).content()).isEqualTo(root.resolve("overlay/" + B + "/upper"));
        assertThat(only(result, B).size()).isEqualTo(9 + 64);
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void hardLinksCountOnceAndFifosAreNeverOpened() throws Exception {
        Path root = root();
        Path file = write(root.resolve("vfs/dir/" + A + "/data.bin"), "0123456789");
        Files.createLink(root.resolve("vfs/dir/" + A + "/data-link.bin"), file);
        Path fifo = root.resolve("vfs/dir/" + A + "/pipe");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assumeTrue(mkfifo.waitFor() == 0, "mkfifo not available");

        LayerInventory.Result result = LayerInventory.scan(root, null, List.of(driver(root, "vfs")), true);

        assertThat(only(result, A).kind()).isEqualTo(LayerFolderKind.SNAPSHOT);
        assertThat(only(result, A).size()).isEqualTo(10);
    }

    @Test
    void missingDriverHomeAndUnknownDriversListNothing() {
        Path root = root();
        mkdirs(root.resolve("windowsfilter/" + A));

        LayerInventory.Result result = LayerInventory.scan(root, null,
                List.of(driver(root, "aufs"), new Driver("windowsfilter", root.resolve("windowsfilter"), false, false, 1)),
                true);

        assertThat(result.folders()).isEmpty();
        assertThat(result.problems()).isEmpty();
    }
}
