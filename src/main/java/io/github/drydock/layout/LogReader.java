package io.github.drydock.layout;

import io.github.drydock.model.Container;
import io.github.drydock.model.DockerStorageException;
import io.github.drydock.model.LogLine;

import java.util.stream.Stream;

/**
 * Reads a container's json-file log ({@code <id>-json.log} and its rotations {@code .1}, {@code .2}, …
 * oldest first), one record at a time.
 */
public final class LogReader {
    private LogReader() {
    }

    /**
     * Streams the log, oldest record first. Caller closes.
     *
     * @param container the container
     * @return the records
     * @throws DockerStorageException when the container has no readable log
     */
    public static Stream<LogLine> lines(Container container) throws DockerStorageException {
        throw new DockerStorageException("logs are not implemented yet", container.logPath());
    }
}
