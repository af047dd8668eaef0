package io.github.drydock.fuzz;

/** How long each target is fuzzed under {@code mvn -Pfuzz test} (a constant: annotations need one). */
final class FuzzDurations {
    /** Per target: ten targets make about six minutes with JVM start-up. */
    static final String PER_TARGET = "30s";

    private FuzzDurations() {
    }
}
