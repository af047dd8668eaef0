package io.github.drydock.driver;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class GetfattrBatchesTest {
    @Test
    void parsesDumpsWithEscapedNamesAndHexValues() throws IOException {
        String dump = "# file: /l/a b\nuser.t=0x31\n\n"
                + "# file: /l/new\\012line\ntrusted.overlay.opaque=0x79\nuser.empty=0x\n\n"
                + "# file: /l/x\\134y\nsecurity.capability=0x0100000200200000000000000000000000000000\n"
                + "# file: /l/\u00fcn\u00ef\nuser.quoted=\"text\"\nuser.bare\n";

        Map<String, Map<String, byte[]>> parsed = GetfattrOutput.parse(
                new ByteArrayInputStream(dump.getBytes(StandardCharsets.UTF_8)));

        assertThat(parsed).containsOnlyKeys("/l/a b", "/l/new\nline", "/l/x\\y", "/l/\u00fcn\u00ef");
        assertThat(parsed.get("/l/a b").get("user.t")).containsExactly('1');
        assertThat(parsed.get("/l/new\nline").get("trusted.overlay.opaque")).containsExactly('y');
        assertThat(parsed.get("/l/new\nline").get("user.empty")).isEmpty();
        assertThat(parsed.get("/l/x\\y").get("security.capability")).hasSize(20).startsWith(1, 0, 0, 2, 0, 0x20);
        assertThat(parsed.get("/l/\u00fcn\u00ef").get("user.quoted")).containsExactly('t', 'e', 'x', 't');
        assertThat(parsed.get("/l/\u00fcn\u00ef").get("user.bare")).isEmpty();
    }

    @Test
    void unescapesOnlyThreeOctalDigits() {
        assertThat(new String(GetfattrOutput.unescape("a\\012b\\1c\\".getBytes(StandardCharsets.UTF_8)),
                StandardCharsets.UTF_8)).isEqualTo("a\nb\\1c\\");
    }

    @Test
    void errorLinesNameTheirPath() {
        assertThat(GetfattrOutput.errors("getfattr: /l/gone: No such file or directory\nnoise\n"))
                .containsExactly(Map.entry("/l/gone", "No such file or directory"));
    }
}
