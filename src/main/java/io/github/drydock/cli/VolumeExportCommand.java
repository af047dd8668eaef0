package io.github.drydock.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.util.concurrent.Callable;

/** {@code drydock volume export NAME -o FILE|-}: a volume's data folder as one tar. */
@Command(name = "export", description = {"Write a volume's data folder as one tar (member names relative to it,"
        + " same header rules as export).",
        "A FILE is written whole or not at all (a hidden temporary file is renamed when complete)."})
final class VolumeExportCommand implements Callable<Integer> {
    @ParentCommand
    private VolumeCommand volume;

    @Spec
    private CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    private boolean help;

    @Mixin
    private TarOutputOptions tar = new TarOutputOptions();

    @Parameters(paramLabel = "NAME", description = "Volume name, or a unique prefix of a 64-hex name.")
    private String name;

    @Override
    public Integer call() throws CliException, IOException {
        return tar.run(spec, volume.app(), root -> ViewTarget.volume(root, name));
    }
}
