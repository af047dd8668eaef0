package io.github.drydock.model;

import java.util.List;

/** A short id or prefix matched more than one object; the candidates are listed. */
public class AmbiguousReferenceException extends DockerStorageException {
    private final transient List<String> candidates;

    /**
     * @param reference  what the user asked for
     * @param candidates the full ids it matches
     */
    public AmbiguousReferenceException(String reference, List<String> candidates) {
        super("ambiguous reference '" + reference + "' matches " + candidates.size() + ": "
                + String.join(", ", candidates), null);
        this.candidates = List.copyOf(candidates);
    }

    /** @return the full ids the reference matches */
    public List<String> candidates() {
        return candidates;
    }
}
