package io.github.drydock.cli;

import io.github.drydock.model.Container;
import io.github.drydock.model.ContainerState;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** {@code containers} ({@code ps}) as pure functions of model records. */
public final class ContainerViews {
    /** {@code docker ps} cuts COMMAND at this many characters unless {@code --no-trunc}. */
    public static final int COMMAND_WIDTH = 20;
    /** Appended to a state that was live when the disk was copied: nothing is running now. */
    public static final String AT_COPY_TIME = "(at copy time)";
    /** Newest first, as {@code docker ps -a}; unknown times last; then by id. */
    static final Comparator<Container> NEWEST_FIRST = Comparator
            .comparing((Container c) -> c.created() == null ? Instant.MIN : c.created()).reversed()
            .thenComparing(Container::id);

    private ContainerViews() {
    }

    /**
     * @param containers every container
     * @return the same, newest first
     */
    public static List<Container> sorted(List<Container> containers) {
        return containers.stream().sorted(NEWEST_FIRST).toList();
    }

    /**
     * Renders the {@code ps} table.
     *
     * @param containers the containers, in order
     * @param noTrunc    true for full ids and commands
     * @return the table
     */
    public static String table(List<Container> containers, boolean noTrunc) {
        Table table = new Table("CONTAINER ID", "IMAGE", "COMMAND", "CREATED", "STATUS", "NAMES");
        for (Container c : containers) {
            String command = command(c);
            if (!noTrunc) {
                command = Text.truncate(command, COMMAND_WIDTH);
            }
            table.row(noTrunc ? c.id() : c.shortId(), image(c, noTrunc), Text.quote(command),
                    Text.time(c.created()), status(c.state()), Text.containerName(c.name()));
        }
        return table.render();
    }

    /**
     * @param c a container
     * @return the image name the user typed, else the (short) image id, else {@code <none>}
     */
    static String image(Container c, boolean noTrunc) {
        if (c.imageRef() != null && !c.imageRef().isBlank()) {
            return c.imageRef();
        }
        if (c.imageId() != null) {
            return noTrunc ? c.imageId() : Text.shortId(c.imageId());
        }
        return ImageViews.NONE;
    }

    /**
     * @param c a container
     * @return its entry program and arguments joined by spaces, as {@code docker ps} shows them
     */
    static String command(Container c) {
        List<String> words = new ArrayList<>();
        if (c.path() != null && !c.path().isEmpty()) {
            words.add(c.path());
        }
        words.addAll(c.args());
        return String.join(" ", words);
    }

    /**
     * The STATUS column. Times are absolute; a state that was live is marked {@value #AT_COPY_TIME},
     * since on an offline copy nothing runs any more.
     *
     * @param state the recorded state, or null
     * @return e.g. {@code Exited (3) 2015-04-01 12:00:00}, {@code Created}, {@code Up (at copy time)}
     */
    public static String status(ContainerState state) {
        if (state == null || state.status() == null) {
            return "Unknown";
        }
        return switch (state.status()) {
            case "created" -> "Created";
            case "running" -> "Up " + AT_COPY_TIME;
            case "paused" -> "Up (Paused) " + AT_COPY_TIME;
            case "restarting" -> "Restarting (" + state.exitCode() + ") " + AT_COPY_TIME;
            case "dead" -> "Dead";
            case "exited" -> exited(state);
            default -> state.status();
        };
    }

    private static String exited(ContainerState state) {
        String finished = Text.time(state.finishedAt());
        return "Exited (" + state.exitCode() + ")" + (finished.equals(Text.UNKNOWN) ? "" : " " + finished);
    }
}
