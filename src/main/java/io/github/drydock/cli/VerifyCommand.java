package io.github.drydock.cli;

import io.github.drydock.DockerRoot;
import io.github.drydock.Repack;
import io.github.drydock.RepackCheck;
import io.github.drydock.model.DockerStorageException;
import io.github.drydock.model.Image;
import io.github.drydock.model.Problem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code drydock verify [IMAGE...]}: was an image changed on disk since Docker wrote it? */
@Command(name = "verify", description = {"Check images against what Docker recorded: every layer rebuilt from its"
        + " tar-split against its diff id (each changed, missing or replaced file is named), every config against"
        + " its image id, every chain id.",
        "Without IMAGE every image is checked. Exit 1 when anything fails. A layer without tar-split (legacy"
                + " layers before Docker 1.8) cannot be checked: reported, not a failure (with --strict it is)."})
final class VerifyCommand implements Callable<Integer> {
    @ParentCommand
    private DrydockCommand app;

    @Spec
    private CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    private boolean help;

    @Option(names = "--no-trunc", description = "Show full 64-hex image ids.")
    private boolean noTrunc;

    @Parameters(paramLabel = "IMAGE", arity = "0..*", description = "Images to check (tag, id or id prefix).")
    private List<String> references;

    @Override
    public Integer call() throws DockerStorageException, CliException {
        DockerRoot root = app.openRoot();
        List<Image> images = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        if (references == null || references.isEmpty()) {
            images.addAll(root.images());
            problems.addAll(root.problems());
        } else {
            for (String reference : references) {
                Image image = root.image(reference).orElseThrow(() -> new CliException("no such image: " + reference));
                images.add(image);
                ExitCodes.about(root.problems(), image.id()).stream().filter(p -> !problems.contains(p))
                        .forEach(problems::add);
            }
        }
        List<RepackCheck> checks = Repack.of(root).verify(images);
        if (app.json()) {
            app.printJson(RepackViews.verifyDocument(checks, problems));
        } else {
            app.out().print(RepackViews.verifyText(checks, noTrunc));
        }
        int code = app.finish(problems);
        boolean failed = checks.stream().anyMatch(c -> !c.ok());
        boolean unchecked = checks.stream().anyMatch(c -> !c.verified());
        return failed || unchecked && SaveCommand.strict(spec) ? ExitCodes.FAILED : code;
    }
}
