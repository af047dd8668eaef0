package io.github.drydock.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import io.github.drydock.model.LogLine;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.OptionalLong;

/**
 * Writes json-file log records as {@code docker logs} does, one record at a time so a log of any
 * size streams through: stdout records to stdout, stderr records to stderr, text verbatim (records
 * carry their own newline), {@code --timestamps} prefixing Docker's fixed nine-digit RFC 3339 time.
 */
public final class LogViews {
    private static final String STDERR = "stderr";

    private LogViews() {
    }

    /**
     * Keeps only the last {@code count} records, holding at most that many in memory.
     *
     * @param records the records, oldest first
     * @param count   how many to keep; empty keeps all
     * @return the kept records, oldest first
     */
    public static Iterator<LogLine> tail(Iterator<LogLine> records, OptionalLong count) {
        if (count.isEmpty()) {
            return records;
        }
        long keep = count.getAsLong();
        Deque<LogLine> last = new ArrayDeque<>();
        while (records.hasNext()) {
            LogLine line = records.next();
            if (keep == 0) {
                continue;
            }
            if (last.size() == keep) {
                last.removeFirst();
            }
            last.addLast(line);
        }
        return last.iterator();
    }

    /**
     * Writes records as text.
     *
     * @param records    the records, oldest first
     * @param out        receives stdout records
     * @param err        receives stderr records
     * @param timestamps true to prefix each record with its time and a space
     */
    public static void writeText(Iterator<LogLine> records, PrintStream out, PrintStream err, boolean timestamps) {
        PrintStream previous = out;
        while (records.hasNext()) {
            LogLine line = records.next();
            PrintStream target = STDERR.equals(line.stream()) ? err : out;
            // The two streams are buffered separately: flush on a switch so a terminal keeps the order.
            if (target != previous) {
                previous.flush();
                previous = target;
            }
            if (timestamps) {
                target.print(Text.logTime(line.time()) + " ");
            }
            target.print(line.text() == null ? "" : line.text());
        }
        out.flush();
        err.flush();
    }

    /**
     * Writes records as one JSON array of {@code {"stream", "time", "text"}} objects. The array is
     * closed even when reading fails half-way (the failure is rethrown).
     *
     * @param records the records, oldest first
     * @param out     where to write
     */
    public static void writeJson(Iterator<LogLine> records, PrintStream out) {
        try (JsonGenerator json = CliJson.generator(out)) {
            json.writeStartArray();
            while (records.hasNext()) {
                json.writeObject(records.next());
            }
            json.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write JSON output", e);
        }
        out.print("\n");
        out.flush();
    }
}
