package io.github.drydock.cli;

import io.github.drydock.DockerRoot;
import io.github.drydock.model.Container;
import io.github.drydock.model.DockerStorageException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code drydock containers} ({@code ps}): every container, newest first. */
@Command(name = "containers", aliases = "ps", description = {"List every container, newest first.",
        "Offline nothing runs: a container that ran when the disk was copied shows 'Up (at copy time)'."})
final class ContainersCommand implements Callable<Integer> {
    @ParentCommand
    private DrydockCommand app;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    private boolean help;

    @Option(names = {"-a", "--all"}, description = "Accepted for docker compatibility; offline every container is listed.")
    private boolean all;

    @Option(names = "--no-trunc", description = "Show full ids and full commands.")
    private boolean noTrunc;

    @Override
    public Integer call() throws DockerStorageException {
        DockerRoot root = app.openRoot();
        List<Container> containers = ContainerViews.sorted(root.containers());
        if (app.json()) {
            app.printJson(new Listing(containers, root.problems()));
        } else {
            app.out().print(ContainerViews.table(containers, noTrunc));
        }
        return app.finish(root.problems());
    }
}
