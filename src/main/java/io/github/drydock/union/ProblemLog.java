package io.github.drydock.union;

import io.github.drydock.model.Problem;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The problems a view met so far, each once, in the order met. */
final class ProblemLog {
    private final Set<Problem> problems = new LinkedHashSet<>();
    private final Set<String> onceKeys = new HashSet<>();

    void add(Problem problem) {
        problems.add(problem);
    }

    void addAll(List<Problem> list) {
        problems.addAll(list);
    }

    void add(String path, String message) {
        problems.add(new Problem(path, message));
    }

    /** Adds a problem only the first time its key is seen (one report per layer, not per file). */
    void once(String key, String path, String message) {
        if (onceKeys.add(key)) {
            add(path, message);
        }
    }

    List<Problem> snapshot() {
        return List.copyOf(new ArrayList<>(problems));
    }
}
