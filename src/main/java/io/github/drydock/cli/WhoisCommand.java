package io.github.drydock.cli;

import io.github.drydock.DockerRoot;
import io.github.drydock.Forensics;
import io.github.drydock.model.DockerStorageException;
import io.github.drydock.model.IdLookup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code drydock whois ID}: what an id (or prefix) seen anywhere on the disk belongs to. */
@Command(name = "whois", description = {"Tell what an id or unique prefix belongs to: image id, chain id, diff id,"
        + " v1 id, cache id, mount id, init id, overlay2 short link (l/<name>), container id, volume name.",
        "Every match is listed with its kind; a prefix of several ids lists every candidate. Exit 1 when nothing"
                + " matches."})
final class WhoisCommand implements Callable<Integer> {
    @ParentCommand
    private DrydockCommand app;

    @Spec
    private CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    private boolean help;

    @Parameters(paramLabel = "ID", description = "An id, a prefix of one, sha256:<hex>, or an overlay2 short name.")
    private String query;

    @Override
    public Integer call() throws DockerStorageException, CliException {
        if (query.isBlank()) {
            throw new ParameterException(spec.commandLine(), "ID must not be empty");
        }
        DockerRoot root = app.openRoot();
        IdLookup lookup = Forensics.of(root).whois(query);
        if (app.json()) {
            app.printJson(WhoisViews.document(lookup, root.problems()));
        } else if (!lookup.empty()) {
            app.out().print(WhoisViews.table(lookup, root.path()));
            if (lookup.ambiguous()) {
                app.err().print("drydock: " + Text.printable(WhoisViews.ambiguity(lookup)) + "\n");
            }
        }
        int code = app.finish(root.problems());
        if (lookup.empty()) {
            if (app.json()) {
                return ExitCodes.FAILED;
            }
            throw new CliException("no id on this disk matches '" + query + "'");
        }
        return code;
    }
}
