package io.github.drydock.layout;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Hands out one shared instance per distinct value while a root is read. Images built on the same
 * base repeat that base's history steps, run-time defaults and ids word for word: on a root of 10,000
 * images most {@code HistoryEntry} records, environment lists and id strings are copies. Values
 * deduplicated here are immutable (records, strings, immutable lists and maps), so sharing them is
 * invisible to callers; only the memory differs. Safe for several threads; forgotten with the reader.
 */
final class Dedup {
    private final ConcurrentHashMap<Object, Object> seen = new ConcurrentHashMap<>();

    /**
     * @param value an immutable value, or null
     * @param <T>   its type
     * @return the first instance seen equal to {@code value}, or {@code value} itself; null for null
     */
    @SuppressWarnings("unchecked")
    <T> T of(T value) {
        if (value == null) {
            return null;
        }
        Object first = seen.putIfAbsent(value, value);
        return first == null ? value : (T) first;
    }
}
