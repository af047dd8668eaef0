package io.github.drydock.cli;

import io.github.drydock.DockerRoot;
import io.github.drydock.model.DockerStorageException;
import io.github.drydock.model.Problem;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * The top-level {@code drydock} command: global options and what every subcommand shares (opening
 * the root, printing JSON, reporting problems, the exit code). The global options are inherited, so
 * {@code drydock --json images} and {@code drydock images --json} mean the same.
 */
@Command(name = "drydock", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Reads a Docker storage directory offline: no daemon, no root, no mount.",
        subcommands = {InfoCommand.class, ImagesCommand.class, HistoryCommand.class, InspectCommand.class,
                ContainersCommand.class, VolumesCommand.class, LogsCommand.class, LsCommand.class, CpCommand.class,
                ExportCommand.class, DiffCommand.class, VolumeCommand.class, SaveCommand.class, CommitCommand.class,
                VerifyCommand.class, LayersCommand.class, WhoisCommand.class, TimelineCommand.class,
                ReportCommand.class, HelpCommand.class},
        footer = {"", "Exit codes: 0 success (problems go to stderr), 1 cannot produce what was asked"
                + " (or --strict with problems), 2 usage error."})
public final class DrydockCommand implements Callable<Integer> {
    /** Environment variable naming the root when {@code --root} is not given. */
    public static final String ROOT_ENV = "DRYDOCK_ROOT";
    /** The root read when neither {@code --root} nor {@value #ROOT_ENV} is given. */
    public static final String DEFAULT_ROOT = "/var/lib/docker";

    @Option(names = "--root", paramLabel = "DIR", scope = ScopeType.INHERIT,
            description = "Docker root, or a folder above it such as a disk image mount"
                    + " (default: $" + ROOT_ENV + ", else " + DEFAULT_ROOT + ").")
    private Path root;

    @Option(names = "--json", scope = ScopeType.INHERIT,
            description = "Print one JSON document to stdout; stderr stays quiet except for fatal errors.")
    private boolean json;

    @Option(names = "--strict", scope = ScopeType.INHERIT,
            description = "Exit 1 when any problem was found (after printing the output).")
    private boolean strict;

    @Spec
    private CommandSpec spec;

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;
    private final Terminals terminals;
    private OutputStream binaryOut;

    /**
     * @param out standard output
     * @param err standard error
     * @param env the environment ({@value #ROOT_ENV} is read from it)
     */
    public DrydockCommand(PrintStream out, PrintStream err, Map<String, String> env) {
        this(out, err, env, Terminals.NONE);
    }

    /**
     * @param out       standard output
     * @param err       standard error
     * @param env       the environment ({@value #ROOT_ENV} is read from it)
     * @param terminals which of {@code out} and {@code err} are terminals
     */
    public DrydockCommand(PrintStream out, PrintStream err, Map<String, String> env, Terminals terminals) {
        this.out = Objects.requireNonNull(out, "out");
        this.err = Objects.requireNonNull(err, "err");
        this.env = Map.copyOf(env);
        this.terminals = Objects.requireNonNull(terminals, "terminals");
    }

    /** Without a command there is nothing to do: a usage error. */
    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing required command");
    }

    /** @return the root folder to open: {@code --root}, else {@value #ROOT_ENV}, else {@value #DEFAULT_ROOT} */
    Path rootPath() {
        if (root != null) {
            return root;
        }
        String fromEnv = env.get(ROOT_ENV);
        return Path.of(fromEnv != null && !fromEnv.isBlank() ? fromEnv : DEFAULT_ROOT);
    }

    /** @return the opened root */
    DockerRoot openRoot() throws DockerStorageException {
        return DockerRoot.open(rootPath());
    }

    /** @return true with {@code --json} */
    boolean json() {
        return json;
    }

    /** @return which standard streams are terminals */
    Terminals terminals() {
        return terminals;
    }

    /** @return true when a progress line may be drawn: stderr is a terminal and the output is not JSON */
    boolean progressWanted() {
        return terminals.stderr() && !json;
    }

    /** @return standard output */
    PrintStream out() {
        return out;
    }

    /** @param stdoutBytes the stream under {@link #out()}, for archives; null to write them through {@code out} */
    void binaryOut(OutputStream stdoutBytes) {
        this.binaryOut = stdoutBytes;
    }

    /** @return where an archive written to stdout goes: the bytes under {@link #out()}, flushed first */
    OutputStream binaryOut() {
        out.flush();
        return binaryOut != null ? binaryOut : out;
    }

    /** @return standard error */
    PrintStream err() {
        return err;
    }

    /** Prints one JSON document to standard output. */
    void printJson(Object document) {
        CliJson.write(document, out);
    }

    /**
     * Ends a command whose output was produced: in human mode its problems go to stderr as
     * {@code drydock: problem: <path>: <message>}; in JSON mode they are in the document.
     *
     * @param problems the problems the command reports
     * @return the exit code
     */
    int finish(List<Problem> problems) {
        out.flush();
        if (!json) {
            for (Problem problem : problems) {
                err.print("drydock: problem: " + Text.printable(problem.path()) + ": "
                        + Text.printable(problem.message()) + "\n");
            }
            err.flush();
        }
        return ExitCodes.afterOutput(problems, strict);
    }
}
