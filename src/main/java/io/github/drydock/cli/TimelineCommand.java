package io.github.drydock.cli;

import io.github.drydock.DockerRoot;
import io.github.drydock.Forensics;
import io.github.drydock.archive.OutputTarget;
import io.github.drydock.archive.ReportHashes;
import io.github.drydock.archive.Timeline;
import io.github.drydock.archive.TimelineFormat;
import io.github.drydock.model.DockerStorageException;
import io.github.drydock.model.Problem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code drydock timeline}: a bodyfile (or CSV, JSON Lines) of every layer folder and volume plus Docker's events. */
@Command(name = "timeline", description = {"Write a file-system timeline of every layer folder and volume (each walked"
        + " on its own, so hidden and deleted files show up under the layer that holds them) plus Docker's events"
        + " (image created, container created/started/finished, first and last log line).",
        "bodyfile is the Sleuth Kit 3.x format that mactime and plaso read: 'mactime -b FILE -d -y 1971-01-01'"
                + " (crtime is 0, unknown: a start date keeps mactime from listing it at 1970). Events carry their"
                + " time in atime, mtime and ctime."})
final class TimelineCommand implements Callable<Integer> {
    @ParentCommand
    private DrydockCommand app;

    @Spec
    private CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    private boolean help;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE instead of stdout.")
    private Path output;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "bodyfile",
            description = "bodyfile, csv or jsonl (default: ${DEFAULT-VALUE}).")
    private String format;

    @Option(names = "--hash", description = "Also write FILE.sha256 (sha256sum format) beside the output (needs -o).")
    private boolean hash;

    @Option(names = "--force", description = "Replace FILE when it exists.")
    private boolean force;

    /**
     * The {@code --json} summary printed when the timeline went to a file.
     *
     * @param output   the file written
     * @param format   its format
     * @param rows     rows written
     * @param sidecar  the {@code .sha256} file, or null
     * @param problems every problem met
     */
    record Summary(String output, String format, long rows, String sidecar, List<Problem> problems) {
    }

    @Override
    public Integer call() throws DockerStorageException, CliException {
        try {
            return run();
        } catch (DockerStorageException e) {
            throw e;
        } catch (IOException e) {
            throw new CliException("cannot write the timeline" + (output == null ? "" : " to " + output) + ": "
                    + e.getMessage());
        }
    }

    private int run() throws IOException {
        TimelineFormat chosen = parseFormat();
        if (output == null && (hash || app.json())) {
            throw new ParameterException(spec.commandLine(), (hash ? "--hash" : "--json")
                    + " needs -o FILE: the timeline itself goes to stdout (use --format jsonl for JSON rows)");
        }
        DockerRoot root = app.openRoot();
        Forensics forensics = Forensics.of(root);
        if (output == null) {
            Timeline.Result result = forensics.timeline(app.out(), chosen);
            return app.finish(result.problems());
        }
        OutputTarget.outsideEvidence(output, forensics.evidence());
        OutputTarget.newFile(output, force);
        Timeline.Result[] result = new Timeline.Result[1];
        OutputTarget.write(output, out -> result[0] = forensics.timeline(out, chosen));
        Path sidecar = hash ? ReportHashes.writeSidecar(output) : null;
        if (app.json()) {
            app.printJson(new Summary(output.toString(), chosen.extension(), result[0].rows(),
                    sidecar == null ? null : sidecar.toString(), result[0].problems()));
        } else {
            app.out().print(result[0].rows() + " rows written to " + Text.printable(output.toString())
                    + (sidecar == null ? "" : ", checksum in " + Text.printable(sidecar.toString())) + "\n");
        }
        return app.finish(result[0].problems());
    }

    private TimelineFormat parseFormat() {
        try {
            return TimelineFormat.parse(format);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--format': " + e.getMessage());
        }
    }
}
