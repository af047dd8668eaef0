package io.github.drydock.cli;

import io.github.drydock.model.Problem;

import java.util.List;

/** The exit codes scripts rely on. */
public final class ExitCodes {
    /** Success; problems may have been reported. */
    public static final int OK = 0;
    /** The thing asked for cannot be produced (unknown or ambiguous reference, unreadable root, no log), or {@code --strict} with problems. */
    public static final int FAILED = 1;
    /** Usage error: unknown command or option, missing or malformed argument. */
    public static final int USAGE = 2;

    private ExitCodes() {
    }

    /**
     * The exit code of a command whose output was produced.
     *
     * @param problems the problems it reported
     * @param strict   true when {@code --strict} was given
     * @return {@link #FAILED} when strict and any problem was reported, else {@link #OK}
     */
    public static int afterOutput(List<?> problems, boolean strict) {
        return strict && !problems.isEmpty() ? FAILED : OK;
    }

    /**
     * The problems that concern one object: their path or message names its id.
     *
     * @param problems every problem of the root
     * @param id       the object's full 64-hex id
     * @return the problems about it, in order
     */
    public static List<Problem> about(List<Problem> problems, String id) {
        String shortId = Text.shortId(id);
        return problems.stream()
                .filter(p -> p.path().contains(id) || p.message().contains(shortId))
                .toList();
    }
}
