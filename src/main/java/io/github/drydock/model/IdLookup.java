package io.github.drydock.model;

import java.util.List;
import java.util.Objects;

/**
 * The answer of a reverse id lookup ({@code drydock whois}).
 *
 * @param query     what was asked, as typed
 * @param matches   every match, exact ones only when there are any, else every prefix match
 * @param ambiguous true when the matches name more than one distinct id (a prefix of several)
 */
public record IdLookup(String query, List<IdMatch> matches, boolean ambiguous) {
    /** Validates and copies the matches. */
    public IdLookup {
        Objects.requireNonNull(query, "query");
        matches = List.copyOf(matches);
    }

    /** @return true when nothing matched */
    public boolean empty() {
        return matches.isEmpty();
    }
}
