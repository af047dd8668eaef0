package io.github.drydock.cli;

import io.github.drydock.testing.LauncherRuns;
import io.github.drydock.testing.LauncherRuns.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The JVM flags the {@code ./drydock} launcher adds never change what a command prints on stdout: the
 * JVM's own warnings (here, provoked by a user's heap too small for the young generation asked for) go
 * to stderr. An integration test: it needs the jar made at {@code package}.
 */
class LauncherJvmFlagsIT {
    private static final String FIXTURE = "testdata/legacy-vfs-1.3";

    @Test
    void jvmWarningsGoToStderrNeverIntoTheOutput(@TempDir Path home) {
        assumeTrue(LauncherRuns.whyNotRunnable().isEmpty(), () -> LauncherRuns.whyNotRunnable().orElseThrow());
        Run plain = LauncherRuns.run(home, Map.of("DRYDOCK_CDS", "0"), "ls", "--root", FIXTURE, "webapp:1.0", "/");
        // a new generation bigger than the whole heap: the JVM warns, and shrinks it
        Run warned = LauncherRuns.run(home, Map.of("DRYDOCK_CDS", "0", "DRYDOCK_JAVA_OPTS",
                "-Xmx16m -XX:NewSize=32m"), "ls", "--root", FIXTURE, "webapp:1.0", "/");

        assertThat(plain.code()).as(plain.err()).isZero();
        assertThat(plain.outText()).startsWith("bin\n").contains("\netc\n");
        assertThat(warned.code()).isZero();
        assertThat(warned.out()).isEqualTo(plain.out());
        assertThat(warned.err()).contains("[warning]").contains("NewSize");
    }
}
