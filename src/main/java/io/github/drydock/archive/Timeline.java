package io.github.drydock.archive;

import io.github.drydock.driver.NodeInspector;
import io.github.drydock.model.Problem;
import io.github.drydock.model.TimelineEvent;

import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;

/**
 * Writes a file-system timeline of a Docker root: Docker's own events first (oldest first), then every
 * entry of every folder given, folder by folder, each row written as soon as it is read. Each folder is
 * walked on its own ({@link Files#walkFileTree}, symlinks never followed, special files only
 * {@code lstat}ed, never opened), so a file hidden by an upper layer or deleted in a container still
 * shows up, under the layer that holds it.
 *
 * <p>Events carry their time in atime, mtime and ctime (crtime 0), so {@code mactime} shows them as
 * {@code mac.}; files carry their own times. Damage to one folder or entry becomes a problem and the
 * walk goes on; a failure of the output stops it.
 */
public final class Timeline {
    private final NodeInspector inspector;

    /**
     * @param inspector reads {@code lstat} facts ({@link NodeInspector#system()} for the real disk)
     */
    public Timeline(NodeInspector inspector) {
        this.inspector = Objects.requireNonNull(inspector, "inspector");
    }

    /**
     * What a timeline run did.
     *
     * @param rows     rows written
     * @param problems folders or entries that could not be read
     */
    public record Result(long rows, List<Problem> problems) {
        /** Copies the list. */
        public Result {
            problems = List.copyOf(problems);
        }
    }

    /**
     * Writes the timeline.
     *
     * @param events  Docker's events
     * @param folders the folders to walk, in order
     * @param sink    where rows go; finished (flushed) at the end, never closed
     * @return the number of rows and the problems met
     * @throws IOException when the output fails
     */
    public Result write(List<TimelineEvent> events, List<TimelineFolder> folders, TimelineSink sink)
            throws IOException {
        long rows = 0;
        for (TimelineEvent event : events) {
            sink.row(eventRow(event));
            rows++;
        }
        List<Problem> problems = new ArrayList<>();
        for (TimelineFolder folder : folders) {
            rows += walk(folder, sink, problems);
        }
        sink.finish();
        return new Result(rows, problems);
    }

    /**
     * The row of an event: its time in atime, mtime and ctime, as bodyfile tools expect for non-file
     * records; no inode, no owner, no size.
     *
     * @param event the event
     * @return its row
     */
    public static TimelineRow eventRow(TimelineEvent event) {
        return new TimelineRow(event.name(), 0, TimelineRow.EVENT_MODE, 0, 0, 0, event.time(), event.time(),
                event.time(), null);
    }

    private long walk(TimelineFolder folder, TimelineSink sink, List<Problem> problems) throws IOException {
        if (!Files.isDirectory(folder.content(), LinkOption.NOFOLLOW_LINKS)) {
            problems.add(new Problem(folder.content().toString(), "cannot list " + folder.prefix()
                    + " for the timeline: " + folder.content() + " is not a folder"));
            return 0;
        }
        TimelineWalker walker = new TimelineWalker(folder, inspector, sink, problems);
        try {
            Files.walkFileTree(folder.content(), EnumSet.noneOf(FileVisitOption.class), Integer.MAX_VALUE, walker);
        } catch (TimelineWalker.OutputFailure e) {
            throw e.getCause();
        } catch (IOException | RuntimeException e) {
            problems.add(new Problem(folder.content().toString(), "cannot walk " + folder.prefix()
                    + " for the timeline: " + folder.content() + ": " + e.getMessage()));
        }
        return walker.rows();
    }
}
