package io.github.drydock.layout;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DockerTimeTest {
    /** What every recorded time meant before the fast path: the general ISO parser. */
    private static Optional<Instant> general(String text) {
        OffsetDateTime time = OffsetDateTime.parse(text.trim(), DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        return time.getYear() <= 1 ? Optional.empty() : Optional.of(time.toInstant());
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-12-04T19:20:57.898888443Z", "2023-01-06T14:03:00.123456789Z", "2015-03-01T12:00:00Z",
        "2015-03-01T12:00:00.1Z", "2015-03-01T12:00:00.000000001Z", "2024-02-29T23:59:59.999999999Z",
        "2015-03-01T12:00:00+02:00", "2015-03-01T12:00:00.5-07:30", " 2015-03-01T12:00:00Z ",
        "2015-03-01t12:00:00z", "0002-01-01T00:00:00Z", "0001-12-31T23:59:59.999Z", "2023-01-01T23:59:59.Z"})
    void readsDockerTimesAsTheGeneralParserDoes(String text) {
        assertThat(DockerTime.parse(text)).isEqualTo(general(text));
    }

    @Test
    void goZeroTimeMeansNever() {
        assertThat(DockerTime.parse("0001-01-01T00:00:00Z")).isEmpty();
        assertThat(DockerTime.parse("0000-06-01T00:00:00Z")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2023-02-29T00:00:00Z", "2023-13-01T00:00:00Z", "2023-01-01T24:00:00Z",
        "2023-01-01T23:60:00Z", "2023-01-01T23:59:60Z", "2023-01-01T23:59:59.1234567890Z",
        "2023-01-01 23:59:59Z", "2023-01-0ÙT23:59:59Z", "２０２３-01-01T00:00:00Z", "2023-01-01T00:00:00",
        "yesterday", "2023-1-01T00:00:00Z"})
    void rejectsWhatTheGeneralParserRejectsWithItsMessage(String text) {
        String expected = null;
        try {
            general(text);
        } catch (DateTimeParseException e) {
            expected = e.getMessage();
        }
        assertThat(expected).as("the general parser rejects " + text).isNotNull();
        assertThatThrownBy(() -> DockerTime.parse(text)).isInstanceOf(DateTimeParseException.class).hasMessage(expected);
    }

    @Test
    void agreesWithTheGeneralParserOnRandomUtcTimes() {
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            String text = String.format("%04d-%02d-%02dT%02d:%02d:%02d%sZ", random.nextInt(10_000), 1 + random.nextInt(13),
                    1 + random.nextInt(31), random.nextInt(25), random.nextInt(61), random.nextInt(61),
                    fraction(random));
            Object expected;
            Object actual;
            try {
                expected = general(text);
            } catch (DateTimeParseException e) {
                expected = e.getMessage();
            }
            try {
                actual = DockerTime.parse(text);
            } catch (DateTimeParseException e) {
                actual = e.getMessage();
            }
            assertThat(actual).as(text).isEqualTo(expected);
        }
    }

    private static String fraction(Random random) {
        int digits = random.nextInt(11);
        if (digits == 0) {
            return "";
        }
        StringBuilder b = new StringBuilder(".");
        for (int i = 1; i < digits; i++) {
            b.append((char) ('0' + random.nextInt(10)));
        }
        return b.toString();
    }
}
