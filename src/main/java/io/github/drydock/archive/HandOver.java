package io.github.drydock.archive;

import io.github.drydock.driver.Threads;

import java.io.IOException;
import java.nio.channels.Channel;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

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

    /**
     * Ends a worker whose queue may hold open files: closes those waiting, waits for the thread to end,
     * then closes those it handed over meanwhile. The caller has told the worker to stop first.
     *
     * @param channelOf the open file an item holds, or null
     */
    static void shutDown(Thread worker, BlockingQueue<Object> queue, Function<Object, Channel> channelOf) {
        closeWaiting(queue, channelOf);
        Threads.awaitEnd(worker);
        closeWaiting(queue, channelOf);
    }

    private static void closeWaiting(BlockingQueue<Object> queue, Function<Object, Channel> channelOf) {
        for (Object item; (item = queue.poll()) != null; ) {
            closeQuietly(channelOf.apply(item));
        }
    }

    /** Closes a file opened for reading only, or null: a failed close of such a file changes nothing. */
    static void closeQuietly(Channel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            // nothing is lost: the file was only read
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
