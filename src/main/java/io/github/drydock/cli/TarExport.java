package io.github.drydock.cli;

import io.github.drydock.archive.ExportProgress;
import io.github.drydock.archive.ExportResult;
import io.github.drydock.archive.ExportWriter;
import io.github.drydock.model.DockerStorageException;
import io.github.drydock.model.Problem;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What {@code export} and {@code volume export} share: a view written as one flat tar to a file (whole or
 * not at all, see {@link OutputFile}) or to stdout (never to a terminal), with a progress line on a
 * terminal and a summary at the end.
 */
final class TarExport {
    /** The output name meaning standard output. */
    static final String STDOUT = "-";

    private TarExport() {
    }

    /**
     * The {@code --json} document of an export.
     *
     * @param target   what was exported, e.g. {@code container c-run (3b03d0aa1e9b)}
     * @param output   the file written, or {@code -} for stdout
     * @param entries  tar members written
     * @param bytes    file content bytes written
     * @param skipped  view paths left out on purpose (sockets)
     * @param problems what went wrong on the way
     */
    record Summary(String target, String output, long entries, long bytes, List<String> skipped,
                   List<Problem> problems, String sidecar) {
        Summary {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(output, "output");
            skipped = List.copyOf(skipped);
            problems = List.copyOf(problems);
        }
    }

    /**
     * Exports a target.
     *
     * @param app    the command line
     * @param target what to export
     * @param output a file name or {@value #STDOUT}; with {@value #STDOUT} the caller has refused {@code --json}
     * @param force  replace an existing file
     * @param hash   whether to write a {@code .sha256} sidecar beside FILE
     * @return the exit code
     * @throws CliException when stdout is a terminal, the file exists, or writing failed
     * @throws IOException  when the target cannot be read at all
     */
    static int run(DrydockCommand app, ViewTarget target, String output, boolean force, HashOption hash)
            throws CliException, IOException {
        if (hash.wanted() && STDOUT.equals(output)) {
            throw new CliException("--hash needs -o FILE: a sidecar cannot be written for stdout");
        }
        ExportResult result;
        if (STDOUT.equals(output)) {
            if (app.terminals().stdout()) {
                throw new CliException("refusing to write a tar archive to a terminal: give -o FILE,"
                        + " or redirect stdout (drydock export TARGET > FILE.tar)");
            }
            OutputStream stdout = app.binaryOut();
            try {
                result = write(app, target, stdout);
                stdout.flush();
            } catch (DockerStorageException e) {
                throw e; // the evidence, not stdout, is what failed
            } catch (IOException e) {
                throw new CliException("cannot write the tar archive to stdout (closed pipe or full disk?):"
                        + " the archive is incomplete: " + e.getMessage());
            }
            if (app.out().checkError()) {
                throw new CliException("cannot write the tar archive to stdout (closed pipe or full disk?):"
                        + " the archive is incomplete");
            }
        } else {
            result = OutputFile.write(Path.of(output), force, out -> write(app, target, out));
        }
        List<Problem> problems = target.problems(result.problems());
        Path sidecar = STDOUT.equals(output) ? null : hash.write(Path.of(output));
        Summary summary = new Summary(target.label(), output, result.entries(), result.bytes(), result.skipped(),
                problems, sidecar == null ? null : sidecar.toString());
        if (app.json()) {
            app.printJson(summary);
        } else {
            text(summary).forEach(line -> app.err().print(Text.printable(line) + "\n"));
        }
        return app.finish(problems);
    }

    private static ExportResult write(DrydockCommand app, ViewTarget target, OutputStream out) throws IOException {
        // the output itself goes to the export (a file or stdout: big files copied inside the kernel, or
        // beside the walk into a file); the progress line reads the export's own counts
        ExportProgress counts = new ExportProgress();
        try (Progress progress = Progress.start(app.err(), app.progressWanted(),
                () -> "exporting: " + counts.entries() + " entries, " + HumanSize.format(counts.bytes()))) {
            return ExportWriter.write(target.view(), out, counts);
        }
    }

    /**
     * The human summary (stderr).
     *
     * @param summary the export's summary
     * @return one line, plus one per path left out (without line ends)
     */
    static List<String> text(Summary summary) {
        List<String> lines = new ArrayList<>();
        lines.add("exported " + summary.target() + " to " + (STDOUT.equals(summary.output()) ? "stdout"
                : summary.output()) + ": " + summary.entries() + " entries, " + HumanSize.format(summary.bytes())
                + " of file content");
        if (summary.sidecar() != null) {
            lines.add("checksum in " + summary.sidecar());
        }
        for (String skipped : summary.skipped()) {
            lines.add("left out " + skipped + ": a socket cannot be stored in a tar");
        }
        return lines;
    }
}
