package io.github.drydock.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs the real {@code ./drydock} launcher script of the project in a child process, with a controlled
 * environment: none of the user's JVM options, and a {@code HOME} the test chooses (the launcher keeps
 * its class-data-sharing archive in {@code $HOME/.cache/drydock}).
 */
public final class LauncherRuns {
    /** Variables of the caller's environment that would change what the launcher does. */
    private static final List<String> CLEARED = List.of("DRYDOCK_JAVA_OPTS", "DRYDOCK_CDS", "DRYDOCK_ROOT",
            "JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS", "XDG_CACHE_HOME");
    private static final long TIMEOUT_SECONDS = 180;

    private LauncherRuns() {
    }

    /**
     * One finished run.
     *
     * @param code the exit code
     * @param out  standard output, byte for byte
     * @param err  standard error
     */
    public record Run(int code, byte[] out, String err) {
        /** Validates and copies. */
        public Run {
            out = out.clone();
        }

        /** @return standard output as UTF-8 text */
        public String outText() {
            return new String(out, StandardCharsets.UTF_8);
        }
    }

    /** @return the project folder (Maven runs tests there) */
    public static Path project() {
        try {
            return Path.of("").toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Why the launcher cannot be run as it is now, if so: it would build the jar with Maven itself (slow,
     * and recursive inside a Maven build) when {@code target/drydock-*-cli.jar} is missing or older than
     * the sources. The jar is made in the {@code package} phase, after the unit tests.
     *
     * @return the reason, or empty when the jar is there and up to date
     */
    public static Optional<String> whyNotRunnable() {
        Path project = project();
        Optional<Path> jar = newest(project.resolve("target"), "drydock-", "-cli.jar");
        if (jar.isEmpty()) {
            return Optional.of("no target/drydock-*-cli.jar: run `mvn package` first (or the integration-test phase)");
        }
        FileTime built = modified(jar.get());
        try (Stream<Path> sources = Stream.concat(Files.walk(project.resolve("src/main")),
                Stream.of(project.resolve("pom.xml")))) {
            if (sources.anyMatch(p -> modified(p).compareTo(built) > 0)) {
                return Optional.of(jar.get() + " is older than the sources: the launcher would rebuild it with mvn");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Optional.empty();
    }

    /**
     * Starts {@code ./drydock ARGS} with its standard input closed.
     *
     * @param cwd  the working folder
     * @param home the {@code HOME} it sees
     * @param env  further variables
     * @param args the command line after {@code ./drydock}
     * @return the running launcher
     */
    public static Process start(Path cwd, Path home, Map<String, String> env, String... args) {
        try {
            Process process = builder(cwd, home, env, args).start();
            process.getOutputStream().close();
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The process builder of {@code ./drydock ARGS}, for a caller that redirects its streams itself.
     *
     * @param cwd  the working folder
     * @param home the {@code HOME} it sees
     * @param env  further variables
     * @param args the command line after {@code ./drydock}
     * @return the builder, with the launcher's variables cleared and {@code HOME} set
     */
    public static ProcessBuilder builder(Path cwd, Path home, Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>(List.of(project().resolve("drydock").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(cwd.toFile());
        CLEARED.forEach(builder.environment()::remove);
        builder.environment().put("HOME", home.toString());
        builder.environment().putAll(env);
        return builder;
    }

    /**
     * Runs {@code ./drydock ARGS} in the project folder to its end.
     *
     * @param home the {@code HOME} it sees
     * @param env  further variables
     * @param args the command line after {@code ./drydock}
     * @return what it printed and its exit code
     */
    public static Run run(Path home, Map<String, String> env, String... args) {
        Process process = start(project(), home, env, args);
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
        byte[] out = readAll(process.getInputStream());
        try {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                stop(process);
                throw new AssertionError("./drydock " + String.join(" ", args) + " still running after "
                        + TIMEOUT_SECONDS + " s");
            }
            return new Run(process.exitValue(), out, new String(err.join(), StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            stop(process);
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Kills a launcher and everything it started (a test that failed must leave no JVM behind). */
    public static void stop(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<Path> newest(Path dir, String prefix, String suffix) {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith(prefix))
                    .filter(p -> p.getFileName().toString().endsWith(suffix))
                    .max((a, b) -> modified(a).compareTo(modified(b)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
