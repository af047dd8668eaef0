package io.github.drydock.layout;

import io.github.drydock.json.HostConfigJson;
import io.github.drydock.json.Json;
import io.github.drydock.json.LogEntryJson;
import io.github.drydock.model.Container;
import io.github.drydock.model.DockerStorageException;
import io.github.drydock.model.LogLine;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Spliterators;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads a container's json-file log ({@code <id>-json.log} and its rotations {@code .1}, {@code .2}, …
 * oldest first), one record at a time. Rotations ({@code daemon/logger/jsonfilelog}, 1.8+) are
 * read from the highest number down to {@code .1}, then the live file; a gzip'd rotation
 * ({@code .N.gz}, {@code compress=true}, 18.x+) is decompressed on the fly. One JSON object per line:
 * {@code {"log":"…\n","stream":"stdout","time":"…"}}; a malformed line (a crash cuts the last one)
 * or a line over {@link #MAX_LINE_BYTES} is skipped, never fatal.
 */
public final class LogReader {
    /** Longer lines are skipped: Docker itself splits log messages at 16 KiB. */
    public static final int MAX_LINE_BYTES = 16 * 1024 * 1024;
    /** The log driver Docker uses when none is configured. */
    static final String JSON_FILE = "json-file";
    private static final String GZ = ".gz";

    private LogReader() {
    }

    /**
     * Streams the log, oldest record first. Caller closes; files are opened one at a time as the
     * stream reaches them and closed with it. An I/O failure while streaming is thrown as an
     * {@link UncheckedIOException} wrapping a {@link DockerStorageException} naming the file.
     *
     * @param container the container
     * @return the records
     * @throws DockerStorageException when the container has no readable json-file log; the message
     *                                names the expected file and the log driver when it is not json-file
     */
    public static Stream<LogLine> lines(Container container) throws DockerStorageException {
        Path log = container.logPath();
        if (log == null || !Files.isRegularFile(log, LinkOption.NOFOLLOW_LINKS)) {
            throw noLog(container, log);
        }
        Records records = new Records(files(log));
        return StreamSupport.stream(records, false).onClose(records::close);
    }

    /** Rotations from the oldest ({@code .N}) down to {@code .1}, then the live file. */
    static List<Path> files(Path log) throws DockerStorageException {
        String base = Pattern.quote(log.getFileName().toString());
        Pattern rotation = Pattern.compile(base + "\\.(\\d{1,9})(" + Pattern.quote(GZ) + ")?");
        Map<Integer, Path> byNumber = new TreeMap<>(Comparator.reverseOrder());
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(log.getParent())) {
            for (Path entry : entries) {
                Matcher m = rotation.matcher(entry.getFileName().toString());
                if (m.matches() && Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
                    // plain .N wins over .N.gz: the daemon compresses into a new file, then removes the plain one
                    byNumber.merge(Integer.parseInt(m.group(1)), entry, (a, b) -> a.toString().endsWith(GZ) ? b : a);
                }
            }
        } catch (IOException e) {
            throw new DockerStorageException("cannot list log rotations beside " + log + ": "
                    + MetadataFile.describe(e), log, e);
        }
        List<Path> files = new ArrayList<>(byNumber.values());
        files.add(log);
        return files;
    }

    private static DockerStorageException noLog(Container container, Path log) {
        Path folder = container.source() == null ? null : container.source().getParent();
        Path standard = folder == null ? null : folder.resolve(container.id() + ContainerStore.LOG_SUFFIX);
        Path expected = log != null ? log : standard;
        String driver = logDriver(folder);
        String what = "container " + container.shortId() + (container.name() == null ? "" : " " + container.name());
        if (driver != null && !driver.equals(JSON_FILE)) {
            return new DockerStorageException("no json-file log for " + what + ": " + expected
                    + " is missing; it logged with the '" + driver + "' driver, whose records are not kept in the Docker root", expected);
        }
        String state = expected != null && Files.exists(expected, LinkOption.NOFOLLOW_LINKS)
                ? " is not a regular file: not opened" : " is missing";
        return new DockerStorageException("no json-file log for " + what + ": " + expected + state, expected);
    }

    /** The {@code LogConfig.Type} of the container's hostconfig, or null when unknown. */
    private static String logDriver(Path folder) {
        if (folder == null) {
            return null;
        }
        try {
            Path file = folder.resolve(ContainerStore.HOST_CONFIG);
            HostConfigJson host = MetadataFile.readOrThrow(file, HostConfigJson.class);
            return host.logConfig() == null ? null : ContainerMounts.blankToNull(host.logConfig().type());
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Walks the files in order, one open at a time. */
    private static final class Records extends Spliterators.AbstractSpliterator<LogLine> {
        private final List<Path> files;
        private int next;
        private Path current;
        private LineReader reader;

        Records(List<Path> files) {
            super(Long.MAX_VALUE, ORDERED | NONNULL);
            this.files = files;
        }

        @Override
        public boolean tryAdvance(Consumer<? super LogLine> action) {
            try {
                while (true) {
                    if (reader == null && !openNext()) {
                        return false;
                    }
                    byte[] line = nextLine();
                    if (line == null) {
                        closeCurrent();
                        continue;
                    }
                    LogLine record = parse(line);
                    if (record != null) {
                        action.accept(record);
                        return true;
                    }
                }
            } catch (IOException e) {
                close();
                throw new UncheckedIOException(new DockerStorageException("cannot read log " + current + ": "
                        + MetadataFile.describe(e), current, e));
            }
        }

        /**
         * A rotation compressed while the daemon died ends in a cut gzip stream: what was decoded
         * is kept and reading goes on with the next file.
         */
        private byte[] nextLine() throws IOException {
            try {
                return reader.next();
            } catch (EOFException | ZipException e) {
                if (current.toString().endsWith(GZ)) {
                    return null;
                }
                throw e;
            }
        }

        private boolean openNext() throws IOException {
            while (next < files.size()) {
                current = files.get(next++);
                InputStream in = new BufferedInputStream(Files.newInputStream(current, LinkOption.NOFOLLOW_LINKS));
                try {
                    reader = new LineReader(current.toString().endsWith(GZ) ? new GZIPInputStream(in) : in,
                            MAX_LINE_BYTES);
                    return true;
                } catch (EOFException | ZipException e) {
                    in.close(); // an empty or damaged gzip rotation holds nothing readable: next file
                } catch (IOException e) {
                    in.close();
                    throw e;
                }
            }
            return false;
        }

        private void closeCurrent() throws IOException {
            LineReader r = reader;
            reader = null;
            if (r != null) {
                r.close();
            }
        }

        void close() {
            try {
                closeCurrent();
            } catch (IOException e) {
                // closing a read-only file: nothing is lost
            }
            next = files.size();
        }
    }

    /** @return the record, or null when the line is blank or not a json-file record */
    static LogLine parse(byte[] line) {
        try {
            LogEntryJson json = Json.MAPPER.readValue(line, LogEntryJson.class);
            if (json == null || json.log() == null) {
                return null;
            }
            return new LogLine(json.stream(), DockerTime.lenient(json.time()), json.log());
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
