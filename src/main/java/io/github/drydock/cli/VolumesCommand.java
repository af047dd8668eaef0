package io.github.drydock.cli;

import io.github.drydock.DockerRoot;
import io.github.drydock.model.DockerStorageException;
import io.github.drydock.model.Volume;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code drydock volumes}: every Docker-managed volume, who mounts it where, and where its data is. */
@Command(name = "volumes", description = {"List every volume: one row per container that mounts it,"
        + " '(orphan)' when none.", "PATH is the data folder, relative to the root when inside it."})
final class VolumesCommand implements Callable<Integer> {
    @ParentCommand
    private DrydockCommand app;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    private boolean help;

    @Override
    public Integer call() throws DockerStorageException {
        DockerRoot root = app.openRoot();
        List<Volume> volumes = VolumeViews.sorted(root.volumes());
        if (app.json()) {
            app.printJson(new Listing(volumes, root.problems()));
        } else {
            app.out().print(VolumeViews.table(volumes, root.path()));
        }
        return app.finish(root.problems());
    }
}
