package io.github.drydock.cli;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import io.github.drydock.json.Json;
import io.github.drydock.model.FileEntry;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The CLI's JSON output: the shared {@link Json#MAPPER} configuration, pretty-printed, with paths
 * written as plain strings (Jackson's default for {@link Path} is a {@code file://} URI, which
 * scripts would have to decode), times as ISO-8601 UTC strings, and records as their components only.
 */
public final class CliJson {
    /** The output mapper: a copy of the shared one, so its settings stay untouched. */
    public static final ObjectMapper MAPPER = Json.MAPPER.copy()
            .registerModule(new SimpleModule("drydock-cli").addSerializer(Path.class, ToStringSerializer.instance))
            .addMixIn(FileEntry.class, RecordComponentsOnly.class)
            .enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectWriter WRITER = MAPPER.writer().without(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    private CliJson() {
    }

    /** Keeps a file entry's convenience getters ({@code isRoot()}, {@code isDirectory()}) out of the JSON. */
    @JsonIgnoreProperties({"root", "directory"})
    private interface RecordComponentsOnly {
    }

    /**
     * Writes one JSON document and a newline; never closes the stream.
     *
     * @param document what to write
     * @param out      where to
     */
    public static void write(Object document, OutputStream out) {
        try {
            WRITER.writeValue(out, document);
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write JSON output", e);
        }
    }

    /**
     * Opens a generator for output written piece by piece (a long log); the caller closes it, which
     * flushes but does not close {@code out}.
     *
     * @param out where to write
     * @return the generator
     * @throws IOException when it cannot be created
     */
    public static JsonGenerator generator(OutputStream out) throws IOException {
        JsonGenerator generator = MAPPER.getFactory().createGenerator(out);
        generator.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        generator.useDefaultPrettyPrinter();
        return generator;
    }
}
