package io.github.drydock.cli;

import io.github.drydock.DockerRoot;
import io.github.drydock.Forensics;
import io.github.drydock.archive.Report;
import io.github.drydock.model.DockerStorageException;
import io.github.drydock.model.Problem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code drydock report -o DIR}: a self-contained report folder for a case file. */
@Command(name = "report", description = {"Write a report folder: report.json (everything the listings show,"
        + " problems included, with the drydock version, this command line and the time of the run), report.md"
        + " (summary), timeline.bodyfile and timeline.csv, and SHA256SUMS over them (check: sha256sum -c SHA256SUMS).",
        "DIR must be outside the Docker root and empty (or missing) unless --force."})
final class ReportCommand implements Callable<Integer> {
    /** The program name recorded first in the command line. */
    static final String PROGRAM = "drydock";

    @ParentCommand
    private DrydockCommand app;

    @Spec
    private CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    private boolean help;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", required = true, description = "The report folder.")
    private Path output;

    @Option(names = "--force",
            description = "Write into DIR even when it is not empty (same-named files are replaced).")
    private boolean force;

    /**
     * The {@code --json} summary.
     *
     * @param dir          the report folder
     * @param files        every file written, with its SHA-256 and size
     * @param timelineRows rows in the timeline
     * @param problems     every problem the report lists
     */
    record Summary(String dir, List<Report.WrittenFile> files, long timelineRows, List<Problem> problems) {
    }

    @Override
    public Integer call() throws DockerStorageException, CliException {
        try {
            return run();
        } catch (DockerStorageException e) {
            throw e;
        } catch (IOException e) {
            throw new CliException("cannot write the report to " + output + ": " + e.getMessage());
        }
    }

    private int run() throws IOException {
        DockerRoot root = app.openRoot();
        List<String> commandLine = new ArrayList<>();
        commandLine.add(PROGRAM);
        commandLine.addAll(spec.root().commandLine().getParseResult().originalArgs());
        Report.Result result = Forensics.of(root).report(output, Version.current(), commandLine, force);
        if (app.json()) {
            app.printJson(new Summary(result.dir().toString(), result.files(), result.timelineRows(),
                    result.problems()));
        } else {
            Table table = new Table("FILE", "SHA256", "SIZE");
            result.files().forEach(f -> table.row(f.name(), f.sha256(), Long.toString(f.size())));
            app.out().print("report written to " + Text.printable(result.dir().toString()) + " ("
                    + result.timelineRows() + " timeline rows, " + result.problems().size() + " problems)\n");
            app.out().print(table.render());
        }
        return app.finish(result.problems());
    }
}
