package io.github.drydock.cli;

import io.github.drydock.model.Problem;

import java.util.List;
import java.util.Objects;

/**
 * The {@code --json} document of every listing command: {@code {"items": [...], "problems": [...]}}.
 *
 * @param items    the model records listed (images, containers, volumes, history steps)
 * @param problems the problems found while reading the root
 */
public record Listing(List<?> items, List<Problem> problems) {
    /** Copies both lists defensively. */
    public Listing {
        items = List.copyOf(Objects.requireNonNull(items, "items"));
        problems = List.copyOf(Objects.requireNonNull(problems, "problems"));
    }
}
