package io.github.drydock.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.drydock.testing.ForensicRoots;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.github.drydock.testing.TestFiles.mkdirs;
import static io.github.drydock.testing.TestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code layers}, {@code whois}, {@code timeline} and {@code report} end to end on the seed root. */
class ForensicCommandsTest {
    private static final String ORPHAN_VOLUME = "2f9cbf01a8c9ab9db7b7a8e967745409a33672b27dd304588b2d4e71c6bf78ac";

    @TempDir
    Path tmp;
    private Path root;
    private String rootArg;

    @BeforeEach
    void seed() {
        root = ForensicRoots.seed(tmp.resolve("evidence"));
        rootArg = root.toString();
    }

    @Test
    void layersPrintsOneRowPerFolderAndOrphansOnlyWithTheFlag() {
        CliRun all = CliRun.run("--root", rootArg, "layers");
        CliRun orphans = CliRun.run("--root", rootArg, "layers", "--orphans");

        assertThat(all.code()).isZero();
        assertThat(all.err()).isEmpty();
        List<String> lines = all.out().lines().toList();
        assertThat(lines).hasSize(1 + 44);
        assertThat(lines.get(0)).matches("DRIVER +FOLDER +KIND +SIZE +OWNER +ORPHAN +PATH");
        assertThat(all.out()).containsPattern("aufs +c171a2256c3b +diff +975 B +image mysql:5\\.7\\.5 +aufs/diff/c171a2256c3b");
        assertThat(all.out()).containsPattern("aufs +fafda563ea12-init +diff +[0-9.]+ k?B +init of /mediawiki_mysql_1 ");
        assertThat(orphans.out().lines().toList()).hasSize(2);
        assertThat(orphans.out()).containsPattern("vfs +2f9cbf01a8c9 +snapshot +[0-9.]+ k?B +volume 2f9cbf01a8c9"
                + " +unused-volume +vfs/dir/" + ORPHAN_VOLUME);
    }

    @Test
    void layersJsonDocumentsEveryKey() {
        CliRun run = CliRun.run("--root", rootArg, "--json", "layers", "--orphans");

        JsonNode json = run.json();
        assertThat(CliRun.keys(json)).containsExactly("items", "problems");
        JsonNode item = json.get("items").get(0);
        assertThat(CliRun.keys(item)).containsExactly("driver", "id", "path", "otherPaths", "content", "size", "kind",
                "owners", "orphan", "reason");
        assertThat(item.get("driver").asText()).isEqualTo("vfs");
        assertThat(item.get("id").asText()).isEqualTo(ORPHAN_VOLUME);
        assertThat(item.get("path").asText()).isEqualTo(root.resolve("vfs/dir/" + ORPHAN_VOLUME).toString());
        assertThat(item.get("kind").asText()).isEqualTo("snapshot");
        assertThat(item.get("orphan").asBoolean()).isTrue();
        assertThat(item.get("reason").asText()).isEqualTo("unused-volume");
        assertThat(item.get("size").asLong()).isPositive();
        assertThat(CliRun.keys(item.get("owners").get(0))).containsExactly("type", "id", "name", "tags");
        assertThat(item.get("owners").get(0).get("type").asText()).isEqualTo("volume");
    }

    @Test
    void whoisListsMatchesAndFailsWhenNothingMatches() {
        CliRun found = CliRun.run("--root", rootArg, "whois", "fafda563");
        CliRun none = CliRun.run("--root", rootArg, "whois", "deadbeef");
        CliRun noneJson = CliRun.run("--root", rootArg, "--json", "whois", "deadbeef");
        CliRun ambiguous = CliRun.run("--root", rootArg, "whois", "3");

        assertThat(found.code()).isZero();
        assertThat(found.out().lines().toList().get(1)).matches("container-id +" + "fafda563ea121987c80b962e0cf86e57cb2bdafcd453d2175a554fd79936abd5"
                + " +container /mediawiki_mysql_1, exited \\(exit 0\\) +containers/fafda563ea12.*");
        assertThat(found.out()).contains("mount-id", "init-id", "aufs read-write layer of container /mediawiki_mysql_1");
        assertThat(none.code()).isEqualTo(ExitCodes.FAILED);
        assertThat(none.out()).isEmpty();
        assertThat(none.err()).isEqualTo("drydock: no id on this disk matches 'deadbeef'\n");
        assertThat(noneJson.code()).isEqualTo(ExitCodes.FAILED);
        assertThat(CliRun.keys(noneJson.json())).containsExactly("query", "ambiguous", "matches", "problems");
        assertThat(noneJson.json().get("matches")).isEmpty();
        assertThat(ambiguous.code()).isZero();
        assertThat(ambiguous.err()).contains("'3' is the start of").contains("different ids");
    }

    @Test
    void whoisJsonDocumentsEveryKey() {
        JsonNode json = CliRun.run("--root", rootArg, "--json", "whois", "c171a2256c3b").json();

        assertThat(json.get("ambiguous").asBoolean()).isFalse();
        JsonNode match = json.get("matches").get(0);
        assertThat(CliRun.keys(match)).containsExactly("kind", "id", "description", "path", "owners");
        assertThat(json.get("matches")).extracting(m -> m.get("kind").asText())
                .containsExactly("image-id", "v1-id", "cache-id");
    }

    @Test
    void timelineGoesToStdoutOrToAFileWithAChecksum() throws Exception {
        CliRun stdout = CliRun.run("--root", rootArg, "timeline");
        Path file = tmp.resolve("case/timeline.bodyfile");
        mkdirs(file.getParent());
        CliRun toFile = CliRun.run("--root", rootArg, "timeline", "-o", file.toString(), "--hash");
        CliRun again = CliRun.run("--root", rootArg, "timeline", "-o", file.toString());

        assertThat(stdout.code()).isZero();
        assertThat(stdout.out()).startsWith("0|[docker] image created <none> (sha256:511136ea3c5a)|0|----------|0|0|0|");
        assertThat(toFile.code()).isZero();
        // the first walk may update folder atimes of the temp copy (relatime), so atime is not compared
        assertThat(withoutAtime(Files.readString(file))).isEqualTo(withoutAtime(stdout.out()));
        assertThat(toFile.out()).isEqualTo(stdout.out().lines().count() + " rows written to " + file
                + ", checksum in " + file + ".sha256\n");
        assertThat(Files.readString(tmp.resolve("case/timeline.bodyfile.sha256")))
                .matches("[0-9a-f]{64}  timeline\\.bodyfile\n");
        assertThat(again.code()).isEqualTo(ExitCodes.FAILED);
        assertThat(again.err()).contains("exists").contains("--force");
    }

    /** Blanks the atime column (the 8th of a bodyfile row). */
    private static String withoutAtime(String bodyfile) {
        return bodyfile.lines().map(line -> line.replaceFirst("^((?:[^|]*\\|){7})[^|]*", "$1-"))
                .collect(java.util.stream.Collectors.joining("\n", "", "\n"));
    }

    @Test
    void timelineJsonSummaryAndOtherFormats() throws Exception {
        Path file = tmp.resolve("t.jsonl");
        CliRun run = CliRun.run("--root", rootArg, "--json", "timeline", "--format", "JSONL", "-o", file.toString());
        CliRun csv = CliRun.run("--root", rootArg, "timeline", "--format", "csv");

        assertThat(run.code()).isZero();
        assertThat(CliRun.keys(run.json())).containsExactly("output", "format", "rows", "sidecar", "problems");
        assertThat(run.json().get("rows").asLong()).isEqualTo(Files.readAllLines(file).size());
        assertThat(csv.out()).startsWith("md5,name,inode,mode,uid,gid,size,atime,mtime,ctime,crtime\r\n");
    }

    @Test
    void timelineUsageErrorsAndEvidenceAreRefused() throws Exception {
        CliRun hashToStdout = CliRun.run("--root", rootArg, "timeline", "--hash");
        CliRun badFormat = CliRun.run("--root", rootArg, "timeline", "--format", "xml");
        CliRun intoRoot = CliRun.run("--root", rootArg, "timeline", "-o", root.resolve("timeline.body").toString());

        assertThat(hashToStdout.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(hashToStdout.err()).contains("--hash needs -o FILE");
        assertThat(badFormat.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(badFormat.err()).contains("unknown timeline format 'xml'");
        assertThat(intoRoot.code()).isEqualTo(ExitCodes.FAILED);
        assertThat(intoRoot.err()).contains("inside the evidence");
        assertThat(Files.exists(root.resolve("timeline.body"))).isFalse();
    }

    @Test
    void reportWritesTheFolderAndRecordsTheCommandLine() throws Exception {
        Path dir = tmp.resolve("case-7");
        CliRun run = CliRun.run("--root", rootArg, "report", "-o", dir.toString());
        CliRun again = CliRun.run("--root", rootArg, "--json", "report", "-o", dir.toString(), "--force");
        CliRun inside = CliRun.run("--root", rootArg, "report", "-o", root.resolve("graph/report").toString());

        assertThat(run.code()).isZero();
        assertThat(run.out()).startsWith("report written to " + dir + " (").contains("FILE", "SHA256SUMS", "report.md");
        JsonNode report = CliJson.MAPPER.readTree(dir.resolve("report.json").toFile());
        assertThat(report.get("commandLine")).extracting(JsonNode::asText)
                .containsExactly("drydock", "--root", rootArg, "--json", "report", "-o", dir.toString(), "--force");
        assertThat(report.get("version").asText()).isEqualTo(Version.current());
        assertThat(again.code()).isZero();
        assertThat(CliRun.keys(again.json())).containsExactly("dir", "files", "timelineRows", "problems");
        assertThat(again.json().get("files")).hasSize(5);
        assertThat(inside.code()).isEqualTo(ExitCodes.FAILED);
        assertThat(inside.err()).contains("inside the evidence");
        assertThat(Files.exists(root.resolve("graph/report"))).isFalse();
    }

    @Test
    void aDamagedContainerNeverStopsTheListings() throws Exception {
        String mysql = "fafda563ea121987c80b962e0cf86e57cb2bdafcd453d2175a554fd79936abd5";
        write(root.resolve("containers/" + mysql + "/config.json"), "{\"ID\": \"" + mysql + "\", \"State\": {");

        CliRun layers = CliRun.run("--root", rootArg, "layers");
        CliRun timeline = CliRun.run("--root", rootArg, "timeline");
        CliRun report = CliRun.run("--root", rootArg, "report", "-o", tmp.resolve("r").toString());

        assertThat(layers.code()).isZero();
        assertThat(layers.err()).contains("drydock: problem: ").contains(mysql.substring(0, 12));
        assertThat(layers.out()).containsPattern("aufs +fafda563ea12 +diff .* +unreferenced ");
        assertThat(layers.out()).containsPattern("aufs +fafda563ea12-init +diff .* +init-without-container ");
        assertThat(timeline.code()).isZero();
        assertThat(timeline.out()).contains("|orphan-layer:" + mysql + ":/tmp/mysql-first-time.sql|");
        assertThat(report.code()).isZero();
        assertThat(Files.readString(tmp.resolve("r/report.md"))).contains("init layer whose container is gone");
    }

    @Test
    void helpListsTheNewCommands() {
        CliRun help = CliRun.run("--help");

        assertThat(help.out()).contains("layers", "whois", "timeline", "report");
    }
}
