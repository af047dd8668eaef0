package io.github.drydock.archive;

import com.fasterxml.jackson.core.JsonGenerator;
import io.github.drydock.json.Json;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;

/**
 * Writes the timeline as JSON Lines: one object per row with the keys of {@link TimelineSink#COLUMNS},
 * {@code \n}-terminated, UTF-8. Times are ISO-8601 UTC strings with the recorded precision, or null.
 */
final class TimelineJsonl implements TimelineSink {
    private static final String NO_MD5 = "0";

    private final JsonGenerator json;

    TimelineJsonl(OutputStream out) throws IOException {
        this.json = Json.MAPPER.getFactory().createGenerator(out);
        this.json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        this.json.setRootValueSeparator(null);
    }

    @Override
    public void row(TimelineRow row) throws IOException {
        json.writeStartObject();
        json.writeStringField(COLUMNS.get(0), NO_MD5);
        json.writeStringField(COLUMNS.get(1), row.name());
        json.writeNumberField(COLUMNS.get(2), row.inode());
        json.writeStringField(COLUMNS.get(3), row.mode());
        json.writeNumberField(COLUMNS.get(4), row.uid());
        json.writeNumberField(COLUMNS.get(5), row.gid());
        json.writeNumberField(COLUMNS.get(6), row.size());
        time(COLUMNS.get(7), row.atime());
        time(COLUMNS.get(8), row.mtime());
        time(COLUMNS.get(9), row.ctime());
        time(COLUMNS.get(10), row.crtime());
        json.writeEndObject();
        json.writeRaw('\n');
    }

    @Override
    public void finish() throws IOException {
        json.flush();
    }

    private void time(String key, Instant time) throws IOException {
        if (time == null) {
            json.writeNullField(key);
        } else {
            json.writeStringField(key, time.toString());
        }
    }
}
