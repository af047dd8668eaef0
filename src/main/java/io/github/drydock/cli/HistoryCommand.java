package io.github.drydock.cli;

import io.github.drydock.DockerRoot;
import io.github.drydock.model.DockerStorageException;
import io.github.drydock.model.HistoryEntry;
import io.github.drydock.model.Image;
import io.github.drydock.model.Problem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code drydock history IMAGE}: the image's steps, newest first, as {@code docker history}. */
@Command(name = "history", description = "Show an image's history, newest step first.")
final class HistoryCommand implements Callable<Integer> {
    @ParentCommand
    private DrydockCommand app;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    private boolean help;

    @Option(names = "--no-trunc", description = "Show full ids and full CREATED BY commands.")
    private boolean noTrunc;

    @Parameters(paramLabel = "IMAGE", description = "Image id, id prefix, repo:tag or repo@digest.")
    private String reference;

    @Override
    public Integer call() throws DockerStorageException, CliException {
        DockerRoot root = app.openRoot();
        Image image = root.image(reference).orElseThrow(() -> new CliException("no such image: " + reference));
        List<Problem> problems = ExitCodes.about(root.problems(), image.id());
        Map<String, Image> byId = new HashMap<>();
        root.images().forEach(i -> byId.putIfAbsent(i.id(), i));
        List<HistoryEntry> steps = ImageViews.historyAsDockerShowsIt(image, byId);
        if (app.json()) {
            app.printJson(new Listing(steps, problems));
        } else {
            app.out().print(ImageViews.historyTable(steps, noTrunc));
        }
        return app.finish(problems);
    }
}
