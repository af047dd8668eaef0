package io.github.drydock.layout;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the 1.10+ readers report damage. {@link RootContext#problem} is one; a {@link Buffer} keeps
 * the problems of one item read on another thread so they reach the context in a stable order.
 */
@FunctionalInterface
interface ModernProblems {
    /**
     * Records damage to one item.
     *
     * @param path    the damaged file
     * @param message what is wrong with it
     */
    void problem(Path path, String message);

    /** Problems held back until {@link #flushTo}. Not thread-safe: one buffer per item. */
    final class Buffer implements ModernProblems {
        private final List<Path> paths = new ArrayList<>(0);
        private final List<String> messages = new ArrayList<>(0);

        @Override
        public void problem(Path path, String message) {
            paths.add(path);
            messages.add(message);
        }

        /** Passes every held problem on, in the order it was found. */
        void flushTo(ModernProblems sink) {
            for (int i = 0; i < paths.size(); i++) {
                sink.problem(paths.get(i), messages.get(i));
            }
        }
    }
}
