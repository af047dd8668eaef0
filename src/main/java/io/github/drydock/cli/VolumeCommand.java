package io.github.drydock.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/**
 * {@code drydock volume SUBCOMMAND}: commands on one volume. {@code volumes} lists them; {@code ls} and
 * {@code cp} read one with the TARGET {@code volume:NAME}.
 */
@Command(name = "volume", description = {"Commands on one volume (list them with 'volumes';"
        + " browse or copy with 'ls volume:NAME' and 'cp volume:NAME:PATH DEST')."},
        subcommands = {VolumeExportCommand.class})
final class VolumeCommand implements Callable<Integer> {
    @ParentCommand
    private DrydockCommand app;

    @Spec
    private CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    private boolean help;

    /** Without a subcommand there is nothing to do: a usage error. */
    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing required subcommand");
    }

    /** @return the top-level command */
    DrydockCommand app() {
        return app;
    }
}
