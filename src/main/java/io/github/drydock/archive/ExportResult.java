package io.github.drydock.archive;

import io.github.drydock.model.Problem;

import java.util.List;

/**
 * What a tar export wrote.
 *
 * @param entries  number of members written
 * @param bytes    file content bytes written
 * @param skipped  view paths left out on purpose (sockets: tar has no form for them)
 * @param problems what went wrong on the way: the view's problems, then entries that could not be written
 */
public record ExportResult(long entries, long bytes, List<String> skipped, List<Problem> problems) {
    /** Copies lists defensively. */
    public ExportResult {
        skipped = List.copyOf(skipped);
        problems = List.copyOf(problems);
    }
}
