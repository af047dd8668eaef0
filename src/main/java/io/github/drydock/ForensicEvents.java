package io.github.drydock;

import io.github.drydock.model.Container;
import io.github.drydock.model.ContainerState;
import io.github.drydock.model.DockerStorageException;
import io.github.drydock.model.Image;
import io.github.drydock.model.LogLine;
import io.github.drydock.model.Problem;
import io.github.drydock.model.TimelineEvent;
import io.github.drydock.model.Volume;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Docker's own events, from recorded metadata: image created, container created, started and finished
 * (with its exit code), the first and last record of each json-file log, volume created. A log is
 * streamed once, keeping only its first and last record times.
 */
final class ForensicEvents {
    /** Go's zero time and anything before the epoch mean "never" in Docker's records. */
    private static final Instant NEVER = Instant.EPOCH;
    private static final int SHORT_ID = 12;

    private final List<TimelineEvent> events = new ArrayList<>();
    private final List<Problem> problems = new ArrayList<>();

    /**
     * Collects every event of a root, oldest first.
     *
     * @param root the root
     */
    ForensicEvents(DockerRoot root) {
        root.images().forEach(this::image);
        for (Container container : root.containers()) {
            container(container);
            log(root, container);
        }
        for (Volume volume : root.volumes()) {
            add(volume.created(), "volume created " + volume.name());
        }
        events.sort(Comparator.comparing(TimelineEvent::time).thenComparing(TimelineEvent::description));
    }

    /** @return the events, oldest first */
    List<TimelineEvent> events() {
        return List.copyOf(events);
    }

    /** @return logs that could not be read */
    List<Problem> problems() {
        return List.copyOf(problems);
    }

    private void image(Image image) {
        List<String> tags = image.repoTags().stream().sorted().toList();
        String names = tags.isEmpty() ? "<none>" : String.join(" ", tags);
        add(image.created(), "image created " + names + " (sha256:" + shortId(image.id()) + ")");
    }

    private void container(Container container) {
        String who = name(container);
        add(container.created(), "container created " + who + " (" + container.shortId() + ")");
        ContainerState state = container.state();
        if (state != null) {
            add(state.startedAt(), "container started " + who);
            add(state.finishedAt(), "container finished " + who + " (exit " + state.exitCode() + ")");
        }
    }

    /** First and last record of the json-file log; a container that never ran has none, and that is fine. */
    private void log(DockerRoot root, Container container) {
        if (container.logPath() == null || !Files.exists(container.logPath(), LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        LogLine first = null;
        LogLine last = null;
        try (Stream<LogLine> lines = root.logs(container)) {
            for (Iterator<LogLine> it = lines.iterator(); it.hasNext(); ) {
                LogLine line = it.next();
                if (line.time() != null) {
                    first = first == null ? line : first;
                    last = line;
                }
            }
        } catch (DockerStorageException e) {
            problems.add(new Problem(String.valueOf(e.path().orElse(container.logPath())), e.getMessage()));
        } catch (UncheckedIOException e) {
            problems.add(new Problem(String.valueOf(container.logPath()), "cannot read the log of container "
                    + container.shortId() + ": "
                    + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage())));
        }
        if (first != null) {
            add(first.time(), "container log first line " + name(container) + " (" + first.stream() + ")");
            add(last.time(), "container log last line " + name(container) + " (" + last.stream() + ")");
        }
    }

    private void add(Instant time, String description) {
        if (time != null && time.isAfter(NEVER)) {
            events.add(new TimelineEvent(time, description));
        }
    }

    private static String name(Container container) {
        return container.name() != null && !container.name().isEmpty() ? container.name() : container.shortId();
    }

    private static String shortId(String id) {
        return id.length() > SHORT_ID ? id.substring(0, SHORT_ID) : id;
    }
}
