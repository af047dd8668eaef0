package io.github.drydock.archive;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReportMarkdownTest {
    @Test
    void evidenceTextCannotBreakATableOrInjectMarkup() {
        assertThat(ReportMarkdown.cell("/evil | <script>alert(1)</script> `x` *b* [l](u)"))
                .isEqualTo("/evil \\| \\<script\\>alert(1)\\</script\\> \\`x\\` \\*b\\* \\[l\\](u)");
        assertThat(ReportMarkdown.cell("line\nbreak\u001b[31m")).isEqualTo("line\\\\x0abreak\\\\x1b\\[31m");
        assertThat(ReportMarkdown.cell("/c-run")).isEqualTo("/c-run");
        assertThat(ReportMarkdown.cell(null)).isEqualTo("-");
    }
}
