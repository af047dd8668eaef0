package io.github.drydock.cli;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class TextTest {
    @Test
    void timesAreAbsoluteUtc() {
        assertThat(Text.time(Instant.parse("2015-04-01T12:00:00.987Z"))).isEqualTo("2015-04-01 12:00:00");
        assertThat(Text.time(null)).isEqualTo("-");
        assertThat(Text.time(Instant.parse("0001-01-01T00:00:00Z"))).as("Go zero time means never").isEqualTo("-");
    }

    @Test
    void logTimesHaveNineFractionDigits() {
        assertThat(Text.logTime(Instant.parse("2015-04-01T12:00:00.5Z"))).isEqualTo("2015-04-01T12:00:00.500000000Z");
        assertThat(Text.logTime(Instant.parse("2015-04-01T12:00:00.123456789Z")))
                .isEqualTo("2015-04-01T12:00:00.123456789Z");
    }

    @Test
    void truncateCutsToTheWidthWithDots() {
        assertThat(Text.truncate("abcdef", 6)).isEqualTo("abcdef");
        assertThat(Text.truncate("abcdefg", 6)).isEqualTo("abc...");
        assertThat(Text.truncate("\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9", 5)).isEqualTo("\u00e9\u00e9...");
    }

    @Test
    void controlCharactersFromEvidenceAreMadeVisible() {
        assertThat(Text.printable("evil\u001b[31mred\u0007\n\tx\u009b")).isEqualTo("evil\\x1b[31mred\\x07\\n\\tx\\x9b");
        assertThat(Text.printable("caf\u00e9 \u2603")).isEqualTo("caf\u00e9 \u2603");
        assertThat(Text.printable(null)).isEmpty();
    }

    @Test
    void quoteEscapesLikeGoStrconvQuote() {
        assertThat(Text.quote("sh -c \"echo a\\b\"")).isEqualTo("\"sh -c \\\"echo a\\\\b\\\"\"");
        assertThat(Text.quote("a\nb")).isEqualTo("\"a\\nb\"");
    }

    @Test
    void pathsInsideTheRootAreShownRelative() {
        Path root = Path.of("/mnt/var/lib/docker");
        assertThat(Text.relative(root.resolve("vfs/dir/abc"), root)).isEqualTo("vfs/dir/abc");
        assertThat(Text.relative(Path.of("/mnt/srv/data"), root)).isEqualTo("/mnt/srv/data");
        assertThat(Text.relative(Path.of("/mnt/var/lib/docker2/x"), root)).isEqualTo("/mnt/var/lib/docker2/x");
        assertThat(Text.relative(null, root)).isNull();
    }

    @Test
    void containerNamesLoseTheirLeadingSlash() {
        assertThat(Text.containerName("/db")).isEqualTo("db");
        assertThat(Text.containerName("db")).isEqualTo("db");
        assertThat(Text.containerName(null)).isEqualTo("-");
    }
}
