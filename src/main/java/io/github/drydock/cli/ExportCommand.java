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

/** {@code drydock export TARGET -o FILE|-}: a container's or image's flat file system as one tar. */
@Command(name = "export", description = {"Write a container's (or an image's) merged file system as one tar,"
        + " like docker export: same members, types, modes, owners, link targets, sizes and contents;"
        + " volumes and bind mounts are not included; sockets are left out.",
        "TARGET is looked up as a container first, then as an image; volume:NAME names a volume.",
        "A FILE is written whole or not at all (a hidden temporary file is renamed when complete)."})
final class ExportCommand implements Callable<Integer> {
    @ParentCommand
    private DrydockCommand app;

    @Spec
    private CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    private boolean help;

    @Mixin
    private TarOutputOptions tar = new TarOutputOptions();

    @Parameters(paramLabel = "TARGET", description = "Container, image, or volume:NAME.")
    private String reference;

    @Override
    public Integer call() throws CliException, IOException {
        return tar.run(spec, app, root -> ViewTarget.find(root, reference));
    }
}
