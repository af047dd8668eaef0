package io.github.drydock.cli;

import io.github.drydock.model.DockerStorageException;
import io.github.drydock.model.FileEntry;
import io.github.drydock.model.ShadowedEntry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.stream.Stream;

/** {@code drydock ls TARGET [PATH]}: browse the merged file system of a container, an image or a volume. */
@Command(name = "ls", description = {"List a folder of a container's, an image's or a volume's merged file system.",
        "TARGET is looked up as a container first, then as an image; volume:NAME names a volume.",
        "Symlinks in PATH are followed inside the view, never on the host; a symlink as last name is shown"
                + " itself unless PATH ends in '/'. Hidden (dot) files are always listed."})
final class LsCommand implements Callable<Integer> {
    @ParentCommand
    private DrydockCommand app;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    private boolean help;

    @Option(names = "-l", description = "Long listing: mode, uid, gid, size, mtime (UTC), source layer, name.")
    private boolean longFormat;

    @Option(names = "-R", description = "List the whole subtree (full paths, depth first, sorted by name).")
    private boolean recursive;

    @Option(names = "--deleted", description = "List what upper layers deleted or hid under PATH (at any depth),"
            + " with the layer that hid it and the layer still holding it (always a long table).")
    private boolean deleted;

    @Parameters(index = "0", paramLabel = "TARGET", description = "Container, image, or volume:NAME.")
    private String reference;

    @Parameters(index = "1", arity = "0..1", paramLabel = "PATH", defaultValue = "/",
            description = "Path inside TARGET (default: /).")
    private String path;

    @Override
    public Integer call() throws DockerStorageException, CliException {
        ViewTarget target = ViewTarget.find(app.openRoot(), reference);
        ViewPathArg where = ViewPathArg.parse(path);
        FileEntry start = where.find(target.view(), false);
        if (deleted) {
            List<ShadowedEntry> hidden = target.view().shadowed().stream()
                    .filter(s -> under(s.entry().path(), start.path())).toList();
            return print(target, hidden, () -> FileViews.shadowedTable(hidden));
        }
        List<FileEntry> entries = entries(target, start);
        boolean fullPaths = recursive || !start.isDirectory();
        return print(target, entries, () -> longFormat ? FileViews.longTable(entries, fullPaths)
                : FileViews.names(entries, fullPaths));
    }

    private List<FileEntry> entries(ViewTarget target, FileEntry start) throws DockerStorageException {
        if (!start.isDirectory()) {
            return List.of(start);
        }
        if (!recursive) {
            return target.view().list(start.path());
        }
        try (Stream<FileEntry> walk = target.view().walk(start.path())) {
            return walk.filter(e -> !e.path().equals(start.path())).toList();
        }
    }

    /** Prints the items; problems are gathered afterwards, since reading the view is what finds them. */
    private int print(ViewTarget target, List<?> items, Supplier<String> text) {
        if (app.json()) {
            app.printJson(new Listing(items, target.problems()));
        } else {
            app.out().print(text.get());
        }
        return app.finish(target.problems());
    }

    private static boolean under(String path, String folder) {
        return path.equals(folder) || folder.equals("/") || path.startsWith(folder + "/");
    }
}
