package io.github.drydock.cli;

import io.github.drydock.RepackTarget;
import io.github.drydock.archive.SaveFormat;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The {@code -o} and {@code --format} options of {@code save} and {@code commit}: {@code -} is standard
 * output (refused when it is a terminal, as {@code docker save} refuses), a path ending in {@code /} or an
 * existing folder is a folder (an OCI image layout with {@code --format oci}), anything else a tar file.
 */
final class RepackOutput {
    /** The {@code -o} value meaning standard output. */
    static final String STDOUT = "-";
    private static final Path STDOUT_FD = Path.of("/proc/self/fd/1");

    private RepackOutput() {
    }

    /**
     * @param spec   the command, for usage errors
     * @param format the {@code --format} value
     * @return the archive layout
     */
    static SaveFormat format(CommandSpec spec, String format) {
        return switch (format.toLowerCase(Locale.ROOT)) {
            case "docker" -> SaveFormat.DOCKER;
            case "oci" -> SaveFormat.OCI;
            default -> throw new ParameterException(spec.commandLine(), "Invalid value for option '--format': '"
                    + format + "' (expected docker or oci)");
        };
    }

    /**
     * @param output the {@code -o} value
     * @param out    standard output
     * @return the target
     * @throws CliException when the archive would go to a terminal
     */
    static RepackTarget target(String output, PrintStream out) throws CliException {
        if (STDOUT.equals(output)) {
            if (stdoutIsTerminal()) {
                throw new CliException("refusing to write an archive to a terminal: use -o FILE or redirect"
                        + " standard output");
            }
            return new RepackTarget.Stream(out);
        }
        Path path = Path.of(output);
        if (output.endsWith("/") || Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            return new RepackTarget.Folder(path);
        }
        return new RepackTarget.File(path);
    }

    /** True when file descriptor 1 is a terminal ({@code /dev/pts/*}, {@code /dev/tty*}, {@code /dev/console}). */
    static boolean stdoutIsTerminal() {
        try {
            String target = Files.readSymbolicLink(STDOUT_FD).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return System.console() != null;
        }
    }
}
