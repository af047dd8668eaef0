package io.github.drydock;

import io.github.drydock.model.IdKind;
import io.github.drydock.model.IdLookup;
import io.github.drydock.model.IdMatch;
import io.github.drydock.model.Owner;
import io.github.drydock.model.OwnerType;
import io.github.drydock.testing.ForensicRoots;
import io.github.drydock.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.github.drydock.testing.TestFiles.symlink;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

class ForensicsWhoisTest {
    @TempDir
    Path tmp;

    /** One row of {@code reference/layers.tsv}: chain id, diff id, cache id. */
    private record LayerRow(String chain, String diff, String cache) {
    }

    private static List<LayerRow> layerRows() throws Exception {
        return ForensicRoots.reference("overlay2", "layers.tsv").stream().filter(l -> l.startsWith("sha256:"))
                .map(l -> l.split("\t")).map(f -> new LayerRow(hex(f[0]), hex(f[1]), f[2])).toList();
    }

    private static String hex(String digest) {
        return digest.substring("sha256:".length());
    }

    @Test
    void shortLinkResolvesToItsCacheFolderAndOwners() throws Exception {
        Path root = ForensicRoots.dockerd("overlay2", tmp);
        Forensics forensics = Forensics.of(DockerRoot.open(root));
        String cRunMount = ForensicRoots.reference("overlay2", "layerdb-mounts.tsv").get(1).split("\t")[2];
        String link = Files.readString(root.resolve("overlay2/" + cRunMount + "/link")).strip();

        IdLookup lookup = forensics.whois(link.substring(0, 10).toLowerCase());

        assertThat(lookup.ambiguous()).isFalse();
        assertThat(lookup.matches()).singleElement().satisfies(m -> {
            assertThat(m.kind()).isEqualTo(IdKind.SHORT_LINK);
            assertThat(m.id()).isEqualTo(link);
            assertThat(m.path()).isEqualTo(root.resolve("overlay2/l/" + link));
            assertThat(m.description()).contains("cache id " + cRunMount).contains("/c-run");
            assertThat(m.owners()).extracting(Owner::type, Owner::name).containsExactly(tuple(OwnerType.CONTAINER, "/c-run"));
        });
        assertThat(forensics.whois("l/" + link).matches()).extracting(IdMatch::kind).containsExactly(IdKind.SHORT_LINK);
    }

    @Test
    void mountIdAndDiffIdResolveToTheirContainerAndLayer() throws Exception {
        Path root = ForensicRoots.dockerd("overlay2", tmp);
        Forensics forensics = Forensics.of(DockerRoot.open(root));
        String[] cRun = ForensicRoots.reference("overlay2", "layerdb-mounts.tsv").get(1).split("\t");

        assertThat(forensics.whois(cRun[2]).matches()).extracting(IdMatch::kind, IdMatch::path)
                .containsExactly(tuple(IdKind.MOUNT_ID, root.resolve("overlay2/" + cRun[2])));
        assertThat(forensics.whois(cRun[2]).matches().get(0).owners()).extracting(Owner::id).containsExactly(cRun[0]);
        assertThat(forensics.whois(cRun[3]).matches()).extracting(IdMatch::kind).containsExactly(IdKind.INIT_ID);

        for (LayerRow row : layerRows()) {
            IdLookup byDiff = forensics.whois("sha256:" + row.diff());
            assertThat(byDiff.matches()).as(row.diff()).filteredOn(m -> m.kind() == IdKind.DIFF_ID).singleElement()
                    .satisfies(m -> {
                        assertThat(m.description()).contains(row.cache()).contains(row.chain().substring(0, 12));
                        assertThat(m.owners()).isNotEmpty().allSatisfy(o -> assertThat(o.type()).isEqualTo(OwnerType.IMAGE));
                    });
            assertThat(forensics.whois(row.cache()).matches()).extracting(IdMatch::kind, IdMatch::path)
                    .containsExactly(tuple(IdKind.CACHE_ID, root.resolve("overlay2/" + row.cache())));
            assertThat(forensics.whois(row.chain()).matches()).extracting(IdMatch::kind)
                    .contains(IdKind.CHAIN_ID);
        }
    }

    @Test
    void baseLayerIdIsBothChainIdAndDiffId() throws Exception {
        Forensics forensics = Forensics.of(DockerRoot.open(ForensicRoots.dockerd("overlay2", tmp)));
        String base = "41c27f59382defb19d9c06ac6c5ffff1b2fdae7609ca3452197db8c93044efbf";

        IdLookup lookup = forensics.whois(base);

        assertThat(lookup.matches()).extracting(IdMatch::kind).containsExactly(IdKind.CHAIN_ID, IdKind.DIFF_ID);
        assertThat(lookup.ambiguous()).isFalse();
        assertThat(lookup.matches().get(0).owners()).as("every tag above it, then the untagged build steps that made it")
                .extracting(Owner::name).containsExactly("example/base:1", "example/app:1", "example/committed:1",
                        "example/multi:2", null, null);
        assertThat(lookup.matches().get(0).owners().subList(4, 6)).extracting(Owner::id).containsExactly(
                "070be0e8e81a4183370a563009d1258c19235849c6ab06764ce5f2f3acf65e4c",
                "3aaec7694a72ecff42ef63faecc9073a5107d99e325a86fee3b08dbc05051137");
    }

    @Test
    void containerIdVolumeNameAndImageIdAreFound() throws Exception {
        Forensics forensics = Forensics.of(DockerRoot.open(ForensicRoots.dockerd("overlay2", tmp)));

        assertThat(forensics.whois("7ebf5bb6").matches()).extracting(IdMatch::kind, IdMatch::description)
                .containsExactly(tuple(IdKind.CONTAINER, "container /c-run, exited (exit 3)"));
        assertThat(forensics.whois("namedvol").matches()).singleElement().satisfies(m -> {
            assertThat(m.kind()).isEqualTo(IdKind.VOLUME);
            assertThat(m.description()).contains("/c-run at /data").contains("/c-created at /data");
        });
        assertThat(forensics.whois("sha256:6138834b2766").matches()).extracting(IdMatch::kind, IdMatch::description)
                .containsExactly(tuple(IdKind.IMAGE, "image example/app:1 example/app:latest, 6 layers"));
    }

    @Test
    void legacyIdIsImageLayerAndFolder() throws Exception {
        Forensics forensics = Forensics.of(DockerRoot.open(ForensicRoots.seed(tmp)));

        IdLookup lookup = forensics.whois("c171a2256c3b");

        assertThat(lookup.ambiguous()).isFalse();
        assertThat(lookup.matches()).extracting(IdMatch::kind)
                .containsExactly(IdKind.IMAGE, IdKind.V1_ID, IdKind.CACHE_ID);
        assertThat(forensics.whois("cb4012594631").matches()).extracting(IdMatch::kind)
                .containsExactly(IdKind.VOLUME, IdKind.LAYER_FOLDER);
        assertThat(forensics.whois("2f9cbf01").matches()).filteredOn(m -> m.kind() == IdKind.LAYER_FOLDER)
                .singleElement().satisfies(m -> assertThat(m.description()).contains("orphan"));
    }

    @Test
    void ambiguousPrefixListsEveryCandidate() throws Exception {
        Forensics forensics = Forensics.of(DockerRoot.open(Fixtures.materialize("broken/ambiguous-prefix", tmp)));

        IdLookup images = forensics.whois("abcdef");
        IdLookup containers = forensics.whois("c0ffee");

        assertThat(images.ambiguous()).isTrue();
        assertThat(images.matches()).filteredOn(m -> m.kind() == IdKind.IMAGE).extracting(IdMatch::id).containsExactly(
                "abcdef1ec3866f1289aff2ca39c96adc13c772925d5b6d5ec8f09b30fd063b66",
                "abcdef5189124cd0211bffb1bd84e23028040f7cd9057027c1807f135308c9bc");
        assertThat(containers.ambiguous()).isTrue();
        assertThat(containers.matches()).filteredOn(m -> m.kind() == IdKind.CONTAINER)
                .extracting(IdMatch::id, m -> m.owners().get(0).name()).containsExactly(
                        tuple("c0ffeea15c146d1d4686619b9136f866a4e6f9e7e75b0632bd2d9be83364a8fa", "/second"),
                        tuple("c0ffeeeeab61387592ed1c4d6f1921a939da29bd50848b83d5c20d82f9a92d91", "/first"));
    }

    @Test
    void unknownIdMatchesNothingAndHostileLinksAreNotFollowed() throws Exception {
        Path root = ForensicRoots.dockerd("overlay2", tmp);
        symlink(root.resolve("overlay2/l/EVILEVILEVILEVILEVILEVIL22"), "/etc");
        Forensics forensics = Forensics.of(DockerRoot.open(root));

        assertThat(forensics.whois("zzzz").empty()).isTrue();
        assertThat(forensics.whois("   ").empty()).isTrue();
        assertThat(forensics.whois("EVILEVIL").matches()).singleElement().satisfies(m -> {
            assertThat(m.kind()).isEqualTo(IdKind.SHORT_LINK);
            assertThat(m.description()).contains("dangling or refused");
            assertThat(m.owners()).isEmpty();
        });
    }
}
