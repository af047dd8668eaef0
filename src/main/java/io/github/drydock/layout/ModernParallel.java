package io.github.drydock.layout;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Function;

/**
 * Runs the per-item reads of a big root on a few threads. Reading metadata is thousands of tiny
 * files: the time goes into system calls and, on a cold disk, into waiting for it, so more threads
 * than cores still help. Results keep the order of the input.
 */
final class ModernParallel {
    /** Below this many items the thread hand-off costs more than it saves. */
    private static final int SEQUENTIAL_BELOW = 64;
    private static final int THREADS = Math.min(8, Math.max(2, 2 * Runtime.getRuntime().availableProcessors()));

    private ModernParallel() {
    }

    /**
     * Maps every item, in parallel when there are many.
     *
     * @param items    the inputs
     * @param function a function that never throws for bad input (it reports problems instead)
     * @param <T>      input type
     * @param <R>      result type
     * @return the results, in input order
     */
    static <T, R> List<R> map(List<T> items, Function<T, R> function) {
        if (items.size() < SEQUENTIAL_BELOW) {
            return items.stream().map(function).toList();
        }
        ForkJoinPool pool = new ForkJoinPool(THREADS);
        try {
            return pool.submit(() -> items.parallelStream().map(function).toList()).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading image metadata", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdown();
        }
    }
}
