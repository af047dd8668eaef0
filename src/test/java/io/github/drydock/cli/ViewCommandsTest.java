package io.github.drydock.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.drydock.testing.Fixtures;
import io.github.drydock.testing.TestFiles;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.github.drydock.cli.CliRun.keys;
import static io.github.drydock.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code ls}, {@code cp}, {@code export}, {@code diff} and {@code volume export} on the seed scenario's Docker 1.6 root. */
class ViewCommandsTest {
    private static final String MYSQL = "mediawiki_mysql_1";
    private static final String MYSQL_ID = "fafda563ea121987c80b962e0cf86e57cb2bdafcd453d2175a554fd79936abd5";
    private static final String MYSQL_VOLUME = "cb4012594631102fc8a69aa6cb4a9aa2dd2be3d39d2564c94ae91ac5e3eb4aec";
    private static final List<String> VOLUME_MEMBERS = List.of("auto.cnf", "ib_logfile0", "ib_logfile1", "ibdata1",
            "ibtmp1", "my_wiki/", "my_wiki/db.opt", "my_wiki/page.frm", "my_wiki/page.ibd", "my_wiki/text.ibd",
            "mysql/", "mysql/db.opt", "mysql/user.MYD", "mysql/user.frm", "performance_schema/",
            "performance_schema/accounts.frm", "performance_schema/db.opt");

    @TempDir
    Path tmp;
    private Path root;
    private Path out;

    @BeforeEach
    void seed() throws Exception {
        root = Fixtures.materialize("legacy-aufs-mediawiki", tmp.resolve("disk"));
        out = Files.createDirectories(tmp.resolve("out"));
    }

    private CliRun drydock(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--root";
        all[1] = root.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return run(all);
    }

    private Path layerFile(String relative) {
        return root.resolve("aufs/diff/" + MYSQL_ID).resolve(relative);
    }

    @Test
    void lsShowsTheContainersOwnChangeAndHidesWhatItDeleted() {
        CliRun ls = drydock("ls", MYSQL, "/usr/local/mysql");
        assertThat(ls.code()).as(ls.err()).isZero();
        assertThat(ls.out().lines()).contains("my.cnf", "bin", "scripts").doesNotContain("INSTALL-BINARY",
                ".wh.INSTALL-BINARY");
        assertThat(ls.err()).isEmpty();

        CliRun long1 = drydock("ls", "-l", MYSQL, "/usr/local/mysql");
        assertThat(long1.out().lines().findFirst()).contains("MODE        UID  GID  SIZE  MODIFIED             LAYER"
                + "         NAME");
        assertThat(long1.out()).containsPattern("-rw-r--r--  0    0    84    \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d  "
                + "fafda563ea12  my.cnf\n");
        CliRun image = drydock("ls", "mysql:5.7.5", "/usr/local/mysql");
        assertThat(image.out().lines()).contains("INSTALL-BINARY", "my.cnf");
    }

    @Test
    void lsDeletedListsTheHiddenFileWithTheLayerThatHidIt() {
        CliRun deleted = drydock("ls", "--deleted", MYSQL, "/usr");
        assertThat(deleted.code()).isZero();
        assertThat(deleted.out()).containsPattern("whiteout  fafda563ea12  cad6baf3ee5b  -rw-r--r--  136 .*"
                + "  /usr/local/mysql/INSTALL-BINARY\n");
        assertThat(deleted.out()).doesNotContain("/var/lib/apt/lists/lock");

        JsonNode json = drydock("--json", "ls", "--deleted", MYSQL).json();
        assertThat(keys(json)).containsExactly("items", "problems");
        JsonNode hidden = json.get("items").get(0);
        assertThat(keys(hidden)).containsExactly("entry", "hiddenBy", "reason");
        assertThat(hidden.get("reason").asText()).isEqualTo("WHITEOUT");
        assertThat(json.get("items")).extracting(i -> i.get("entry").get("path").asText())
                .contains("/usr/local/mysql/INSTALL-BINARY", "/var/lib/apt/lists/lock");
    }

    @Test
    void lsJsonListsFileEntriesWithTheirLayer() {
        JsonNode json = drydock("--json", "ls", MYSQL, "/usr/local/mysql/my.cnf").json();
        JsonNode item = json.get("items").get(0);
        assertThat(keys(item)).containsExactly("path", "type", "mode", "uid", "gid", "size", "mtime", "atime", "ctime",
                "linkTarget", "devMajor", "devMinor", "xattrs", "layerId", "source", "device", "inode", "linkCount");
        assertThat(item.get("path").asText()).isEqualTo("/usr/local/mysql/my.cnf");
        assertThat(item.get("type").asText()).isEqualTo("FILE");
        assertThat(item.get("mode").asInt()).isEqualTo(0644);
        assertThat(item.get("layerId").asText()).isEqualTo(MYSQL_ID);
        assertThat(item.get("source").asText()).isEqualTo(layerFile("usr/local/mysql/my.cnf").toString());
        assertThat(json.get("problems")).isEmpty();
    }

    @Test
    void lsRecursiveWalksTheSubtreeWithFullPaths() {
        CliRun ls = drydock("ls", "-R", "volume:cb40", "/mysql");
        assertThat(ls.out().lines()).containsExactly("/mysql/db.opt", "/mysql/user.MYD", "/mysql/user.frm");
    }

    @Test
    void volumeExportTarsExactlyTheVolumesFilesForGnuTar() throws Exception {
        Path tar = out.resolve("mysql.tar");
        CliRun export = drydock("volume", "export", "cb40", "-o", tar.toString());
        assertThat(export.code()).as(export.err()).isZero();
        assertThat(export.err()).isEqualTo("exported volume " + MYSQL_VOLUME + " to " + tar + ": 17 entries, "
                + "715 B of file content\n");
        assertThat(gnuTar("-tf", tar.toString())).containsExactlyElementsOf(VOLUME_MEMBERS);
        assertThat(gnuTar("-xOf", tar.toString(), "auto.cnf")).containsExactlyElementsOf(
                Files.readAllLines(root.resolve("vfs/dir/" + MYSQL_VOLUME + "/auto.cnf")));
    }

    @Test
    void exportWritesATarGnuTarReadsAndNeverReplacesWithoutForce() throws Exception {
        Path tar = out.resolve("mysql-container.tar");
        assertThat(drydock("export", MYSQL, "-o", tar.toString()).code()).isZero();
        List<String> names = gnuTar("-tf", tar.toString());
        assertThat(names).contains("tmp/mysql-first-time.sql", "usr/local/mysql/my.cnf", "etc/hosts", "var/lib/mysql/")
                .doesNotContain("usr/local/mysql/INSTALL-BINARY", "usr/local/mysql/.wh.INSTALL-BINARY")
                .noneMatch(n -> n.contains(".wh.") || n.startsWith("/") || n.startsWith("./"))
                .noneMatch(n -> n.startsWith("var/lib/mysql/") && !n.equals("var/lib/mysql/"));
        byte[] first = Files.readAllBytes(tar);

        CliRun again = drydock("export", MYSQL, "-o", tar.toString());
        assertThat(again.code()).isEqualTo(ExitCodes.FAILED);
        assertThat(again.err()).contains("already exists; use --force");
        assertThat(Files.readAllBytes(tar)).isEqualTo(first);

        CliRun image = drydock("export", "mysql:5.7.5", "-o", tar.toString(), "--force");
        assertThat(image.code()).isZero();
        assertThat(gnuTar("-tf", tar.toString())).contains("usr/local/mysql/INSTALL-BINARY")
                .doesNotContain("tmp/mysql-first-time.sql");
        try (var files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString())).as("no temporary file left")
                    .containsExactly("mysql-container.tar");
        }
        assertThat(Files.getPosixFilePermissions(tar)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void exportJsonSummarisesTheFileWritten() {
        Path tar = out.resolve("v.tar");
        JsonNode json = drydock("--json", "export", "volume:" + MYSQL_VOLUME, "-o", tar.toString()).json();
        assertThat(keys(json)).containsExactly("target", "output", "entries", "bytes", "skipped", "problems",
                "sidecar");
        assertThat(json.get("target").asText()).isEqualTo("volume " + MYSQL_VOLUME);
        assertThat(json.get("output").asText()).isEqualTo(tar.toString());
        assertThat(json.get("entries").asLong()).isEqualTo(17);
        assertThat(json.get("bytes").asLong()).isEqualTo(715);
    }

    @Test
    void exportWithAProgressLineWritesTheSameTar() throws Exception {
        Path plain = out.resolve("plain.tar");
        Path shown = out.resolve("shown.tar");
        assertThat(drydock("export", MYSQL, "-o", plain.toString()).code()).isZero();
        // stderr a terminal: a progress line is drawn from the export's own counts, the output untouched
        CliRun terminal = CliRun.runWithTerminals(new Terminals(false, true), "--root", root.toString(), "export",
                MYSQL, "-o", shown.toString());
        assertThat(terminal.code()).as(terminal.err()).isZero();
        assertThat(terminal.err()).contains("exported container mediawiki_mysql_1");
        assertThat(shown).hasSameBinaryContentAs(plain);
    }

    @Test
    void exportRefusesATerminalAndJsonOnStdout() {
        CliRun terminal = CliRun.runWithTerminals(new Terminals(true, true), "--root", root.toString(), "export", MYSQL);
        assertThat(terminal.code()).isEqualTo(ExitCodes.FAILED);
        assertThat(terminal.err()).contains("refusing to write a tar archive to a terminal: give -o FILE");
        assertThat(terminal.out()).isEmpty();

        CliRun json = drydock("--json", "export", MYSQL);
        assertThat(json.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(json.err()).contains("--json needs -o FILE");

        CliRun piped = drydock("export", MYSQL);
        assertThat(piped.code()).isZero();
        assertThat(piped.out()).contains("usr/local/mysql/my.cnf");
    }

    @Test
    void cpCopiesAFileWithItsModeAndTime() throws Exception {
        CliRun cp = drydock("cp", MYSQL + ":/usr/local/mysql/my.cnf", out.toString());
        assertThat(cp.code()).as(cp.err()).isZero();
        Path copy = out.resolve("my.cnf");
        assertThat(copy).hasSameBinaryContentAs(layerFile("usr/local/mysql/my.cnf"));
        assertThat(Files.getLastModifiedTime(copy)).isEqualTo(Files.getLastModifiedTime(
                layerFile("usr/local/mysql/my.cnf")));
        assertThat(Files.getPosixFilePermissions(copy)).isEqualTo(PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(cp.err()).isEqualTo("copied container mediawiki_mysql_1 (fafda563ea12):/usr/local/mysql/my.cnf to "
                + copy + ": 1 files, 0 folders, 0 links, 0 special nodes, 84 B (84 bytes)\n");
    }

    @Test
    void cpCopiesAFolderAndAVolumeFolder() throws Exception {
        CliRun cp = drydock("cp", MYSQL + ":/usr/local/mysql", out.resolve("mysql-tree").toString());
        assertThat(cp.code()).as(cp.err()).isZero();
        assertThat(out.resolve("mysql-tree/my.cnf")).hasSameBinaryContentAs(layerFile("usr/local/mysql/my.cnf"));
        assertThat(out.resolve("mysql-tree/README")).exists();
        assertThat(out.resolve("mysql-tree/INSTALL-BINARY")).doesNotExist();

        CliRun volume = drydock("cp", "volume:cb40:/my_wiki", out.toString());
        assertThat(volume.code()).as(volume.err()).isZero();
        try (var files = Files.list(out.resolve("my_wiki"))) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted())
                    .containsExactly("db.opt", "page.frm", "page.ibd", "text.ibd");
        }
        CliRun content = drydock("cp", "volume:cb40:mysql/.", out.resolve("flat").toString());
        assertThat(content.code()).isZero();
        assertThat(out.resolve("flat/user.frm")).exists();
    }

    @Test
    void cpRefusesToOverwriteWithoutForce() throws Exception {
        Path existing = TestFiles.write(out.resolve("my.cnf"), "mine\n");
        CliRun refused = drydock("cp", MYSQL + ":/usr/local/mysql/my.cnf", out.toString());
        assertThat(refused.code()).isEqualTo(ExitCodes.FAILED);
        assertThat(refused.err()).contains(existing + " already exists; use --force");
        assertThat(existing).hasContent("mine");

        assertThat(drydock("cp", MYSQL + ":/usr/local/mysql", out.toString()).code()).isZero();
        CliRun merge = drydock("cp", MYSQL + ":/usr/local/mysql", out.toString());
        assertThat(merge.code()).isEqualTo(ExitCodes.FAILED);
        assertThat(merge.err()).contains(out.resolve("mysql") + " already exists; use --force to merge");

        CliRun forced = drydock("cp", "--force", MYSQL + ":/usr/local/mysql/my.cnf", out.toString());
        assertThat(forced.code()).isZero();
        assertThat(existing).hasSameBinaryContentAs(layerFile("usr/local/mysql/my.cnf"));
    }

    @Test
    void cpNeverWritesThroughASymlinkInDest() throws Exception {
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        Path linkToFolder = Files.createSymbolicLink(out.resolve("mysql"), elsewhere);
        Path linkToFile = Files.createSymbolicLink(out.resolve("my.cnf"), elsewhere.resolve("victim"));

        CliRun folder = drydock("cp", MYSQL + ":/usr/local/mysql", out.toString());
        assertThat(folder.code()).isEqualTo(ExitCodes.FAILED);
        CliRun file = drydock("cp", MYSQL + ":/usr/local/mysql/my.cnf", out.toString());
        assertThat(file.code()).isEqualTo(ExitCodes.FAILED);
        CliRun intoLink = drydock("cp", MYSQL + ":/usr/local/mysql", linkToFolder.toString());
        assertThat(intoLink.code()).isEqualTo(ExitCodes.FAILED);
        assertThat(intoLink.err()).contains("is a symlink, and drydock never writes through one");
        try (var files = Files.list(elsewhere)) {
            assertThat(files).as("nothing written through a symlink").isEmpty();
        }

        CliRun forced = drydock("cp", "--force", MYSQL + ":/usr/local/mysql/my.cnf", out.toString());
        assertThat(forced.code()).isZero();
        assertThat(Files.isSymbolicLink(linkToFile)).as("the link itself was replaced").isFalse();
        assertThat(linkToFile).hasSameBinaryContentAs(layerFile("usr/local/mysql/my.cnf"));
        assertThat(elsewhere.resolve("victim")).doesNotExist();
    }

    @Test
    void cpJsonSummarises() {
        JsonNode json = drydock("--json", "cp", MYSQL + ":/tmp", out.toString()).json();
        assertThat(keys(json)).containsExactly("target", "path", "destination", "files", "folders", "links", "special",
                "bytes", "problems", "sidecar");
        assertThat(json.get("path").asText()).isEqualTo("/tmp");
        assertThat(json.get("destination").asText()).isEqualTo(out.resolve("tmp").toString());
        assertThat(json.get("files").asLong()).isEqualTo(1);
    }

    @Test
    void diffPrintsDockerDiffLines() {
        CliRun diff = drydock("diff", MYSQL);
        assertThat(diff.code()).isZero();
        assertThat(diff.out()).isEqualTo("""
                C /tmp
                A /tmp/mysql-first-time.sql
                C /usr
                C /usr/local
                C /usr/local/mysql
                D /usr/local/mysql/INSTALL-BINARY
                C /usr/local/mysql/my.cnf
                C /var
                C /var/lib
                A /var/lib/mysql
                """);
        JsonNode json = drydock("--json", "diff", MYSQL).json();
        assertThat(keys(json)).containsExactly("items", "problems");
        assertThat(keys(json.get("items").get(0))).containsExactly("kind", "path");
        assertThat(json.get("items").get(3).get("kind").asText()).isEqualTo("C");
        assertThat(json.get("items").get(3).get("path").asText()).isEqualTo("/usr/local");
    }

    @Test
    void exitCodesSayWhatWentWrong() {
        assertThat(drydock("ls", "no-such-thing").code()).isEqualTo(ExitCodes.FAILED);
        assertThat(drydock("ls", "no-such-thing").err()).contains("no such container or image: no-such-thing");
        assertThat(drydock("ls", MYSQL, "/no/such/path").code()).isEqualTo(ExitCodes.FAILED);
        assertThat(drydock("cp", "nothing:/etc", out.toString()).code()).isEqualTo(ExitCodes.FAILED);
        assertThat(drydock("diff", "mysql:5.7.5").err()).contains("no such container: mysql:5.7.5");
        assertThat(drydock("volume", "export", "nope", "-o", out.resolve("x").toString()).code())
                .isEqualTo(ExitCodes.FAILED);
        assertThat(drydock("export", "volume:nope", "-o", out.resolve("x").toString()).err())
                .contains("no such volume: nope");

        assertThat(drydock("ls").code()).isEqualTo(ExitCodes.USAGE);
        assertThat(drydock("cp", MYSQL + ":/etc").code()).isEqualTo(ExitCodes.USAGE);
        assertThat(drydock("cp", "/etc", "x").code()).isEqualTo(ExitCodes.USAGE);
        assertThat(drydock("cp", MYSQL + ":/etc", "-").code()).isEqualTo(ExitCodes.USAGE);
        assertThat(drydock("export").code()).isEqualTo(ExitCodes.USAGE);
        assertThat(drydock("diff").code()).isEqualTo(ExitCodes.USAGE);
        assertThat(drydock("volume").code()).isEqualTo(ExitCodes.USAGE);
        assertThat(drydock("volume", "export").code()).isEqualTo(ExitCodes.USAGE);
        assertThat(drydock("ls", "--bogus", MYSQL).code()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void aContainerWhoseImageIsGoneIsListedWithTheProblem() throws Exception {
        Path broken = Fixtures.materialize("broken/container-without-image", tmp.resolve("broken"));
        CliRun ls = run("--root", broken.toString(), "ls", "-l", "lost", "/root");
        assertThat(ls.code()).isZero();
        assertThat(ls.out()).contains(".ash_history");
        assertThat(ls.err()).contains("drydock: problem: ").contains("is gone from the image store");
        assertThat(run("--root", broken.toString(), "--strict", "ls", "lost").code()).isEqualTo(ExitCodes.FAILED);
        JsonNode json = run("--root", broken.toString(), "--json", "ls", "lost").json();
        assertThat(json.get("problems")).anySatisfy(p -> assertThat(p.get("message").asText()).contains("is gone"));
    }

    @Test
    void lsOfAnImageWithAMissingLayerReportsItAndStrictFails() throws Exception {
        Path broken = Fixtures.materialize("broken/missing-diff", tmp.resolve("broken"));
        CliRun ls = run("--root", broken.toString(), "ls", "app:1");
        assertThat(ls.code()).isZero();
        assertThat(ls.err()).contains("5cef977584e8485a6e69ba9e4bbfd93c4348f1aa3f9bc512219d4255bf292b0e")
                .contains("its folder is missing");
        assertThat(run("--root", broken.toString(), "--strict", "ls", "app:1").code()).isEqualTo(ExitCodes.FAILED);
    }

    private static List<String> gnuTar(String... args) throws Exception {
        String[] command = new String[args.length + 1];
        command[0] = "tar";
        System.arraycopy(args, 0, command, 1, args.length);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("tar " + String.join(" ", args) + ": " + text).isZero();
        return text.lines().toList();
    }
}
