package io.github.drydock.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressTest {
    @Test
    void drawsOneLineWithCarriageReturnsAndErasesIt() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        AtomicLong entries = new AtomicLong();
        try (Progress progress = Progress.start(err, true, () -> "exporting: " + entries.get() + " entries")) {
            entries.set(12);
            Thread.sleep(Progress.PERIOD.toMillis() * 3);
        }
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertThat(text).startsWith("\rexporting: 12 entries  ").doesNotContain("\n");
        assertThat(text).endsWith("\r").matches("(?s).*\r {20,}\r");
    }

    @Test
    void aLongLineIsCutSoItNeverWraps() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Progress progress = Progress.start(new PrintStream(bytes, true, StandardCharsets.UTF_8), true,
                () -> "exporting volume " + "cb40".repeat(16) + ": 2 entries, 87.56 MB")) {
            Thread.sleep(Progress.PERIOD.toMillis() * 2);
        }
        String first = bytes.toString(StandardCharsets.UTF_8).split("\r")[1];
        assertThat(first).hasSize(Progress.WIDTH).endsWith("...");
    }

    @Test
    void drawsNothingWhenDisabled() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Progress progress = Progress.start(new PrintStream(bytes, true, StandardCharsets.UTF_8), false,
                () -> "never")) {
            Thread.sleep(Progress.PERIOD.toMillis() * 2);
        }
        assertThat(bytes.size()).isZero();
    }

    @Test
    void exportDrawsNoProgressForJsonOrWhenStderrIsNoTerminal() {
        DrydockCommand quiet = new DrydockCommand(System.out, System.err, java.util.Map.of());
        assertThat(quiet.progressWanted()).isFalse();
        DrydockCommand terminal = new DrydockCommand(System.out, System.err, java.util.Map.of(),
                new Terminals(false, true));
        assertThat(terminal.progressWanted()).isTrue();
    }
}
