package io.github.drydock.cli;

import io.github.drydock.DockerRoot;
import io.github.drydock.Repack;
import io.github.drydock.RepackResult;
import io.github.drydock.RepackTarget;
import io.github.drydock.model.Container;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.util.concurrent.Callable;

/** {@code drydock commit CONTAINER [REPO:TAG] -o FILE}: {@code docker commit} then {@code docker save}, offline. */
@Command(name = "commit", description = {"Write a container as the image docker commit would make, saved as an"
        + " archive: its image's layers plus one layer with the container's own changes (init layer excluded,"
        + " deletions as .wh. files) and the container's config.",
        "The commit time is when the container finished (else when it was created), so the same evidence gives"
                + " the same image id. Nothing is written into the Docker root."})
final class CommitCommand implements Callable<Integer> {
    @ParentCommand
    private DrydockCommand app;

    @Spec
    private CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    private boolean help;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE|DIR/|-",
            description = "A tar file; a folder (trailing / or existing folder); - for standard output.")
    private String output;

    @Mixin
    private HashOption hash = new HashOption();

    @Option(names = "--format", paramLabel = "docker|oci", defaultValue = "docker",
            description = "docker (default) or oci, as for save.")
    private String format;

    @Option(names = {"-a", "--author"}, paramLabel = "AUTHOR", description = "Author, as docker commit -a.")
    private String author;

    @Option(names = {"-m", "--message"}, paramLabel = "MESSAGE", description = "Commit message, as docker commit -m.")
    private String message;

    @Parameters(index = "0", paramLabel = "CONTAINER", description = "Container id, id prefix or name.")
    private String reference;

    @Parameters(index = "1", arity = "0..1", paramLabel = "REPO:TAG", description = "The tag to record (none by default).")
    private String tag;

    @Override
    public Integer call() throws IOException, CliException {
        var saveFormat = RepackOutput.format(spec, format);
        RepackTarget target = RepackOutput.target(output, app.out());
        DockerRoot root = app.openRoot();
        Container container = root.container(reference)
                .orElseThrow(() -> new CliException("no such container: " + reference));
        RepackResult result = Repack.of(root).commit(container, new Repack.CommitOptions(tag, author, message),
                saveFormat, target, SaveCommand.strict(spec));
        return SaveCommand.report(app, root, result, target, hash);
    }
}
