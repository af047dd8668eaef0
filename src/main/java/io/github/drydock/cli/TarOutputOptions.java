package io.github.drydock.cli;

import io.github.drydock.DockerRoot;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

import java.io.IOException;

/** The options every command that writes one tar shares ({@code export}, {@code volume export}), and its run. */
final class TarOutputOptions {
    @Option(names = {"-o", "--output"}, paramLabel = "FILE", defaultValue = TarExport.STDOUT,
            description = "Where to write the tar; '-' is stdout, refused when it is a terminal (default: -).")
    private String output;

    @Mixin
    private HashOption hash = new HashOption();

    @Option(names = "--force", description = "Replace FILE when it exists.")
    private boolean force;

    /** What to export, found in the opened root. */
    @FunctionalInterface
    interface Lookup {
        ViewTarget find(DockerRoot root) throws CliException, IOException;
    }

    /**
     * Writes the tar of what {@code lookup} finds.
     *
     * @param spec   the command, for usage errors
     * @param app    the application
     * @param lookup finds the target in the root
     * @return the exit code
     * @throws CliException when the target is not found or the tar cannot be written
     * @throws IOException  when the root cannot be read
     */
    int run(CommandSpec spec, DrydockCommand app, Lookup lookup) throws CliException, IOException {
        if (app.json() && TarExport.STDOUT.equals(output)) {
            // with the tar on stdout there is no room for a JSON document: a usage error
            throw new ParameterException(spec.commandLine(), "--json needs -o FILE: stdout carries the tar archive");
        }
        return TarExport.run(app, lookup.find(app.openRoot()), output, force, hash);
    }
}
