package io.github.drydock.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.drydock.archive.Digests;
import io.github.drydock.testing.DockerdFixtureRoots;
import io.github.drydock.testing.DockerdFixtureRoots.Outcome;
import io.github.drydock.testing.Fixtures;
import io.github.drydock.testing.RepackFixtures;
import io.github.drydock.testing.RepackFixtures.Member;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.github.drydock.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Legacy roots (Docker 0.7–1.9) saved, committed and verified: configs built as the 1.10 migration built
 * them, diff ids from tar-split where Docker 1.8+ kept one, drydock's own tar of the layer folder where not.
 */
class RepackLegacyTest {
    private static final String SEED = "legacy-aufs-mediawiki";
    private static final String MYSQL = "c171a2256c3b9d13c77b2b3773eaaad95a9b4a8735613ce46722f79fa29fa366";
    /** The mysql:5.7.5 chain's layers with {@code layersize} 0 (seed README): metadata-only steps. */
    private static final List<Integer> EMPTY_MYSQL_LAYERS = List.of(0, 2, 7, 8, 10, 11, 13, 14, 15);
    /** Diff ids of the shape-B layers of legacy-1.9-volumes, as its README records them. */
    private static final Map<String, String> NGINX_DIFF_IDS = Map.of(
            "31f748a27802fc77bebdf5bc65a9ccb2207908de638361ab599f49d69bbff6b6",
            "38ae18e6373582af39ce98d4c1990d0ab7a90ccbe1a3d1238f5e481aeb76fa58",
            "971c727878836118af6cf95d4f4b21d89e3869ed53f34b39ac433685ecc4f0a1",
            "83c8fecfff732542e11f62e8b7a8c6b95abddec5fa1f523082a5a82367709b70",
            "d5ba431383cc79ea12c684fe913737d6c22f37b416c4de306829522bee892231",
            Digests.EMPTY_LAYER_DIFF_ID);

    @TempDir
    Path temp;

    private String materialize(String name) {
        return Fixtures.materialize(name, temp.resolve("roots")).toString();
    }

    @Test
    void theSeedMysqlImageIsSavedThroughTheFallbackAndSkopeoLoadsIt() throws IOException {
        String root = materialize(SEED);
        Path tar = temp.resolve("mysql.tar");

        CliRun save = run("--root", root, "--json", "save", "mysql:5.7.5", "-o", tar.toString());

        assertThat(save.code()).as(save.err()).isZero();
        JsonNode item = save.json().path("items").get(0);
        assertThat(item.path("legacy").asBoolean()).isTrue();
        assertThat(item.path("sourceId").asText()).isEqualTo(MYSQL);
        assertThat(item.path("originalImageId").isNull()).isTrue();
        assertThat(item.path("layers")).hasSize(16).allSatisfy(layer -> {
            assertThat(layer.path("exact").asBoolean()).isFalse();
            assertThat(layer.path("reason").asText()).startsWith("no tar-split recorded");
        });
        for (int i = 0; i < 16; i++) {
            boolean empty = EMPTY_MYSQL_LAYERS.contains(i);
            assertThat(item.path("layers").get(i).path("writtenDiffId").asText().equals(Digests.EMPTY_LAYER_DIFF_ID))
                    .as("layer " + i + " is the empty tar").isEqualTo(empty);
        }
        JsonNode config = DockerdFixtureRoots.readJson(DockerdFixtureRoots.member(tar,
                item.path("writtenImageId").asText() + ".json"));
        assertThat(config.path("history")).hasSize(16);
        assertThat(config.path("rootfs").path("diff_ids")).hasSize(16);
        assertThat(config.path("history").get(15).path("created_by").asText()).contains("CMD");
        assertThat(save.json().path("warnings").toString()).contains("its original image id cannot be known");
        RepackFixtures.assumeTool(RepackFixtures.SKOPEO);
        Outcome load = RepackFixtures.skopeoCopy("docker-archive:" + tar, "oci:" + temp.resolve("oci") + ":x");
        assertThat(load.exitCode()).as(load.output()).isZero();
    }

    @Test
    void strictRefusesTheSeedImageWhoseLayersHaveNoTarSplit() {
        String root = materialize(SEED);
        Path tar = temp.resolve("strict.tar");

        CliRun save = run("--root", root, "--strict", "save", "mysql:5.7.5", "-o", tar.toString());

        assertThat(save.code()).isEqualTo(1);
        assertThat(save.err()).contains("no tar-split recorded");
        assertThat(tar).doesNotExist();
    }

    @Test
    void legacy19DiffIdsFromReassemblyMatchTheRecordedOnesAndKeepTheMigrationId() {
        String root = materialize("legacy-1.9-volumes");
        Path tar = temp.resolve("nginx.tar");

        CliRun save = run("--root", root, "--strict", "--json", "save", "nginx:1.9.6", "-o", tar.toString());

        assertThat(save.code()).as(save.err()).isZero();
        JsonNode item = save.json().path("items").get(0);
        for (JsonNode layer : item.path("layers")) {
            assertThat(layer.path("exact").asBoolean()).isTrue();
            assertThat(layer.path("writtenDiffId").asText()).isEqualTo(NGINX_DIFF_IDS.get(layer.path("id").asText()));
        }
        assertThat(item.path("originalImageId").asText()).isEqualTo(item.path("writtenImageId").asText());
        assertThat(item.path("imageIdChanged").asBoolean()).isFalse();
    }

    @Test
    void verifyChecksLayersWithTarSplitAndReportsTheOthersAsUnverifiable() {
        String root = materialize("legacy-1.9-volumes");

        CliRun verify = run("--root", root, "--json", "verify");
        CliRun strict = run("--root", root, "--strict", "verify");
        CliRun nginx = run("--root", root, "--strict", "verify", "nginx:1.9.6");

        assertThat(verify.code()).isZero();
        JsonNode busybox = verify.json().path("items").findParents("repoTags").stream()
                .filter(i -> i.path("repoTags").toString().contains("busybox")).findFirst().orElseThrow();
        assertThat(busybox.path("ok").asBoolean()).isTrue();
        assertThat(busybox.path("verified").asBoolean()).isFalse();
        assertThat(busybox.path("layers").get(0).path("status").asText()).isEqualTo("UNVERIFIABLE");
        assertThat(busybox.path("layers").get(0).path("problem").asText()).contains("no tar-split: cannot verify");
        assertThat(busybox.path("layers").get(1).path("status").asText()).isEqualTo("OK");
        assertThat(strict.code()).isEqualTo(1);
        assertThat(nginx.code()).as(nginx.out()).isZero();
        assertThat(nginx.out()).contains("ok").contains("3/3");
    }

    @Test
    void verifyOfATamperedLegacyLayerNamesTheFile() throws IOException {
        String root = materialize("legacy-1.9-volumes");
        Path changed;
        try (var files = Files.walk(Path.of(root, "aufs/diff/971c727878836118af6cf95d4f4b21d89e3869ed53f34b39ac433685ecc4f0a1"))) {
            changed = files.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith(".wh."))
                    .findFirst().orElseThrow();
        }
        Files.writeString(changed, "tampered", java.nio.file.StandardOpenOption.APPEND);

        CliRun verify = run("--root", root, "verify", "nginx:1.9.6");

        assertThat(verify.code()).isEqualTo(1);
        assertThat(verify.out()).contains("FAILED").contains(changed.getFileName().toString())
                .contains("changed since docker wrote the tar-split");
    }

    @Test
    void theSeedMysqlContainerIsCommittedWithItsAufsLayerAndNoBookkeeping() {
        String root = materialize(SEED);
        Path tar = temp.resolve("mysql-commit.tar");

        CliRun commit = run("--root", root, "commit", "mediawiki_mysql_1", "seed/mysql:committed", "-o", tar.toString());

        assertThat(commit.code()).as(commit.err()).isZero();
        List<Member> members = RepackFixtures.members(RepackFixtures.layerTar(tar, -1));
        assertThat(members).extracting(Member::name).contains("tmp/mysql-first-time.sql", "usr/local/mysql/my.cnf",
                "usr/local/mysql/.wh.INSTALL-BINARY", "var/lib/mysql/").noneMatch(n -> n.contains(".wh..wh."));
        RepackFixtures.assumeTool(RepackFixtures.SKOPEO);
        Outcome load = RepackFixtures.skopeoCopy("docker-archive:" + tar, "oci:" + temp.resolve("oci") + ":x");
        assertThat(load.exitCode()).as(load.output()).isZero();
    }

    @Test
    void theOverlay18RedisImageIsExactAndItsContainerCommitTurnsTheDeviceWhiteoutIntoAWhFile() {
        Fixtures.Materialized materialized = Fixtures.materialized("legacy-overlay-1.8", temp.resolve("roots"));
        String root = materialized.root().toString();
        Path image = temp.resolve("redis.tar");
        Path commit = temp.resolve("cache.tar");

        CliRun save = run("--root", root, "--strict", "save", "myredis", "-o", image.toString());
        CliRun committed = run("--root", root, "commit", "cache", "-o", commit.toString());

        assertThat(save.code()).as(save.err()).isZero();
        assertThat(committed.code()).as(committed.err()).isZero();
        assumeTrue(materialized.complete(), "the whiteout device of the fixture needs root: " + materialized.skipped());
        assertThat(RepackFixtures.members(RepackFixtures.layerTar(commit, -1))).extracting(Member::name)
                .contains("etc/.wh.motd", "etc/redis.conf", "root/.ash_history");
    }
}
