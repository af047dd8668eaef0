package io.github.drydock.layout;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Function;

/**
 * Runs the per-item reads of a big root on a few threads. Reading metadata is thousands of tiny
 * files: the time goes into system calls and, on a cold disk, into waiting for it, so more threads
 * than cores still help. Results keep the order of the input.
 *
 * <p>Every chunk of work counts a latch down in a {@code finally}, and records what it threw in a slot
 * allocated beforehand: under memory pressure an {@link OutOfMemoryError} in a worker must come out of
 * {@link #map} as itself. (A parallel stream on a ForkJoinPool lost such a task when handling the error
 * needed memory too, and the caller then waited for it forever: {@code drydock info} with
 * {@code -Xmx64m} on a root of 10,000 images hung.)
 */
final class ModernParallel {
    /** Below this many items the thread hand-off costs more than it saves. */
    private static final int SEQUENTIAL_BELOW = 64;
    private static final int THREADS = Math.min(8, Math.max(2, 2 * Runtime.getRuntime().availableProcessors()));
    private static final int CHUNKS_PER_THREAD = 4;

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
     * @throws Error            what a worker threw (e.g. {@link OutOfMemoryError}), as itself
     * @throws RuntimeException what a worker threw
     */
    static <T, R> List<R> map(List<T> items, Function<T, R> function) {
        if (items.size() < SEQUENTIAL_BELOW) {
            return items.stream().map(function).toList();
        }
        int chunks = Math.min(items.size(), THREADS * CHUNKS_PER_THREAD);
        Object[] results = new Object[items.size()];
        AtomicReferenceArray<Throwable> failures = new AtomicReferenceArray<>(chunks);
        CountDownLatch done = new CountDownLatch(chunks);
        AtomicInteger next = new AtomicInteger();
        // workers (and the caller) take chunk numbers from a counter: a chunk is never left in a queue that
        // a dead worker would have drained, and the caller alone finishes the work if no thread starts
        Runnable worker = () -> {
            for (int c = next.getAndIncrement(); c < chunks; c = next.getAndIncrement()) {
                runChunk(items, function, results, failures, done, c, chunks);
            }
        };
        ExecutorService pool = Executors.newFixedThreadPool(THREADS - 1, r -> {
            Thread t = new Thread(r, "drydock-metadata");
            t.setDaemon(true);
            return t;
        });
        try {
            for (int t = 0; t < THREADS - 1; t++) {
                try {
                    pool.execute(worker);
                } catch (RuntimeException | Error e) {
                    break; // no thread could be started: the caller does the rest
                }
            }
            worker.run();
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading image metadata", e);
        } finally {
            pool.shutdownNow();
        }
        rethrowFirst(failures);
        @SuppressWarnings("unchecked")
        List<R> list = (List<R>) Collections.unmodifiableList(Arrays.asList(results));
        return list;
    }

    private static <T, R> void runChunk(List<T> items, Function<T, R> function, Object[] results,
                                        AtomicReferenceArray<Throwable> failures, CountDownLatch done, int c,
                                        int chunks) {
        try {
            int from = (int) ((long) items.size() * c / chunks);
            int to = (int) ((long) items.size() * (c + 1) / chunks);
            for (int i = from; i < to; i++) {
                results[i] = function.apply(items.get(i));
            }
        } catch (Throwable t) {
            failures.set(c, t); // no allocation: safe even when the heap is full
        } finally {
            done.countDown();
        }
    }

    private static void rethrowFirst(AtomicReferenceArray<Throwable> failures) {
        for (int c = 0; c < failures.length(); c++) {
            Throwable t = failures.get(c);
            if (t instanceof Error e) {
                throw e;
            }
            if (t instanceof RuntimeException r) {
                throw r;
            }
            if (t != null) {
                throw new IllegalStateException(t);
            }
        }
    }
}
