package io.github.drydock.cli;

import io.github.drydock.testing.ModernFixtureRoots;
import io.github.drydock.testing.ViewFixtureRoots;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static io.github.drydock.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The dockerd-made app image carries {@code /data/shadow-link -> /etc/shadow} and
 * {@code /srv/app/escape-link -> ../../../../../../../etc/passwd}: listed as links, copied as links,
 * exported as symlink members, and when followed (only on request) resolved inside the view, so the
 * host's {@code /etc/shadow} and {@code /etc/passwd} are never read. The vfs root needs no privilege.
 */
class HostileViewCommandsTest {
    private static final String APP = "example/app:1";

    @TempDir
    Path tmp;
    private String root;
    private Path out;

    @BeforeEach
    void extract() throws Exception {
        Path archive = ViewFixtureRoots.fixture("vfs").resolve("root.tar.gz");
        assumeTrue(Files.isRegularFile(archive), "no fixture at " + archive);
        root = ModernFixtureRoots.extract(archive, tmp.resolve("root")).toString();
        out = Files.createDirectories(tmp.resolve("out"));
    }

    @Test
    void lsShowsTheHostileSymlinksAsLinks() {
        CliRun data = run("--root", root, "ls", "-l", APP, "/data");
        assertThat(data.code()).as(data.err()).isZero();
        assertThat(data.out()).containsPattern(" shadow-link -> /etc/shadow\n")
                .containsPattern("lrwxrwxrwx  0    0    11 ");
        CliRun app = run("--root", root, "ls", "-l", APP, "/srv/app/escape-link");
        assertThat(app.out()).contains("/srv/app/escape-link -> ../../../../../../../etc/passwd\n");
    }

    @Test
    void followingAHostileLinkStaysInsideTheView() throws Exception {
        CliRun shadow = run("--root", root, "ls", APP, "/data/shadow-link/");
        assertThat(shadow.code()).as("the image has no /etc/shadow; the host's is never looked at")
                .isEqualTo(ExitCodes.FAILED);
        assertThat(shadow.err()).contains("no such file or folder: /data/shadow-link/");

        CliRun escape = run("--root", root, "cp", "-L", APP + ":/srv/app/escape-link", out.toString());
        assertThat(escape.code()).as(escape.err()).isZero();
        Path copy = out.resolve("escape-link");
        assertThat(Files.isSymbolicLink(copy)).isFalse();
        String passwd = Files.readString(copy);
        CliRun imagePasswd = run("--root", root, "ls", "--json", APP, "/etc/passwd");
        assertThat(imagePasswd.json().get("items").get(0).get("size").asLong()).isEqualTo(passwd.length());
        assertThat(passwd).as("the image's own /etc/passwd").startsWith("root:x:0:0:");
        if (Files.isReadable(Path.of("/etc/passwd"))) {
            assertThat(passwd).isNotEqualTo(Files.readString(Path.of("/etc/passwd")));
        }
        assertThat(run("--root", root, "cp", "-L", APP + ":/data/shadow-link", out.toString()).code())
                .isEqualTo(ExitCodes.FAILED);
        assertThat(out.resolve("shadow-link")).doesNotExist();
    }

    @Test
    void cpCopiesHostileLinksAsLinks() throws Exception {
        CliRun cp = run("--root", root, "cp", APP + ":/data", out.toString());
        assertThat(cp.code()).as(cp.err()).isZero();
        Path link = out.resolve("data/shadow-link");
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readSymbolicLink(link)).isEqualTo(Path.of("/etc/shadow"));
        CliRun escape = run("--root", root, "cp", APP + ":/srv/app/escape-link", out.toString());
        assertThat(escape.code()).isZero();
        assertThat(Files.readSymbolicLink(out.resolve("escape-link"))).isEqualTo(
                Path.of("../../../../../../../etc/passwd"));
        try (var files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted()).containsExactly("data", "escape-link");
        }
    }

    @Test
    void exportWritesHostileLinksAsSymlinkMembers() throws Exception {
        Path tar = out.resolve("app.tar");
        CliRun export = run("--root", root, "export", APP, "-o", tar.toString());
        assertThat(export.code()).as(export.err()).isZero();
        Map<String, String> links = new LinkedHashMap<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(Files.newInputStream(tar))) {
            for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                assertThat(e.getName()).doesNotStartWith("/").doesNotContain("../");
                if (e.isSymbolicLink()) {
                    links.put(e.getName(), e.getLinkName());
                    assertThat(e.getSize()).isZero();
                }
                if (e.getName().equals("etc/passwd")) {
                    assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).startsWith("root:x:0:0:");
                }
            }
        }
        assertThat(links).containsEntry("data/shadow-link", "/etc/shadow")
                .containsEntry("srv/app/escape-link", "../../../../../../../etc/passwd")
                .containsEntry("data/seed-symlink", "seed.txt");
    }
}
