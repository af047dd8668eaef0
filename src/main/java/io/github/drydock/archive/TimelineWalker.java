package io.github.drydock.archive;

import io.github.drydock.driver.Node;
import io.github.drydock.driver.NodeInspector;
import io.github.drydock.model.FileNames;
import io.github.drydock.model.FileType;
import io.github.drydock.model.Problem;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;

/**
 * Visits one folder for the timeline: one row per entry (the folder itself is {@code /}), written as soon
 * as it is read. Only {@code lstat} is used: no file is opened, no symlink followed.
 */
final class TimelineWalker extends SimpleFileVisitor<Path> {
    private static final String LETTERS = "rwxrwxrwx";

    private final TimelineFolder folder;
    private final NodeInspector inspector;
    private final TimelineSink sink;
    private final List<Problem> problems;
    private long rows;

    /** The output failed: not the evidence's fault, so it ends the whole timeline. */
    static final class OutputFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        OutputFailure(IOException cause) {
            super(cause);
        }

        @Override
        public synchronized IOException getCause() {
            return (IOException) super.getCause();
        }
    }

    TimelineWalker(TimelineFolder folder, NodeInspector inspector, TimelineSink sink, List<Problem> problems) {
        this.folder = folder;
        this.inspector = inspector;
        this.sink = sink;
        this.problems = problems;
    }

    /** @return rows written */
    long rows() {
        return rows;
    }

    @Override
    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
        entry(dir);
        return FileVisitResult.CONTINUE;
    }

    @Override
    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
        entry(file);
        return FileVisitResult.CONTINUE;
    }

    @Override
    public FileVisitResult visitFileFailed(Path file, IOException e) {
        problems.add(new Problem(file.toString(), "cannot read " + name(file) + " for the timeline: "
                + e.getMessage()));
        return FileVisitResult.CONTINUE;
    }

    @Override
    public FileVisitResult postVisitDirectory(Path dir, IOException e) {
        if (e != null) {
            problems.add(new Problem(dir.toString(), "cannot list all of " + name(dir) + " for the timeline: "
                    + e.getMessage()));
        }
        return FileVisitResult.CONTINUE;
    }

    private void entry(Path path) {
        Node node;
        try {
            node = inspector.stat(path);
        } catch (IOException | RuntimeException e) {
            problems.add(new Problem(path.toString(), "cannot stat " + name(path) + " for the timeline: "
                    + e.getMessage()));
            return;
        }
        TimelineRow row = new TimelineRow(name(path), node.inode(), modeString(node.type(), node.mode()), node.uid(),
                node.gid(), node.size(), node.atime(), node.mtime(), node.ctime(), null);
        try {
            sink.row(row);
        } catch (IOException e) {
            throw new OutputFailure(e);
        }
        rows++;
    }

    /** {@code <prefix>:<path inside the folder>}, {@code /}-separated, {@code /} for the folder itself. */
    private String name(Path path) {
        StringBuilder inside = new StringBuilder();
        for (Path part : folder.content().relativize(path)) {
            if (!part.toString().isEmpty()) {
                // a name byte that is not UTF-8 as \xHH: every timeline format is text
                inside.append('/').append(FileNames.display(FileNames.name(part)));
            }
        }
        return folder.prefix() + ":" + (inside.length() == 0 ? "/" : inside.toString());
    }

    /**
     * The mode as {@code ls -l} prints it.
     *
     * @param type the node type
     * @param mode the permission bits ({@code 07777})
     * @return ten characters, e.g. {@code -rwsr-xr-x}, {@code drwxrwxrwt}, {@code crw-rw-rw-}
     */
    static String modeString(FileType type, int mode) {
        char kind = switch (type) {
            case FILE -> '-';
            case DIR -> 'd';
            case SYMLINK -> 'l';
            case CHAR -> 'c';
            case BLOCK -> 'b';
            case FIFO -> 'p';
            case SOCKET -> 's';
        };
        StringBuilder out = new StringBuilder(10).append(kind);
        for (int i = 0; i < 9; i++) {
            out.append((mode & (0400 >> i)) != 0 ? LETTERS.charAt(i) : '-');
        }
        special(out, 3, mode, 04000, 's');
        special(out, 6, mode, 02000, 's');
        special(out, 9, mode, 01000, 't');
        return out.toString();
    }

    private static void special(StringBuilder out, int index, int mode, int bit, char letter) {
        if ((mode & bit) != 0) {
            out.setCharAt(index, out.charAt(index) == 'x' ? letter : Character.toUpperCase(letter));
        }
    }
}
