package io.github.drydock.cli;

import io.github.drydock.DockerRoot;
import io.github.drydock.Repack;
import io.github.drydock.RepackImage;
import io.github.drydock.RepackResult;
import io.github.drydock.RepackTarget;
import io.github.drydock.model.Problem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code drydock save IMAGE... -o FILE|DIR/|-}: the archive {@code docker save} writes, offline. */
@Command(name = "save", description = {"Write images as the archive docker save writes (docker load, podman,"
        + " skopeo load it).",
        "Layers are rebuilt byte for byte from Docker's tar-split, so image ids are kept. A layer that cannot be"
                + " (a file changed or missing, no tar-split) is written as a tar of its folder: its diff id and"
                + " the image id change, and stderr says which file and why; --strict fails instead.",
        "IMAGE: tag, id or id prefix; a repository name saves all its tags; an id saves no tag."})
final class SaveCommand implements Callable<Integer> {
    @ParentCommand
    private DrydockCommand app;

    @Spec
    private CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    private boolean help;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE|DIR/|-",
            description = "A tar file; a folder (trailing / or existing folder; an OCI layout with --format oci);"
                    + " - for standard output (not a terminal).")
    private String output;

    @Mixin
    private HashOption hash = new HashOption();

    @Option(names = "--format", paramLabel = "docker|oci", defaultValue = "docker",
            description = "docker: the layout of Docker 1.10-24 (default); oci: the OCI image layout of Docker 25+.")
    private String format;

    @Parameters(paramLabel = "IMAGE", arity = "1..*", description = "Images to save, in archive order.")
    private List<String> images;

    @Override
    public Integer call() throws IOException, CliException {
        var saveFormat = RepackOutput.format(spec, format);
        RepackTarget target = RepackOutput.target(output, app.out());
        DockerRoot root = app.openRoot();
        RepackResult result = Repack.of(root).save(images, saveFormat, target, strict(spec));
        return report(app, root, result, target, hash);
    }

    /** The global {@code --strict}: here it also means "fail instead of falling back". */
    static boolean strict(CommandSpec spec) {
        var option = spec.findOption("--strict");
        return option != null && Boolean.TRUE.equals(option.getValue());
    }

    /** Prints the result (JSON on stderr when the archive went to stdout) and ends with its problems. */
    static int report(DrydockCommand app, DockerRoot root, RepackResult result, RepackTarget target,
                      HashOption hash) throws IOException, CliException {
        boolean toStdout = target instanceof RepackTarget.Stream;
        if (hash.wanted() && toStdout) {
            throw new CliException("--hash needs -o FILE or DIR/: a sidecar cannot be written for stdout");
        }
        Path written = target instanceof RepackTarget.File file ? file.path()
                : target instanceof RepackTarget.Folder folder ? folder.path() : null;
        // nothing is written under --strict when a layer cannot be rebuilt: then there is nothing to vouch for
        Path sidecar = written != null && Files.exists(written) ? hash.write(written) : null;
        List<Problem> problems = new ArrayList<>(result.problems());
        for (RepackImage image : result.images()) {
            ExitCodes.about(root.problems(), image.sourceId()).stream().filter(p -> !problems.contains(p))
                    .forEach(problems::add);
        }
        if (app.json()) {
            CliJson.write(RepackViews.saveDocument(result, problems), toStdout ? app.err() : app.out());
        } else {
            RepackViews.saveSummary(result).forEach(line -> app.err().print("drydock: " + Text.printable(line) + "\n"));
            if (sidecar != null) {
                app.err().print("drydock: checksum in " + Text.printable(sidecar.toString()) + "\n");
            }
        }
        if (toStdout) {
            app.out().flush();
        }
        return app.finish(problems);
    }
}
