package io.github.drydock.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.drydock.DockerRoot;
import io.github.drydock.testing.CliRootBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static io.github.drydock.cli.CliRun.run;
import static io.github.drydock.testing.CliRootBuilder.BASE;
import static io.github.drydock.testing.CliRootBuilder.DB;
import static io.github.drydock.testing.CliRootBuilder.MYSQL;
import static io.github.drydock.testing.CliRootBuilder.OTHER;
import static io.github.drydock.testing.CliRootBuilder.VOLUME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The commands on a seed-like Docker 1.5 root read by the real readers. Each test first checks that
 * the readers it needs found what the root holds, and is skipped (with the reason) where they do not
 * yet: the CLI is developed alongside them.
 */
class CliEndToEndTest {
    @TempDir
    Path temp;
    private Path root;
    private String rootArg;

    @BeforeEach
    void seedRoot() {
        root = CliRootBuilder.write(temp.resolve("var/lib/docker"));
        rootArg = root.toString();
    }

    private DockerRoot opened() throws Exception {
        return DockerRoot.open(root);
    }

    private void needImages() throws Exception {
        assumeTrue(opened().images().size() == 3, "legacy image reader not available in this build");
    }

    private void needContainer() throws Exception {
        assumeTrue(opened().containers().size() == 1, "container reader not available in this build");
    }

    @Test
    void imagesListsTheTaggedImageAndTheDanglingOne() throws Exception {
        needImages();
        CliRun run = run("--root", rootArg, "images");
        assertThat(run.code()).isZero();
        assertThat(run.out()).isEqualTo("""
                REPOSITORY  TAG     IMAGE ID      CREATED              VIRTUAL SIZE
                mysql       5.7.5   c171a2256c3b  2015-03-20 10:00:00  322.8 MB
                <none>      <none>  c1ffee000000  2015-03-19 10:00:00  1 kB
                """);
    }

    @Test
    void treeDrawsTheSeedChain() throws Exception {
        needImages();
        assertThat(run("--root", rootArg, "images", "--tree").out()).isEqualTo("""
                └─511136ea3c5a Virtual Size: 0 B
                  ├─c171a2256c3b Virtual Size: 322.8 MB Tags: mysql:5.7.5
                  └─c1ffee000000 Virtual Size: 1 kB
                """);
    }

    @Test
    void historyByTagIsNewestFirst() throws Exception {
        needImages();
        CliRun run = run("--root", rootArg, "history", "mysql:5.7.5");
        assertThat(run.code()).isZero();
        assertThat(run.out().lines().skip(1).map(l -> l.substring(0, 12)).toList())
                .containsExactly(MYSQL.substring(0, 12), BASE.substring(0, 12));
        assertThat(run.out()).contains("/bin/sh -c #(nop) CMD [\"mysqld\"]");
    }

    @Test
    void anAmbiguousPrefixExitsOneListingTheCandidates() throws Exception {
        needImages();
        CliRun run = run("--root", rootArg, "inspect", "c1");
        assertThat(run.code()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("drydock: ambiguous reference 'c1'").contains(MYSQL).contains(OTHER);
    }

    @Test
    void inspectAnImageIsItsRecordAsJson() throws Exception {
        needImages();
        CliRun run = run("--root", rootArg, "inspect", "mysql:5.7.5");
        assertThat(run.code()).isZero();
        assertThat(run.json().get("id").asText()).isEqualTo(MYSQL);
        assertThat(run.json().get("parentId").asText()).isEqualTo(BASE);
    }

    @Test
    void containersAndInspectShowTheDbContainer() throws Exception {
        needContainer();
        CliRun ps = run("--root", rootArg, "ps");
        assertThat(ps.out().lines().skip(1).findFirst().orElseThrow()).isEqualTo(
                "3b03d0aa1e9b  mysql:5.7.5  \"/entrypoint.sh my...\"  2015-03-21 10:00:00  Exited (3) 2015-04-01 12:00:00  db");
        JsonNode db = run("--root", rootArg, "inspect", "db").json();
        assertThat(db.get("id").asText()).isEqualTo(DB);
        assertThat(db.get("mounts").get(0).get("destination").asText()).isEqualTo("/var/lib/mysql");
    }

    @Test
    void logsSplitStreamsAndJsonIsAnArray() throws Exception {
        needContainer();
        CliRun logs = run("--root", rootArg, "logs", "db", "--timestamps", "--tail", "2");
        assertThat(logs.code()).isZero();
        assertThat(logs.out()).isEqualTo("2015-03-21T10:00:04.000000000Z ready for connections.\n");
        assertThat(logs.err()).isEqualTo("2015-03-21T10:00:03.000000000Z [Warning] no --secure-file-priv\n");
        JsonNode json = run("--root", rootArg, "--json", "logs", "3b03d0").json();
        assertThat(json).hasSize(3);
        assertThat(json.get(0).get("text").asText()).isEqualTo("Initializing database\n");
    }

    @Test
    void volumesLinkTheDataFolderToTheContainer() throws Exception {
        needContainer();
        assumeTrue(opened().volumes().size() == 1, "volume reader not available in this build");
        CliRun run = run("--root", rootArg, "volumes");
        String row = run.out().lines().skip(1).findFirst().orElseThrow();
        assertThat(row.split(" {2,}")).containsExactly(VOLUME, "21 B", "db", "/var/lib/mysql", "vfs/dir/" + VOLUME);
        JsonNode item = run("--root", rootArg, "--json", "volumes").json().get("items").get(0);
        assertThat(item.get("containers").get(0).get("destination").asText()).isEqualTo("/var/lib/mysql");
    }

    @Test
    void strictTurnsAProblemIntoExitOneAfterTheOutput() throws Exception {
        CliRootBuilder.corruptContainer(root);
        assumeTrue(!opened().problems().isEmpty(), "no reader in this build reports the corrupt container config");
        CliRun lenient = run("--root", rootArg, "info");
        assertThat(lenient.code()).isZero();
        assertThat(lenient.err()).startsWith("drydock: problem: " + root.resolve("containers/dead"));
        CliRun strict = run("--root", rootArg, "--strict", "info");
        assertThat(strict.code()).isEqualTo(ExitCodes.FAILED);
        assertThat(strict.out()).contains("Generation:  LEGACY");
        CliRun json = run("--root", rootArg, "--strict", "--json", "info");
        assertThat(json.code()).isEqualTo(ExitCodes.FAILED);
        assertThat(json.err()).isEmpty();
        assertThat(json.json().get("problems").get(0).get("path").asText()).contains("dead");
    }

    @Test
    void aDiskMountAboveTheRootIsFound() throws Exception {
        CliRun run = run("--root", temp.toString(), "--json", "info");
        assertThat(run.code()).isZero();
        assertThat(run.json().get("root").asText()).isEqualTo(rootArg);
        assertThat(run.json().get("filesystemRoot").asText()).isEqualTo(temp.toString());
    }
}
