package io.github.drydock.cli;

import io.github.drydock.archive.SeekableOutput;
import io.github.drydock.model.DockerStorageException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.UnmatchedArgumentException;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The {@code drydock} command line: {@code drydock [--root DIR] [--json] [--strict] COMMAND ...}. */
public final class Main {
    private static final String PREFIX = "drydock: ";

    private Main() {
    }

    /**
     * Runs the command line and exits with its code.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        // UTF-8 whatever the locale: tree glyphs and evidence names must come out the same everywhere.
        // bytes (a tar) go to stdout's channel directly, so big files can be copied inside the kernel
        ChannelOutputStream stdout = new ChannelOutputStream(new FileOutputStream(FileDescriptor.out).getChannel(), 1 << 16,
                SeekableOutput::stdout, SeekableOutput::reopenStdout);
        PrintStream out = new PrintStream(stdout, false, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        int code = run(args, out, err, System.getenv(), Terminals.detect(), stdout);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /**
     * Runs the command line in-process, without exiting. The streams are taken as not being terminals:
     * no progress line is drawn and a tar may be written to {@code out}.
     *
     * @param args the arguments
     * @param out  standard output (UTF-8)
     * @param err  standard error (UTF-8)
     * @return the exit code: see {@link ExitCodes}
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, System.getenv());
    }

    /** As {@link #run(String[], PrintStream, PrintStream)}, with the environment given. */
    static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
        return run(args, out, err, env, Terminals.NONE);
    }

    /** As {@link #run(String[], PrintStream, PrintStream)}, with the environment and the terminals given. */
    static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env, Terminals terminals) {
        return run(args, out, err, env, terminals, null);
    }

    /** As above; {@code stdoutBytes}, when given, is where {@code out} writes, for archives written to stdout. */
    private static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env,
                           Terminals terminals, OutputStream stdoutBytes) {
        out = new DisplayPrintStream(out);
        err = new DisplayPrintStream(err);
        DrydockCommand app = new DrydockCommand(out, err, env, terminals);
        app.binaryOut(stdoutBytes);
        CommandLine commandLine = new CommandLine(app);
        PrintWriter outWriter = new PrintWriter(new DisplayWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8)), true);
        PrintWriter errWriter = new PrintWriter(new DisplayWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8)), true);
        commandLine.setOut(outWriter);
        commandLine.setErr(errWriter);
        commandLine.setParameterExceptionHandler(usageError());
        commandLine.setExecutionExceptionHandler(failure(err));
        int code = commandLine.execute(args);
        outWriter.flush();
        errWriter.flush();
        out.flush();
        err.flush();
        return code;
    }

    /** A usage error: the message, any suggestion, the usage of the command concerned; exit 2. */
    private static IParameterExceptionHandler usageError() {
        return (ex, args) -> {
            CommandLine where = ex.getCommandLine();
            PrintWriter err = where.getErr();
            err.println(PREFIX + Text.printable(ex.getMessage()));
            UnmatchedArgumentException.printSuggestions(ex, err);
            where.usage(err);
            err.flush();
            return ExitCodes.USAGE;
        };
    }

    /** What could not be produced: one line on stderr, exit 1; a bug also gets its stack trace. */
    private static IExecutionExceptionHandler failure(PrintStream err) {
        return (ex, commandLine, parseResult) -> {
            commandLine.getOut().flush();
            if (ex instanceof CliException || ex instanceof DockerStorageException) {
                err.print(PREFIX + Text.printable(ex.getMessage()) + "\n");
            } else if (ex instanceof UncheckedIOException io) {
                err.print(PREFIX + Text.printable(io.getMessage()) + ": " + Text.printable(
                        String.valueOf(io.getCause().getMessage())) + "\n");
            } else {
                err.print(PREFIX + "internal error: " + ex + "\n");
                ex.printStackTrace(err);
            }
            err.flush();
            return ExitCodes.FAILED;
        };
    }
}
