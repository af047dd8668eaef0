package io.github.drydock;

import io.github.drydock.model.LayerFolder;
import io.github.drydock.model.LayerFolderKind;
import io.github.drydock.model.OrphanReason;
import io.github.drydock.model.Owner;
import io.github.drydock.model.OwnerType;
import io.github.drydock.testing.ForensicRoots;
import io.github.drydock.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.github.drydock.testing.TestFiles.mkdirs;
import static io.github.drydock.testing.TestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;

class ForensicsLayersTest {
    private static final String MYSQL = "c171a2256c3b9d13c77b2b3773eaaad95a9b4a8735613ce46722f79fa29fa366";
    private static final String MYSQL_CONTAINER = "fafda563ea121987c80b962e0cf86e57cb2bdafcd453d2175a554fd79936abd5";
    private static final String WIKI_CONTAINER = "1ddb3aaa204514c7a479d361ff7a6c9e61270576b78bf30c0d32c1fa82bf84bd";
    private static final String ORPHAN_VOLUME = "2f9cbf01a8c9ab9db7b7a8e967745409a33672b27dd304588b2d4e71c6bf78ac";
    private static final String GONE = "0123456789abcdef".repeat(4);

    @TempDir
    Path tmp;

    private static Forensics.Layers layers(Path root) throws Exception {
        return Forensics.of(DockerRoot.open(root)).layers();
    }

    private static Map<OwnerType, Long> byPrincipalOwner(List<LayerFolder> folders) {
        return folders.stream().filter(f -> !f.owners().isEmpty())
                .collect(Collectors.groupingBy(f -> f.owners().get(0).type(), Collectors.counting()));
    }

    private static LayerFolder folder(Forensics.Layers layers, String id) {
        return layers.items().stream().filter(f -> f.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void seedRootAccountsForEveryFolder() throws Exception {
        Forensics.Layers layers = layers(ForensicRoots.seed(tmp));

        assertThat(layers.items()).hasSize(37 + 4 + 3);
        assertThat(byPrincipalOwner(layers.items())).containsExactlyInAnyOrderEntriesOf(Map.of(
                OwnerType.IMAGE, 37L, OwnerType.CONTAINER, 2L, OwnerType.CONTAINER_INIT, 2L, OwnerType.VOLUME, 3L));
        assertThat(layers.items()).filteredOn(LayerFolder::orphan).extracting(LayerFolder::id, LayerFolder::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(ORPHAN_VOLUME, OrphanReason.UNUSED_VOLUME));
        LayerFolder mysql = folder(layers, MYSQL);
        assertThat(mysql.owners()).extracting(Owner::id, Owner::name, Owner::tags)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(MYSQL, "mysql:5.7.5", List.of("mysql:5.7.5")));
        assertThat(folder(layers, MYSQL_CONTAINER + "-init").owners()).extracting(Owner::type, Owner::name)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(OwnerType.CONTAINER_INIT, "/mediawiki_mysql_1"));
        assertThat(folder(layers, "511136ea3c5a64f264b78b5433614aec563103b4d4702f3ba7d4d2698e22c158").owners())
                .as("the scratch layer: the tag above it, then the untagged image that made it")
                .extracting(Owner::id, Owner::name).containsExactly(
                        org.assertj.core.groups.Tuple.tuple(MYSQL, "mysql:5.7.5"),
                        org.assertj.core.groups.Tuple.tuple("511136ea3c5a64f264b78b5433614aec563103b4d4702f3ba7d4d2698e22c158",
                                null));
        assertThat(layers.items()).allSatisfy(f -> assertThat(f.size()).isNotNegative());
        assertThat(mysql.size()).as("apparent bytes of the files in aufs/diff/c171a2256c3b… plus aufs/layers/c171…")
                .isEqualTo(975);
        assertThat(layers.problems()).isEmpty();
    }

    @Test
    void leftoversInTheSeedRootAreOrphansWithReasons() throws Exception {
        Path root = ForensicRoots.seed(tmp);
        write(root.resolve("aufs/diff/" + GONE + "/var/log/deleted-app.log"), "evidence\n");
        write(root.resolve("aufs/layers/" + GONE), MYSQL + "\n");
        mkdirs(root.resolve("aufs/diff/" + WIKI_CONTAINER + "-removing/tmp"));
        mkdirs(root.resolve("aufs/diff/" + GONE.replace('0', 'f') + "-init/etc"));
        mkdirs(root.resolve("aufs/mnt/" + GONE.replace('1', 'e')));

        Forensics.Layers layers = layers(root);

        assertThat(layers.items()).hasSize(44 + 4);
        assertThat(layers.items()).filteredOn(LayerFolder::orphan).extracting(LayerFolder::id, LayerFolder::reason)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(GONE, OrphanReason.UNREFERENCED),
                        org.assertj.core.groups.Tuple.tuple(WIKI_CONTAINER + "-removing", OrphanReason.REMOVING),
                        org.assertj.core.groups.Tuple.tuple(GONE.replace('0', 'f') + "-init",
                                OrphanReason.INIT_WITHOUT_CONTAINER),
                        org.assertj.core.groups.Tuple.tuple(GONE.replace('1', 'e'), OrphanReason.UNREFERENCED),
                        org.assertj.core.groups.Tuple.tuple(ORPHAN_VOLUME, OrphanReason.UNUSED_VOLUME));
        LayerFolder gone = folder(layers, GONE);
        assertThat(gone.size()).isEqualTo(9 + 65);
        assertThat(gone.otherPaths()).containsExactly(root.resolve("aufs/layers/" + GONE));
        assertThat(folder(layers, GONE.replace('1', 'e')).kind()).isEqualTo(LayerFolderKind.METADATA);
        assertThat(layers.items()).filteredOn(f -> f.orphan() && f.reason() == null).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"overlay2", "vfs"})
    void everyFolderOfADockerdRootIsOwned(String driver) throws Exception {
        Forensics.Layers layers = layers(ForensicRoots.dockerd(driver, tmp));

        assertThat(layers.items()).hasSize(16).allSatisfy(f -> {
            assertThat(f.driver()).isEqualTo(driver);
            assertThat(f.orphan()).as(f.id()).isFalse();
        });
        assertThat(byPrincipalOwner(layers.items())).containsExactlyInAnyOrderEntriesOf(Map.of(
                OwnerType.IMAGE, 10L, OwnerType.CONTAINER, 3L, OwnerType.CONTAINER_INIT, 3L));
        assertThat(layers.items()).filteredOn(f -> f.owners().get(0).type() == OwnerType.CONTAINER)
                .extracting(f -> f.owners().get(0).name()).containsExactlyInAnyOrder("/c-run", "/c-created", "/c-cp");
        List<String> mounts = ForensicRoots.reference(driver, "layerdb-mounts.tsv");
        for (String line : mounts) {
            String[] f = line.split("\t");
            if (f.length > 3 && f[0].matches("[0-9a-f]{64}")) {
                assertThat(folder(layers, f[2]).owners()).extracting(Owner::type, Owner::id, Owner::name)
                        .containsExactly(org.assertj.core.groups.Tuple.tuple(OwnerType.CONTAINER, f[0], f[1]));
                assertThat(folder(layers, f[3]).owners()).extracting(Owner::type, Owner::id)
                        .containsExactly(org.assertj.core.groups.Tuple.tuple(OwnerType.CONTAINER_INIT, f[0]));
            }
        }
        assertThat(layers.problems()).isEmpty();
    }

    @Test
    void layerOfPrunedBuildStepsIsOwnedByTheDanglingImagesAboveIt() throws Exception {
        Path root = ForensicRoots.dockerd("overlay2", tmp);
        String multi = "3d895e77f98df984c7156b0a4283a4b5a199840fde64750e9c55c37baf4149c6";
        String entrypoint = "94bbcc01b71d43a26431c2408ba8853eb7c11aefa9ae8efe9a15b3a9363865b8";
        String seventh = DockerRoot.open(root).image(multi).orElseThrow().layers().get(6).cacheId();
        // untag example/multi:2 and prune the build steps that made its 7th and 8th layers
        String tags = Files.readString(root.resolve("image/overlay2/repositories.json"));
        Files.writeString(root.resolve("image/overlay2/repositories.json"),
                tags.replace(",\"example/multi\":{\"example/multi:2\":\"sha256:" + multi + "\"}", ""));
        for (String pruned : List.of("cdc8a53f590ba4e490cfaea479f5405ed5b8a637baaa7f49bfe20133ab8c9c15",
                "35883acdadfdc21484e6864a12fbf110b94516c1a37208a1b8fe5e21bf0b7fae",
                "be7b60c0dc69d1b61525ba6835d10ba19a3f2d7153458b4b31d81cfc808ad45a",
                "f8021b0ea086d1674d4f7708b628fb40bbdebb7e0e359dc20ddefb5a1e5e7ed1")) {
            Files.delete(root.resolve("image/overlay2/imagedb/content/sha256/" + pruned));
        }

        Forensics.Layers layers = layers(root);

        assertThat(folder(layers, seventh).orphan()).isFalse();
        assertThat(folder(layers, seventh).owners()).extracting(Owner::id, Owner::tags).containsExactly(
                org.assertj.core.groups.Tuple.tuple(multi, List.of()),
                org.assertj.core.groups.Tuple.tuple(entrypoint, List.of()));
    }

    @Test
    void halfRemovedModernLayerIsListedWithItsCacheFolder() throws Exception {
        Path root = ForensicRoots.dockerd("overlay2", tmp);
        String chain = "feed".repeat(16);
        String cache = "beef".repeat(16);
        write(root.resolve("image/overlay2/layerdb/sha256/" + chain + "-removing/cache-id"), cache);
        write(root.resolve("image/overlay2/layerdb/sha256/" + chain + "-removing/diff"), "sha256:" + chain);
        write(root.resolve("overlay2/" + cache + "/diff/etc/passwd.bak"), "root:x:0:0\n");
        mkdirs(root.resolve("image/overlay2/layerdb/tmp/write-set-42"));

        Forensics.Layers layers = layers(root);

        assertThat(layers.items()).filteredOn(LayerFolder::orphan)
                .extracting(LayerFolder::driver, LayerFolder::id, LayerFolder::reason, LayerFolder::kind)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("overlay2", cache, OrphanReason.REMOVING, LayerFolderKind.DIFF),
                        org.assertj.core.groups.Tuple.tuple("overlay2", chain + "-removing", OrphanReason.REMOVING,
                                LayerFolderKind.METADATA),
                        org.assertj.core.groups.Tuple.tuple("overlay2", "write-set-42", OrphanReason.TEMPORARY,
                                LayerFolderKind.METADATA));
        assertThat(folder(layers, cache).content()).isEqualTo(root.resolve("overlay2/" + cache + "/diff"));
    }

    @Test
    void damagedRootsStillListEveryFolder() throws Exception {
        String top = "5cef977584e8485a6e69ba9e4bbfd93c4348f1aa3f9bc512219d4255bf292b0e";
        Forensics.Layers missing = layers(Fixtures.materialize("broken/missing-diff", tmp.resolve("a")));
        LayerFolder metadataOnly = folder(missing, top);
        assertThat(metadataOnly.kind()).isEqualTo(LayerFolderKind.METADATA);
        assertThat(metadataOnly.owners()).extracting(Owner::name).containsExactly("app:1");

        Forensics.Layers escape = layers(Fixtures.materialize("broken/symlink-escape", tmp.resolve("b")));
        assertThat(folder(escape, top).content()).isNull();
        assertThat(folder(escape, top).owners()).extracting(Owner::name).containsExactly("app:1");
        assertThat(escape.problems()).anySatisfy(p -> assertThat(p.message()).contains(top).contains("not followed"));

        Forensics.Layers lost = layers(Fixtures.materialize("broken/container-without-image", tmp.resolve("c")));
        assertThat(lost.items()).filteredOn(f -> !f.owners().isEmpty() && f.owners().get(0).type() == OwnerType.CONTAINER)
                .extracting(f -> f.owners().get(0).name()).contains("/lost");
        assertThat(lost.problems()).anySatisfy(p -> assertThat(p.message()).contains("/lost").contains("gone"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"truncated-json", "dangling-parent", "parent-cycle", "missing-diff", "container-without-image",
            "ambiguous-prefix", "bad-repositories", "symlink-escape", "corrupt-linkgraph"})
    void everyBrokenRootIsListedWithItsProblems(String name) throws Exception {
        DockerRoot root = DockerRoot.open(Fixtures.materialize("broken/" + name, tmp));

        Forensics.Layers layers = Forensics.of(root).layers();

        assertThat(layers.items()).extracting(LayerFolder::id)
                .contains("fa8f1b84172ba1f91861461a1cfef291fe4c084eb3facd6d5be1c93235bfdb54");
        assertThat(layers.problems()).containsAll(root.problems());
        if (!name.equals("ambiguous-prefix")) {
            assertThat(layers.problems()).as("each broken root has its damage reported").isNotEmpty();
        }
    }
}
