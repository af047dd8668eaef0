package io.github.drydock.cli;

import io.github.drydock.DockerRoot;
import io.github.drydock.archive.ContainerDiff;
import io.github.drydock.model.Container;
import io.github.drydock.model.DockerStorageException;
import io.github.drydock.model.Problem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code drydock diff CONTAINER}: the container's own changes, as {@code docker diff} prints them. */
@Command(name = "diff", description = {"List a container's changes to its image as docker diff does:"
        + " A added, C changed (or a folder holding a change), D deleted; sorted by path"
        + " (docker prints them in no stable order)."})
final class DiffCommand implements Callable<Integer> {
    @ParentCommand
    private DrydockCommand app;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    private boolean help;

    @Parameters(paramLabel = "CONTAINER", description = "Container id, id prefix or name.")
    private String reference;

    @Override
    public Integer call() throws DockerStorageException, CliException {
        DockerRoot root = app.openRoot();
        Container container = root.container(reference)
                .orElseThrow(() -> new CliException("no such container: " + reference));
        ContainerDiff.Result result = root.diff(container);
        List<FileViews.DiffLine> lines = result.changes().stream()
                .map(c -> new FileViews.DiffLine(String.valueOf(c.kind().letter()), c.path())).toList();
        List<Problem> problems = new ArrayList<>(ExitCodes.about(root.problems(), container.id()));
        problems.addAll(result.problems());
        if (app.json()) {
            app.printJson(new Listing(lines, problems));
        } else {
            app.out().print(FileViews.diffLines(lines));
        }
        return app.finish(problems);
    }
}
