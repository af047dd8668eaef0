package io.github.drydock.cli;

import io.github.drydock.DockerRoot;
import io.github.drydock.model.Container;
import io.github.drydock.model.DockerStorageException;
import io.github.drydock.model.LogLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/** {@code drydock logs CONTAINER}: the json-file log as {@code docker logs} prints it. */
@Command(name = "logs", description = {"Print a container's json-file log as docker logs does.",
        "stdout records go to stdout, stderr records to stderr; with --json, one array of records."})
final class LogsCommand implements Callable<Integer> {
    private static final String ALL = "all";

    @ParentCommand
    private DrydockCommand app;

    @Spec
    private CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    private boolean help;

    @Option(names = {"-t", "--timestamps"}, description = "Prefix each record with its RFC 3339 time (nanoseconds, UTC).")
    private boolean timestamps;

    @Option(names = "--tail", paramLabel = "N", defaultValue = ALL,
            description = "Only the last N records, or 'all' (default: ${DEFAULT-VALUE}).")
    private String tail;

    @Parameters(paramLabel = "CONTAINER", description = "Container id, id prefix or name.")
    private String reference;

    @Override
    public Integer call() throws DockerStorageException, CliException {
        OptionalLong count = tailCount();
        DockerRoot root = app.openRoot();
        Container container = root.container(reference)
                .orElseThrow(() -> new CliException("no such container: " + reference));
        try (Stream<LogLine> records = root.logs(container)) {
            Iterator<LogLine> kept = LogViews.tail(records.iterator(), count);
            if (app.json()) {
                LogViews.writeJson(kept, app.out());
            } else {
                LogViews.writeText(kept, app.out(), app.err(), timestamps);
            }
        } catch (UncheckedIOException e) {
            throw new CliException("cannot read the log of container " + container.shortId() + ": "
                    + e.getMessage() + (e.getCause() == null ? "" : ": " + e.getCause().getMessage()));
        }
        return app.finish(ExitCodes.about(root.problems(), container.id()));
    }

    private OptionalLong tailCount() {
        if (ALL.equals(tail)) {
            return OptionalLong.empty();
        }
        try {
            long n = Long.parseLong(tail);
            if (n >= 0) {
                return OptionalLong.of(n);
            }
        } catch (NumberFormatException e) {
            // reported below as a usage error
        }
        throw new ParameterException(spec.commandLine(), "Invalid value for option '--tail': '" + tail
                + "' is not a number of records or 'all'");
    }
}
