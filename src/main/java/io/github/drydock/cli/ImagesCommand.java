package io.github.drydock.cli;

import io.github.drydock.DockerRoot;
import io.github.drydock.model.DockerStorageException;
import io.github.drydock.model.Image;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code drydock images}: like {@code docker images}, or the parent tree of Docker 1.x. */
@Command(name = "images", description = {"List images like docker images: tagged and dangling images,"
        + " newest first; -a adds intermediate images.",
        "Times are absolute UTC; sizes are Docker 1.x virtual sizes (base 1000)."})
final class ImagesCommand implements Callable<Integer> {
    @ParentCommand
    private DrydockCommand app;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    private boolean help;

    @Option(names = {"-a", "--all"}, description = "Also show intermediate (untagged parent) images.")
    private boolean all;

    @Option(names = "--tree", description = "Draw the parent tree of every image, as Docker 1.x did.")
    private boolean tree;

    @Option(names = "--no-trunc", description = "Show full 64-hex image ids.")
    private boolean noTrunc;

    @Override
    public Integer call() throws DockerStorageException {
        DockerRoot root = app.openRoot();
        if (app.json()) {
            List<Image> items = tree
                    ? root.images().stream().sorted(Comparator.comparing(Image::id)).toList()
                    : ImageViews.visible(root.images(), all);
            app.printJson(new Listing(items, root.problems()));
        } else if (tree) {
            ImageTree.draw(root.images(), noTrunc, line -> app.out().print(line + "\n"));
        } else {
            app.out().print(ImageViews.imagesTable(ImageViews.visible(root.images(), all), noTrunc));
        }
        return app.finish(root.problems());
    }
}
