package io.github.drydock.cli;

import io.github.drydock.DockerRoot;
import io.github.drydock.model.Container;
import io.github.drydock.model.DockerStorageException;
import io.github.drydock.model.Image;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code drydock inspect REF}: the container's or image's record as pretty JSON. */
@Command(name = "inspect", description = {"Print a container's or an image's record as JSON (always JSON).",
        "The reference is looked up as a container first (id, id prefix, name), then as an image."})
final class InspectCommand implements Callable<Integer> {
    @ParentCommand
    private DrydockCommand app;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    private boolean help;

    @Parameters(paramLabel = "CONTAINER|IMAGE", description = "Container id, id prefix or name; or image reference.")
    private String reference;

    @Override
    public Integer call() throws DockerStorageException, CliException {
        DockerRoot root = app.openRoot();
        Optional<Container> container = root.container(reference);
        if (container.isPresent()) {
            app.printJson(container.get());
            return app.finish(ExitCodes.about(root.problems(), container.get().id()));
        }
        Image image = root.image(reference)
                .orElseThrow(() -> new CliException("no such container or image: " + reference));
        app.printJson(image);
        return app.finish(ExitCodes.about(root.problems(), image.id()));
    }
}
