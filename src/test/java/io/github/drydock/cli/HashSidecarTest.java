package io.github.drydock.cli;

import io.github.drydock.testing.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@code --hash} writes a sha256sum sidecar for every command that writes a copy. */
class HashSidecarTest {
    private static final String MYSQL_VOLUME = "cb4012594631102fc8a69aa6cb4a9aa2dd2be3d39d2564c94ae91ac5e3eb4aec";

    @TempDir
    Path tmp;
    private String root;
    private Path out;

    @BeforeEach
    void setUp() throws IOException {
        root = Fixtures.materialize("legacy-aufs-mediawiki", tmp.resolve("roots")).toString();
        out = Files.createDirectories(tmp.resolve("out"));
    }

    @Test
    void exportAndVolumeExportWriteAFileSidecarWithTheFilesDigest() throws Exception {
        Path export = out.resolve("mysql.tar");
        Path volume = out.resolve("data.tar");
        CliRun first = CliRun.run("--root", root, "export", "-o", export.toString(), "--hash", "mediawiki_mysql_1");
        CliRun second = CliRun.run("--root", root, "volume", "export", "-o", volume.toString(), "--hash", "cb40");

        assertThat(first.code()).isZero();
        assertThat(second.code()).isZero();
        assertThat(Files.readString(out.resolve("mysql.tar.sha256"))).isEqualTo(sha256(export) + "  mysql.tar\n");
        assertThat(Files.readString(out.resolve("data.tar.sha256"))).isEqualTo(sha256(volume) + "  data.tar\n");
        assertThat(first.err()).contains("checksum in " + out.resolve("mysql.tar.sha256"));
        assertSha256sumAccepts(out, "mysql.tar.sha256");
    }

    @Test
    void saveWritesASidecarForTheArchive() throws Exception {
        Path archive = out.resolve("mysql-image.tar");
        CliRun run = CliRun.run("--root", root, "save", "--hash", "-o", archive.toString(), "mysql:5.7.5");

        assertThat(run.code()).isZero();
        assertThat(Files.readString(out.resolve("mysql-image.tar.sha256")))
                .isEqualTo(sha256(archive) + "  mysql-image.tar\n");
    }

    @Test
    void cpOfAFolderListsEveryCopiedFileRelativeToTheFoldersParent() throws Exception {
        CliRun run = CliRun.run("--root", root, "cp", "--hash", "volume:" + MYSQL_VOLUME + ":/mysql", out.toString());

        assertThat(run.code()).isZero();
        List<String> lines = Files.readAllLines(out.resolve("mysql.sha256"));
        assertThat(lines).hasSize(3).allMatch(line -> line.matches("[0-9a-f]{64}  mysql/[^/]+"));
        for (String line : lines) {
            assertThat(line.substring(0, 64)).isEqualTo(sha256(out.resolve(line.substring(66))));
        }
        assertSha256sumAccepts(out, "mysql.sha256");
    }

    @Test
    void hashIsRefusedForAnArchiveOnStdout() {
        CliRun run = CliRun.run("--root", root, "export", "--hash", "mediawiki_mysql_1");

        assertThat(run.code()).isNotZero();
        assertThat(run.err()).contains("--hash needs -o FILE");
    }

    private static String sha256(Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[8192];
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Runs the real {@code sha256sum -c} where it exists: the sidecar is usable by the standard tool. */
    private static void assertSha256sumAccepts(Path dir, String sidecar) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/sha256sum")), "sha256sum not installed");
        Process process = new ProcessBuilder("/usr/bin/sha256sum", "-c", "--strict", sidecar).directory(dir.toFile())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains(": OK");
    }
}
