package io.github.drydock.cli;

import io.github.drydock.synth.Flavor;
import io.github.drydock.synth.SynthSpec;
import io.github.drydock.synth.SynthSummary;
import io.github.drydock.synth.SyntheticRoot;
import io.github.drydock.testing.LauncherRuns;
import io.github.drydock.testing.LauncherRuns.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code ./drydock export} writes the same tar whichever way it leaves: into a pipe (in order), to
 * {@code -o FILE} and to stdout redirected to a file (big files copied beside the walk into their room),
 * and to stdout appended to a file ({@code >>}: the kernel puts every write at the end, so the tar must be
 * written in order there; the bytes already in the file stay in front). An integration test: it needs the
 * jar made at {@code package}.
 */
class LauncherExportIT {
    @Test
    void everyWayOutGivesTheSameTar(@TempDir Path tmp) throws Exception {
        assumeTrue(LauncherRuns.whyNotRunnable().isEmpty(), () -> LauncherRuns.whyNotRunnable().orElseThrow());
        SynthSpec spec = SynthSpec.preset("content", Flavor.parse("overlay2")).with(Map.of("images", "4", "depth",
                "4", "files", "400", "large", "3", "largeMiB", "2", "dense", "true", "containers", "1", "volumes",
                "0", "log", "0"));
        Path root = tmp.resolve("root");
        SynthSummary made = SyntheticRoot.generate(spec, root);
        String container = made.containerIds().get(0);
        Path home = Files.createDirectories(tmp.resolve("home"));
        Map<String, String> env = Map.of("DRYDOCK_CDS", "0");

        Run piped = LauncherRuns.run(home, env, "--root", root.toString(), "export", container, "-o", "-");
        assertThat(piped.code()).as(piped.err()).isZero();
        byte[] tar = piped.out();
        assertThat(tar.length).as("three big files of 2 MiB").isGreaterThan(6 << 20);

        Path file = tmp.resolve("file.tar");
        Run toFile = LauncherRuns.run(home, env, "--root", root.toString(), "export", container, "-o",
                file.toString());
        assertThat(toFile.code()).as(toFile.err()).isZero();
        assertThat(sha256(Files.readAllBytes(file))).isEqualTo(sha256(tar));

        Path redirected = tmp.resolve("redirected.tar");
        Files.write(redirected, filled(tar.length + 100_000)); // "> file" truncates: the old bytes go
        assertThat(redirect(home, env, ProcessBuilder.Redirect.to(redirected.toFile()), tmp, root, container))
                .isZero();
        assertThat(sha256(Files.readAllBytes(redirected))).isEqualTo(sha256(tar));

        Path appended = tmp.resolve("appended.tar");
        Files.writeString(appended, "already here\n");
        assertThat(redirect(home, env, ProcessBuilder.Redirect.appendTo(appended.toFile()), tmp, root, container))
                .isZero();
        byte[] both = Files.readAllBytes(appended);
        assertThat(new String(Arrays.copyOf(both, 13), StandardCharsets.US_ASCII)).isEqualTo("already here\n");
        assertThat(sha256(Arrays.copyOfRange(both, 13, both.length))).isEqualTo(sha256(tar));
    }

    private static int redirect(Path home, Map<String, String> env, ProcessBuilder.Redirect out, Path tmp,
                                Path root, String container) throws Exception {
        File err = tmp.resolve("err.txt").toFile();
        Process process = LauncherRuns.builder(LauncherRuns.project(), home, env, "--root", root.toString(),
                "export", container).redirectOutput(out).redirectError(err).start();
        process.getOutputStream().close();
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            LauncherRuns.stop(process);
            throw new AssertionError("export still running after 180 s");
        }
        assertThat(process.exitValue()).as(Files.readString(err.toPath())).isZero();
        return process.exitValue();
    }

    /** Length and SHA-256: a difference reads as two lines, not two dumps of megabytes. */
    private static String sha256(byte[] bytes) throws Exception {
        return bytes.length + " bytes, sha256 " + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(bytes));
    }

    private static byte[] filled(int size) {
        byte[] bytes = new byte[size];
        Arrays.fill(bytes, (byte) 0x7f);
        return bytes;
    }
}
