package io.github.drydock.cli;

import io.github.drydock.model.IdLookup;
import io.github.drydock.model.IdMatch;
import io.github.drydock.model.Problem;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/** {@code whois} as a pure function of model records. */
public final class WhoisViews {
    private WhoisViews() {
    }

    /**
     * The {@code --json} document of {@code whois}.
     *
     * @param query     what was asked
     * @param ambiguous true when the matches name several distinct ids
     * @param matches   every match
     * @param problems  the problems found while reading the root
     */
    public record Document(String query, boolean ambiguous, List<IdMatch> matches, List<Problem> problems) {
        /** Copies the lists. */
        public Document {
            Objects.requireNonNull(query, "query");
            matches = List.copyOf(matches);
            problems = List.copyOf(problems);
        }
    }

    /**
     * @param lookup   the answer
     * @param problems the root's problems
     * @return the JSON document
     */
    public static Document document(IdLookup lookup, List<Problem> problems) {
        return new Document(lookup.query(), lookup.ambiguous(), lookup.matches(), problems);
    }

    /**
     * Renders the matches: one row each, full ids (an investigator copies them).
     *
     * @param lookup the answer
     * @param root   the Docker root, to show paths relative to it
     * @return the table
     */
    public static String table(IdLookup lookup, Path root) {
        Table table = new Table("KIND", "ID", "WHAT", "PATH");
        for (IdMatch match : lookup.matches()) {
            String path = match.path() == null ? Text.UNKNOWN : Text.relative(match.path(), root);
            table.row(match.kind().label(), match.id(), match.description(), path);
        }
        return table.render();
    }

    /**
     * @param lookup an ambiguous answer
     * @return the line telling so
     */
    public static String ambiguity(IdLookup lookup) {
        long ids = lookup.matches().stream().map(IdMatch::id).distinct().count();
        return "'" + lookup.query() + "' is the start of " + ids + " different ids: every candidate is listed";
    }
}
