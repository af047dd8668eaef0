package io.github.drydock.contract;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.drydock.contract.SeedFacts.Row;
import io.github.drydock.testing.Fixtures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The founding story ({@code shared/spec/seed-scenario.md}) told through the command line, one
 * command per question the owner spent days on: which images and sizes, which containers, and where
 * the MySQL data of {@code /var/lib/mysql} went ({@code vfs/dir/cb40…}).
 */
class SeedStoryTest {
    @TempDir
    static Path temp;
    private static Path root;

    @BeforeAll
    static void materialize() {
        root = Fixtures.materialize(SeedFacts.FIXTURE, temp);
    }

    private static ContractCli drydock(String... args) {
        ContractCli run = ContractCli.run(root, args);
        assertThat(run.code()).as(run.toString()).isZero();
        return run;
    }

    @Test
    void imageTreeShowsBothChainsWithEveryIdAndVirtualSize() {
        ContractCli tree = drydock("images", "--tree");
        List<String> lines = tree.out().lines().toList();
        List<Row> rows = new ArrayList<>(SeedFacts.MYSQL_CHAIN);
        rows.addAll(SeedFacts.WIKI_CHAIN);
        assertThat(lines).hasSize(37);
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            int depth = i < SeedFacts.MYSQL_CHAIN.size() ? i : i - SeedFacts.MYSQL_CHAIN.size();
            String tags = row.id().equals(SeedFacts.MYSQL_IMAGE) ? " Tags: mysql:5.7.5"
                    : row.id().equals(SeedFacts.WIKI_IMAGE) ? " Tags: nickstenning/mediawiki:latest" : "";
            assertThat(lines.get(i)).as("tree line %d", i + 1).matches("[│ ]{" + 2 * depth + "}[├└]─"
                    + row.id().substring(0, 12) + " Virtual Size: " + Pattern.quote(row.virtualSize())
                    + Pattern.quote(tags));
        }
        assertThat(tree.out()).contains("c171a2256c3b Virtual Size: 322.8 MB Tags: mysql:5.7.5")
                .contains("d32d732341b0 Virtual Size: 619.5 MB Tags: nickstenning/mediawiki:latest");
        ContractCli full = drydock("images", "--tree", "--no-trunc");
        assertThat(full.out()).contains(SeedFacts.allImageIds());
    }

    @Test
    void imagesListBothTagsWithDockerSizes() {
        List<String> lines = drydock("images").out().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(1)).matches("nickstenning/mediawiki +latest +d32d732341b0 .* 619\\.5 MB");
        assertThat(lines.get(2)).matches("mysql +5\\.7\\.5 +c171a2256c3b .* 322\\.8 MB");
    }

    @Test
    void containersShowBothNamesAndHowTheyEnded() {
        String out = drydock("containers").out();
        assertThat(out.lines()).anyMatch(l -> l.startsWith("fafda563ea12") && l.contains("Exited (0)")
                && l.endsWith(" mediawiki_mysql_1"));
        assertThat(out.lines()).anyMatch(l -> l.startsWith("1ddb3aaa2045") && l.contains("Exited (137)")
                && l.endsWith(" mediawiki_mediawiki_1"));
    }

    @Test
    void volumesTellWhereTheMysqlDataWentAndShowTheOrphan() {
        String out = drydock("volumes").out();
        assertThat(out.lines()).anyMatch(l -> l.startsWith(SeedFacts.MYSQL_VOLUME + " ")
                && l.matches(".* mediawiki_mysql_1 +/var/lib/mysql +vfs/dir/" + SeedFacts.MYSQL_VOLUME));
        assertThat(out.lines()).anyMatch(l -> l.startsWith(SeedFacts.WIKI_VOLUME + " ")
                && l.matches(".* mediawiki_mediawiki_1 +/data +vfs/dir/" + SeedFacts.WIKI_VOLUME));
        assertThat(out.lines()).anyMatch(l -> l.startsWith(SeedFacts.ORPHAN_VOLUME + " ")
                && l.matches(".* \\(orphan\\) +- +vfs/dir/" + SeedFacts.ORPHAN_VOLUME));
    }

    @Test
    void jsonVolumesGiveTheMysqlFolderWhereTheOwnersFilesAre() {
        JsonNode items = drydock("--json", "volumes").json().get("items");
        JsonNode mysql = StreamSupport.stream(items.spliterator(), false)
                .filter(v -> v.get("name").asText().equals(SeedFacts.MYSQL_VOLUME)).findFirst().orElseThrow();
        Path data = Path.of(mysql.get("path").asText());
        assertThat(data).isEqualTo(root.resolve("vfs/dir/" + SeedFacts.MYSQL_VOLUME));
        assertThat(mysql.get("containers")).singleElement().satisfies(use -> {
            assertThat(use.get("id").asText()).isEqualTo(SeedFacts.MYSQL_CONTAINER);
            assertThat(use.get("name").asText()).isEqualTo("/mediawiki_mysql_1");
            assertThat(use.get("destination").asText()).isEqualTo("/var/lib/mysql");
        });
        for (String file : SeedFacts.MYSQL_FILES) {
            Path entry = data.resolve(file);
            assertThat(file.endsWith("/") ? Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)
                    : Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)).as(file).isTrue();
        }
        assertThat(StreamSupport.stream(items.spliterator(), false)
                .filter(v -> v.get("containers").isEmpty()).map(v -> v.get("name").asText()))
                .containsExactly(SeedFacts.ORPHAN_VOLUME);
    }

    @Test
    void inspectTiesTheMysqlContainerToItsVolumeAndLink() {
        JsonNode mysql = drydock("inspect", "mediawiki_mysql_1").json();
        assertThat(mysql.get("imageId").asText()).isEqualTo(SeedFacts.MYSQL_IMAGE);
        assertThat(mysql.get("mounts")).singleElement().satisfies(m -> {
            assertThat(m.get("destination").asText()).isEqualTo("/var/lib/mysql");
            assertThat(m.get("volume").asText()).isEqualTo(SeedFacts.MYSQL_VOLUME);
            assertThat(m.get("dataPath").asText())
                    .isEqualTo(root.resolve("vfs/dir/" + SeedFacts.MYSQL_VOLUME).toString());
        });
        JsonNode wiki = drydock("inspect", "/mediawiki_mediawiki_1").json();
        assertThat(wiki.get("links")).singleElement().satisfies(link -> {
            assertThat(link.get("alias").asText()).isEqualTo("mysql");
            assertThat(link.get("name").asText()).isEqualTo("/mediawiki_mysql_1");
        });
    }

    @Test
    void logsComeBackOnTheirOwnStreams() {
        ContractCli mysql = drydock("logs", "mediawiki_mysql_1");
        assertThat(mysql.out()).isEmpty();
        assertThat(mysql.err().lines()).hasSize(6);
        ContractCli wiki = drydock("logs", "mediawiki_mediawiki_1");
        assertThat(wiki.out().lines()).hasSize(2);
        assertThat(wiki.err().lines()).hasSize(2);
        assertThat(wiki.out()).contains("Special:Search&search=docker+backup");
    }
}
