package io.github.drydock.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.drydock.model.LogLine;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LogViewsTest {
    private static final List<LogLine> LOG = List.of(
            new LogLine("stdout", Instant.parse("2015-04-01T12:00:00.000000001Z"), "Initializing database\n"),
            new LogLine("stderr", Instant.parse("2015-04-01T12:00:01.5Z"), "[Warning] no --secure-file-priv\n"),
            new LogLine("stdout", Instant.parse("2015-04-01T12:00:02Z"), "ready for connections.\n"));

    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
    private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

    @Test
    void stdoutAndStderrRecordsGoToTheirOwnStreamsVerbatim() {
        LogViews.writeText(LOG.iterator(), out, err, false);
        assertThat(outBytes.toString(StandardCharsets.UTF_8)).isEqualTo("Initializing database\nready for connections.\n");
        assertThat(errBytes.toString(StandardCharsets.UTF_8)).isEqualTo("[Warning] no --secure-file-priv\n");
    }

    @Test
    void timestampsArePrefixedWithNineFractionDigits() {
        LogViews.writeText(LOG.iterator(), out, err, true);
        assertThat(outBytes.toString(StandardCharsets.UTF_8)).isEqualTo(
                "2015-04-01T12:00:00.000000001Z Initializing database\n"
                        + "2015-04-01T12:00:02.000000000Z ready for connections.\n");
        assertThat(errBytes.toString(StandardCharsets.UTF_8))
                .isEqualTo("2015-04-01T12:00:01.500000000Z [Warning] no --secure-file-priv\n");
    }

    @Test
    void tailKeepsTheLastRecordsOnly() {
        assertThat(list(LogViews.tail(LOG.iterator(), OptionalLong.of(2)))).containsExactly(LOG.get(1), LOG.get(2));
        assertThat(list(LogViews.tail(LOG.iterator(), OptionalLong.of(0)))).isEmpty();
        assertThat(list(LogViews.tail(LOG.iterator(), OptionalLong.of(99)))).containsExactlyElementsOf(LOG);
        assertThat(list(LogViews.tail(LOG.iterator(), OptionalLong.empty()))).containsExactlyElementsOf(LOG);
    }

    @Test
    void tailOfAHugeCountKeepsOnlyWhatExists() {
        Iterator<LogLine> many = IntStream.range(0, 50_000).mapToObj(i -> new LogLine("stdout", null, i + "\n")).iterator();
        List<LogLine> kept = list(LogViews.tail(many, OptionalLong.of(Long.MAX_VALUE)));
        assertThat(kept).hasSize(50_000);
        assertThat(kept.get(49_999).text()).isEqualTo("49999\n");
    }

    @Test
    void jsonIsOneArrayOfRecords() throws Exception {
        LogViews.writeJson(LOG.iterator(), out);
        JsonNode array = CliJson.MAPPER.readTree(outBytes.toByteArray());
        assertThat(array.isArray()).isTrue();
        assertThat(array).hasSize(3);
        assertThat(array.get(1).get("stream").asText()).isEqualTo("stderr");
        assertThat(array.get(1).get("time").asText()).isEqualTo("2015-04-01T12:00:01.500Z");
        assertThat(array.get(1).get("text").asText()).isEqualTo("[Warning] no --secure-file-priv\n");
    }

    @Test
    void jsonArrayIsClosedWhenReadingFailsHalfWay() throws Exception {
        Iterator<LogLine> failing = new Iterator<>() {
            private int n;

            @Override
            public boolean hasNext() {
                if (n == 1) {
                    throw new java.io.UncheckedIOException(new java.io.IOException("truncated record"));
                }
                return true;
            }

            @Override
            public LogLine next() {
                n++;
                return LOG.get(0);
            }
        };
        assertThatThrownBy(() -> LogViews.writeJson(failing, out)).hasMessageContaining("truncated record");
        assertThat(CliJson.MAPPER.readTree(outBytes.toByteArray())).hasSize(1);
    }

    private static List<LogLine> list(Iterator<LogLine> it) {
        List<LogLine> result = new ArrayList<>();
        it.forEachRemaining(result::add);
        return result;
    }
}
