package io.github.drydock.archive;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.github.drydock.testing.TestFiles.symlink;
import static io.github.drydock.testing.TestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ReportHashesTest {
    /** sha256 of the three bytes {@code abc} (FIPS 180-2 test vector). */
    private static final String ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    @TempDir
    Path tmp;

    @Test
    void hashesAFileAsSha256sumDoes() throws IOException {
        Path file = write(tmp.resolve("export.tar"), "abc");

        assertThat(ReportHashes.sha256(file)).isEqualTo(ABC);
        assertThat(ReportHashes.line(ABC, "export.tar")).isEqualTo(ABC + "  export.tar\n");
    }

    @Test
    void escapesNamesWithBackslashOrLineBreakAsSha256sumDoes() {
        assertThat(ReportHashes.line(ABC, "a\\b")).isEqualTo("\\" + ABC + "  a\\\\b\n");
        assertThat(ReportHashes.line(ABC, "two\nlines")).isEqualTo("\\" + ABC + "  two\\nlines\n");
    }

    @Test
    void sidecarIsCheckedBySha256sum() throws Exception {
        Path file = write(tmp.resolve("c-run export.tar"), "abc");

        Path sidecar = ReportHashes.writeSidecar(file);

        assertThat(sidecar).isEqualTo(tmp.resolve("c-run export.tar.sha256"));
        assertThat(Files.readString(sidecar)).isEqualTo(ABC + "  c-run export.tar\n");
        assertThat(sha256sumCheck(tmp, sidecar.getFileName().toString())).isEqualTo("c-run export.tar: OK\n");
        Files.writeString(file, "abd");
        assertThat(sha256sumCheck(tmp, sidecar.getFileName().toString())).contains("FAILED");
    }

    @Test
    void sumsFileListsEveryFileInOrderAndSha256sumAcceptsIt() throws Exception {
        write(tmp.resolve("report.json"), "{}");
        write(tmp.resolve("odd\\name.md"), "# x");

        Path sums = ReportHashes.writeSums(tmp, List.of("report.json", "odd\\name.md"));

        List<String> lines = Files.readAllLines(sums, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).endsWith("  report.json");
        assertThat(lines.get(1)).startsWith("\\").endsWith("  odd\\\\name.md");
        assertThat(sha256sumCheck(tmp, ReportHashes.SUMS)).isEqualTo("report.json: OK\nodd\\name.md: OK\n");
    }

    @Test
    void refusesToHashASymlinkOrFolder() {
        symlink(tmp.resolve("link"), "/etc/shadow");

        assertThatThrownBy(() -> ReportHashes.sha256(tmp.resolve("link"))).isInstanceOf(IOException.class)
                .hasMessageContaining("not a regular file");
        assertThatThrownBy(() -> ReportHashes.sha256(tmp)).isInstanceOf(IOException.class);
    }

    @Test
    void sidecarReplacesASymlinkInsteadOfWritingThroughIt() throws IOException {
        Path target = write(tmp.resolve("victim"), "keep me");
        Path file = write(tmp.resolve("out.tar"), "abc");
        symlink(tmp.resolve("out.tar.sha256"), target.toString());

        ReportHashes.writeSidecar(file);

        assertThat(Files.readString(target)).isEqualTo("keep me");
        assertThat(Files.isSymbolicLink(tmp.resolve("out.tar.sha256"))).isFalse();
        assertThat(Files.readString(tmp.resolve("out.tar.sha256"))).isEqualTo(ABC + "  out.tar\n");
        try (var left = Files.list(tmp)) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".partial"));
        }
    }

    /** Runs {@code sha256sum -c} in a folder (skipped where it is missing); returns what it printed. */
    static String sha256sumCheck(Path dir, String sums) throws Exception {
        Process process;
        try {
            process = new ProcessBuilder("sha256sum", "-c", sums).directory(dir.toFile()).redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            assumeTrue(false, "sha256sum (coreutils) is not installed");
            throw e;
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return out.lines().filter(l -> !l.startsWith("sha256sum: WARNING")).map(l -> l + "\n")
                .reduce("", String::concat);
    }
}
