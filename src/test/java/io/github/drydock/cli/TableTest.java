package io.github.drydock.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TableTest {
    @Test
    void columnsAreAsWideAsTheirWidestCellWithTwoSpacesBetween() {
        String text = new Table("A", "LONG HEADER", "C")
                .row("wide cell", "x", "last")
                .row("", "y", "")
                .render();
        assertThat(text).isEqualTo("""
                A          LONG HEADER  C
                wide cell  x            last
                           y
                """);
    }

    @Test
    void widthCountsCodePointsNotUtf16Units() {
        String text = new Table("N", "V").row("\uD83D\uDC33x", "1").row("ab", "2").render();
        assertThat(text).isEqualTo("N   V\n\uD83D\uDC33x  1\nab  2\n");
    }

    @Test
    void cellsCannotInjectLinesOrEscapes() {
        String text = new Table("NAME", "X").row("a\nb\u001b[2J", "1").render();
        assertThat(text).isEqualTo("NAME         X\na\\nb\\x1b[2J  1\n");
    }

    @Test
    void aRowOfTheWrongWidthIsABug() {
        assertThatThrownBy(() -> new Table("A", "B").row("only one"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 cells");
    }
}
