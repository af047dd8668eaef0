package io.github.drydock.cli;

import io.github.drydock.archive.CopyOut;
import io.github.drydock.model.FileEntry;
import io.github.drydock.model.FileType;
import io.github.drydock.model.Problem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.stream.Stream;

/** {@code drydock cp TARGET:PATH DEST}: copy a file or a tree out of a view, like {@code docker cp}. */
@Command(name = "cp", description = {"Copy a file or a folder out of a container, an image or a volume,"
        + " like docker cp CONTAINER:SRC DEST: modes and mtimes kept, owners kept when run as root,"
        + " symlinks copied as symlinks, hard links within the copy kept.",
        "TARGET is looked up as a container first, then as an image; volume:NAME names a volume."
                + " PATH is split at the first ':/' (so repo:tag:/path works); a relative PATH starts at /.",
        "Symlinks in the middle of PATH are followed inside the view; the last one is copied as a link"
                + " unless -L, as docker cp does. SRC/. copies a folder's content into DEST.",
        "Never writes outside DEST, never through a symlink, never replaces or merges into anything"
                + " without --force. A summary goes to stderr."})
final class CpCommand implements Callable<Integer> {
    @ParentCommand
    private DrydockCommand app;

    @Spec
    private CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    private boolean help;

    @Mixin
    private HashOption hash = new HashOption();

    @Option(names = "--force", description = "Replace existing files and merge into existing folders.")
    private boolean force;

    @Option(names = {"-L", "--follow-link"}, description = "Follow a symlink at the end of PATH (inside the view);"
            + " the copy keeps the link's name.")
    private boolean followLink;

    @Parameters(index = "0", paramLabel = "TARGET:PATH", description = "What to copy, e.g. c-run:/etc.")
    private String source;

    @Parameters(index = "1", paramLabel = "DEST", description = "Host path to create, or existing folder to copy into.")
    private String dest;

    /**
     * The source argument split in two.
     *
     * @param reference the container, image or {@code volume:NAME}
     * @param path      the path inside it
     */
    record Source(String reference, String path) {
        Source {
            Objects.requireNonNull(reference, "reference");
            Objects.requireNonNull(path, "path");
        }

        /** Splits at the first {@code :/}, else at the first {@code :}; null when there is no usable split. */
        static Source parse(String argument) {
            int at = argument.indexOf(":/");
            if (at < 0) {
                at = argument.indexOf(':');
            }
            if (at <= 0) {
                return null;
            }
            String reference = argument.substring(0, at);
            if (reference.equals("volume")) {
                // "volume:NAME" with a relative path: split after the name instead
                int next = argument.indexOf(':', at + 1);
                if (next < 0) {
                    return null;
                }
                return new Source(argument.substring(0, next), argument.substring(next + 1));
            }
            return new Source(reference, argument.substring(at + 1));
        }
    }

    /**
     * The {@code --json} document of a copy.
     *
     * @param target      what was copied from, e.g. {@code container c-run (3b03d0aa1e9b)}
     * @param path        the view path copied
     * @param destination the host path created or merged into
     * @param files       regular files written
     * @param folders     folders created or merged into
     * @param links       symlinks and hard links created
     * @param special     FIFOs and device nodes created
     * @param bytes       file bytes written
     * @param problems    what was skipped or failed
     */
    record Summary(String target, String path, Path destination, long files, long folders, long links,
                   long special, long bytes, List<Problem> problems, Path sidecar) {
        Summary {
            problems = List.copyOf(problems);
        }
    }

    @Override
    public Integer call() throws IOException, CliException {
        Source parsed = Source.parse(source);
        if (parsed == null) {
            String hint = dest.contains(":") ? " (drydock only copies out: the evidence is read-only)" : "";
            throw new ParameterException(spec.commandLine(), "the source must be TARGET:PATH, got '" + source + "'"
                    + hint);
        }
        if (dest.equals("-")) {
            throw new ParameterException(spec.commandLine(), "cp does not write a tar to stdout: use"
                    + " 'drydock export TARGET' for a whole file system, or give a DEST folder");
        }
        ViewTarget target = ViewTarget.find(app.openRoot(), parsed.reference());
        ViewPathArg path = ViewPathArg.parse(parsed.path());
        FileEntry entry = path.find(target.view(), followLink);
        CopyPlan plan = CopyPlan.of(target.view(), entry, path, dest, force);
        CopyOut.Result result = copy(target, plan);
        List<Problem> problems = target.problems(result.problems());
        boolean nothing = result.files() + result.folders() + result.links() + result.special() == 0;
        Path sidecar = nothing ? null : hash.write(plan.target());
        Summary summary = new Summary(target.label(), entry.path(), plan.target(), result.files(), result.folders(),
                result.links(), result.special(), result.bytes(), problems, sidecar);
        if (app.json()) {
            app.printJson(summary);
        } else {
            app.err().print(Text.printable(text(summary)) + "\n");
        }
        int code = app.finish(problems);
        return nothing ? ExitCodes.FAILED : code;
    }

    private CopyOut.Result copy(ViewTarget target, CopyPlan plan) throws IOException {
        AtomicLongArray counted = new AtomicLongArray(2);
        try (Progress progress = Progress.start(app.err(), app.progressWanted(),
                () -> "copying: " + counted.get(0) + " entries, " + HumanSize.format(counted.get(1)) + " in all")) {
            if (app.progressWanted()) {
                count(target, plan.viewPath(), counted);
            }
            return CopyOut.copy(target.view(), plan.viewPath(), plan.target(),
                    new CopyOut.Options(force, CopyOut.runningAsRoot()));
        }
    }

    /** Counts what will be copied (metadata only), so the progress line can show the size of the work. */
    private static void count(ViewTarget target, String viewPath, AtomicLongArray counted) {
        try (Stream<FileEntry> walk = target.view().walk(viewPath)) {
            Iterator<FileEntry> it = walk.iterator();
            while (it.hasNext()) {
                FileEntry e = it.next();
                counted.incrementAndGet(0);
                counted.addAndGet(1, e.type() == FileType.FILE ? e.size() : 0);
            }
        }
    }

    /**
     * The human summary (stderr).
     *
     * @param s the copy's summary
     * @return one line
     */
    static String text(Summary s) {
        return "copied " + s.target() + ":" + s.path() + " to " + s.destination() + ": " + s.files() + " files, "
                + s.folders() + " folders, " + s.links() + " links, " + s.special() + " special nodes, "
                + HumanSize.format(s.bytes()) + " (" + s.bytes() + " bytes)"
                + (s.sidecar() == null ? "" : "; checksums in " + s.sidecar());
    }
}
