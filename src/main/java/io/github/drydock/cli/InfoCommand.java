package io.github.drydock.cli;

import io.github.drydock.DockerRoot;
import io.github.drydock.model.DockerStorageException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

/** {@code drydock info}: generation, drivers, counts, notes, problems. */
@Command(name = "info", description = "Show the root's generation, drivers, counts, notes and problems.")
final class InfoCommand implements Callable<Integer> {
    @ParentCommand
    private DrydockCommand app;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    private boolean help;

    @Override
    public Integer call() throws DockerStorageException {
        DockerRoot root = app.openRoot();
        InfoDocument info = InfoDocument.of(root);
        if (app.json()) {
            app.printJson(info);
        } else {
            app.out().print(InfoView.render(info));
        }
        return app.finish(root.problems());
    }
}
