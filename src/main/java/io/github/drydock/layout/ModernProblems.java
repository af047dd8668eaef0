package io.github.drydock.layout;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where the 1.10+ readers report damage. {@link RootContext#problem} is one; {@link Collected} gathers
 * the problems of a phase read on several threads and hands them on sorted by path, so that the
 * order does not depend on thread timing.
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

    /** A thread-safe collection of problems, passed on in a stable order by {@link #flushTo}. */
    final class Collected implements ModernProblems {
        private final ConcurrentLinkedQueue<Found> found = new ConcurrentLinkedQueue<>();
        private final AtomicLong sequence = new AtomicLong();

        @Override
        public void problem(Path path, String message) {
            found.add(new Found(path, message, sequence.getAndIncrement()));
        }

        /**
         * Passes every problem on, sorted by path, then in the order found, and forgets them.
         *
         * @param sink where they go
         */
        void flushTo(ModernProblems sink) {
            List<Found> sorted = new ArrayList<>(found);
            found.clear();
            sorted.sort(Comparator.comparing((Found f) -> String.valueOf(f.path())).thenComparingLong(Found::sequence));
            sorted.forEach(f -> sink.problem(f.path(), f.message()));
        }
    }

    /**
     * The problems of one item, kept to be passed on later in the order they were found: an image's
     * config is digested on a worker thread as soon as it is read (so that no parsed config outlives
     * its own read), while its problems must still come out where a sequential read reported them.
     * Holds nothing until the first problem: most items have none.
     */
    final class Later implements ModernProblems {
        private List<Found> found;

        @Override
        public void problem(Path path, String message) {
            if (found == null) {
                found = new ArrayList<>(2);
            }
            found.add(new Found(path, message, found.size()));
        }

        /**
         * Passes every problem on, in the order found.
         *
         * @param sink where they go
         */
        void replayTo(ModernProblems sink) {
            if (found != null) {
                found.forEach(f -> sink.problem(f.path(), f.message()));
            }
        }

        /** @return true when nothing was recorded */
        boolean isEmpty() {
            return found == null;
        }
    }

    /** One problem as found; {@code sequence} keeps the order of one thread's problems on one path. */
    record Found(Path path, String message, long sequence) {
    }
}
