package io.github.drydock.cli;

import io.github.drydock.testing.LauncherRuns;
import io.github.drydock.testing.LauncherRuns.Run;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static io.github.drydock.testing.TestFiles.read;
import static io.github.drydock.testing.TestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The launcher's class-data-sharing archive, through the real {@code ./drydock} script: the first run
 * writes one archive into {@code $HOME/.cache/drydock}, later runs map it, and none of it ever changes
 * what a command prints on stdout (which carries JSON and tar streams) or its exit code.
 *
 * <p>An integration test ({@code *IT}): it needs {@code target/drydock-*-cli.jar}, which Maven makes in
 * the {@code package} phase, after the unit tests; it is skipped when the jar is missing or stale.
 */
class LauncherCdsIT {
    private static final String FIXTURE = "testdata/legacy-vfs-1.3";
    private static final String[] IMAGES = {"--json", "images", "--root", FIXTURE};
    /** An image of the fixture, so that the output compared is real. */
    private static final String WEBAPP_IMAGE = "558e2cb40423552e93882690920ae19096d095ae6ac62a873b64b75900ea5f10";
    /** drydock-&lt;jar and JDK paths&gt;-&lt;their identity&gt;.&lt;archive size&gt;.jsa */
    private static final Pattern ARCHIVE = Pattern.compile("drydock-[0-9a-f]{16}-[0-9a-f]{16}\\.(\\d+)\\.jsa");
    private static final String MAPPED_FROM_ARCHIVE = "source: shared objects file (top)";

    private static byte[] plainOutput;

    @BeforeAll
    static void runWithoutArchive(@TempDir Path home) {
        assumeTrue(LauncherRuns.whyNotRunnable().isEmpty(), () -> LauncherRuns.whyNotRunnable().orElseThrow());
        Path javaHome = Path.of(System.getProperty("java.home"));
        assumeTrue(Files.isRegularFile(javaHome.resolve("lib/server/classes.jsa")),
                "this JVM has no CDS archive of its own: the launcher rightly runs without one");
        Run plain = LauncherRuns.run(home, Map.of("DRYDOCK_CDS", "0"), IMAGES);
        assertThat(plain.code()).as(plain.err()).isZero();
        assertThat(plain.outText()).contains(WEBAPP_IMAGE).startsWith("{").endsWith("}\n");
        assertThat(plain.err()).isEmpty();
        assertThat(home).as("DRYDOCK_CDS=0 touches no cache").isEmptyDirectory();
        plainOutput = plain.out();
    }

    @Test
    void firstRunWritesOneArchiveThatLaterRunsMap(@TempDir Path home, @TempDir Path logs) throws IOException {
        Run first = LauncherRuns.run(home, Map.of(), IMAGES);
        assertSameAsPlain(first);
        Path cache = home.resolve(".cache/drydock");
        Path archive = onlyArchive(cache);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cache))).isEqualTo("rwx------");
        var written = Files.getLastModifiedTime(archive);

        Path classLog = logs.resolve("classes.txt");
        Run second = LauncherRuns.run(home, Map.of("DRYDOCK_JAVA_OPTS", "-Xlog:class+load=info:file=" + classLog),
                IMAGES);
        assertSameAsPlain(second);
        assertThat(read(classLog)).contains(MAPPED_FROM_ARCHIVE).contains("io.github.drydock.DockerRoot "
                + MAPPED_FROM_ARCHIVE);
        assertThat(onlyArchive(cache)).isEqualTo(archive);
        assertThat(Files.getLastModifiedTime(archive)).isEqualTo(written);
    }

    @Test
    void archiveOfGarbageIsNotUsedAndChangesNothing(@TempDir Path home) throws IOException {
        assertSameAsPlain(LauncherRuns.run(home, Map.of(), IMAGES));
        Path archive = onlyArchive(home.resolve(".cache/drydock"));
        byte[] garbage = new byte[(int) Files.size(archive)];
        new Random(42).nextBytes(garbage);
        Files.delete(archive);
        write(archive, garbage);

        assertSameAsPlain(LauncherRuns.run(home, Map.of(), IMAGES));
        assertSameAsPlain(LauncherRuns.run(home, Map.of("DRYDOCK_JAVA_OPTS", "-XX:+VerifySharedSpaces"), IMAGES));
    }

    @Test
    void truncatedArchiveIsReplacedNotMapped(@TempDir Path home) throws IOException {
        // JDK 17 dies of SIGBUS mapping a truncated archive, with its crash report on stdout
        assertSameAsPlain(LauncherRuns.run(home, Map.of(), IMAGES));
        Path archive = onlyArchive(home.resolve(".cache/drydock"));
        byte[] whole = Files.readAllBytes(archive);
        Files.delete(archive);
        write(archive, Arrays.copyOf(whole, 64 * 1024));

        assertSameAsPlain(LauncherRuns.run(home, Map.of(), IMAGES));
        // written anew, whole (its size varies a little from run to run: classes made at run time)
        assertThat(Files.size(onlyArchive(home.resolve(".cache/drydock")))).isGreaterThan(whole.length / 2);
    }

    @Test
    void helpAndFailedCommandsWriteNoArchiveAndKeepTheirExitCode(@TempDir Path home) {
        Run help = LauncherRuns.run(home, Map.of(), "--root", FIXTURE, "images", "--help");
        assertThat(help.code()).isZero();
        assertThat(help.outText()).startsWith("Usage: drydock images");
        assertThat(LauncherRuns.run(home, Map.of(), "help", "images").outText()).isEqualTo(help.outText());
        Run missing = LauncherRuns.run(home, Map.of(), "--root", FIXTURE, "inspect", "deadbeef");
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).isEqualTo("drydock: no such container or image: deadbeef\n");
        Run usage = LauncherRuns.run(home, Map.of(), "--root", FIXTURE, "no-such-command");
        assertThat(usage.code()).isEqualTo(2);

        assertThat(files(home.resolve(".cache/drydock"))).isEmpty();
    }

    @Test
    void commandsThatWriteFilesNeverWriteTheArchive(@TempDir Path home, @TempDir Path out) {
        // a dump at exit could fail on a disk the command itself filled, and turn its exit code into 1
        Run export = LauncherRuns.run(home, Map.of(), "--root", FIXTURE, "export", "webapp:1.0", "-o",
                out.resolve("webapp.tar").toString());
        assertThat(export.code()).as(export.err()).isZero();
        assertThat(out.resolve("webapp.tar")).isNotEmptyFile();

        assertThat(files(home.resolve(".cache/drydock"))).isEmpty();
    }

    @Test
    void unwritableCacheMeansAPlainSilentRun(@TempDir Path home) {
        write(home.resolve(".cache"), "a file where the cache folder would be");
        assertSameAsPlain(LauncherRuns.run(home, Map.of(), IMAGES));
        assertThat(read(home.resolve(".cache"))).isEqualTo("a file where the cache folder would be");
    }

    @Test
    void termToTheLauncherStopsTheJvmWritingTheArchive(@TempDir Path home, @TempDir Path cwd) throws Exception {
        // the JVM waits before starting while the file vm.paused.<pid> exists in its working folder
        Process launcher = LauncherRuns.start(cwd, home,
                Map.of("DRYDOCK_JAVA_OPTS", "-XX:+UnlockDiagnosticVMOptions -XX:+PauseAtStartup"),
                "--json", "images", "--root", LauncherRuns.project().resolve(FIXTURE).toString());
        try {
            ProcessHandle java = pausedJvm(launcher, cwd);
            launcher.destroy(); // SIGTERM to the launcher alone
            assertThat(launcher.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(launcher.exitValue()).isEqualTo(143);
            assertThat(java.onExit().get(60, TimeUnit.SECONDS).isAlive()).as("the JVM got the signal").isFalse();
            assertThat(files(home.resolve(".cache/drydock"))).isEmpty();
        } finally {
            LauncherRuns.stop(launcher);
        }
    }

    private static ProcessHandle pausedJvm(Process launcher, Path cwd) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            for (ProcessHandle child : launcher.descendants().toList()) {
                if (Files.exists(cwd.resolve("vm.paused." + child.pid()))) {
                    return child;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no paused JVM under the launcher after 60 s");
    }

    private static void assertSameAsPlain(Run run) {
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).as("stdout byte for byte").isEqualTo(plainOutput);
    }

    /** @return the one archive in the cache, checked against the size its name records */
    private static Path onlyArchive(Path cache) throws IOException {
        List<Path> files = files(cache);
        assertThat(files).hasSize(1);
        Matcher name = ARCHIVE.matcher(files.get(0).getFileName().toString());
        assertThat(name.matches()).as(files.get(0).toString()).isTrue();
        assertThat(Files.size(files.get(0))).isEqualTo(Long.parseLong(name.group(1)));
        return files.get(0);
    }

    private static List<Path> files(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
