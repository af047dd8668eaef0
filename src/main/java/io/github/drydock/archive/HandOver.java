package io.github.drydock.archive;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The waiting shared by the export's threads (walk, producer, writer): a bounded wait that gives up once
 * the consumer closed the pipeline, never hangs on a thread that died, and keeps an interrupt for the
 * caller instead of losing the item being handed over.
 */
final class HandOver {
    /** How long one wait lasts before the closed flag and the other thread are looked at again. */
    static final long POLL_MILLIS = 50;

    /** One bounded attempt: a result, or null when nothing came within the time. */
    @FunctionalInterface
    interface Attempt<T> {
        T within(long millis) throws InterruptedException;
    }

    private HandOver() {
    }

    /**
     * Repeats {@code attempt} until it gives a result or {@code closed} says stop. An interrupt does not
     * stop it (the other side still waits for what this one hands over); it is kept for the caller.
     *
     * @return the result, or null once closed
     */
    static <T> T await(Attempt<T> attempt, BooleanSupplier closed) {
        boolean interrupted = false;
        try {
            while (!closed.getAsBoolean()) {
                try {
                    T result = attempt.within(POLL_MILLIS);
                    if (result != null) {
                        return result;
                    }
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            return null;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Puts an item into a queue, waiting for room.
     *
     * @return false when closed before there was room
     */
    static boolean offer(BlockingQueue<Object> queue, Object item, BooleanSupplier closed) {
        return await(millis -> queue.offer(item, millis, TimeUnit.MILLISECONDS) ? Boolean.TRUE : null, closed) != null;
    }

    /**
     * Takes the next item a producer thread handed over.
     *
     * @param what the producer, for the message when it died without handing over its end
     * @throws IllegalStateException when interrupted, or when the producer ended and nothing is left
     */
    static Object take(BlockingQueue<Object> queue, Thread producer, String what) {
        try {
            while (true) {
                Object item = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (item != null) {
                    return item;
                }
                if (!producer.isAlive() && queue.isEmpty()) { // it died without its end (out of memory)
                    throw new IllegalStateException(what + " ended without finishing");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + what, e);
        }
    }

    /** Throws what ended a producer thread, unchanged when unchecked; nothing for a normal end (null). */
    static void rethrowUnchecked(Throwable failure) {
        if (failure == null) {
            return;
        }
        if (failure instanceof RuntimeException r) {
            throw r;
        }
        if (failure instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException(failure);
    }
}
