package io.github.drydock.cli;

import io.github.drydock.DockerRoot;
import io.github.drydock.Forensics;
import io.github.drydock.model.DockerStorageException;
import io.github.drydock.model.LayerFolder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code drydock layers}: every layer folder on disk, its size, and who owns it. */
@Command(name = "layers", description = {"List every layer folder of every driver on disk with its size and"
        + " owners (images, container, volume), or why nobody owns it.",
        "Orphans are leftovers of deleted images and containers, half-removed (-removing) and temporary folders."})
final class LayersCommand implements Callable<Integer> {
    @ParentCommand
    private DrydockCommand app;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    private boolean help;

    @Option(names = "--orphans", description = "Only the folders nobody owns (and unused volume folders).")
    private boolean orphans;

    @Override
    public Integer call() throws DockerStorageException {
        DockerRoot root = app.openRoot();
        Forensics.Layers layers = Forensics.of(root).layers();
        List<LayerFolder> shown = LayerViews.filter(layers.items(), orphans);
        if (app.json()) {
            app.printJson(new Listing(shown, layers.problems()));
        } else {
            app.out().print(LayerViews.table(shown, root.path()));
        }
        return app.finish(layers.problems());
    }
}
