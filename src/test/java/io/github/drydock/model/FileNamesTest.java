package io.github.drydock.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class FileNamesTest {
    @TempDir
    Path tmp;

    @Test
    void everyByteStringSurvivesDecodeAndEncode() {
        Random random = new Random(42);
        for (int round = 0; round < 20_000; round++) {
            byte[] bytes = new byte[random.nextInt(12)];
            random.nextBytes(bytes);
            String text = FileNames.decode(bytes);
            assertThat(FileNames.encode(text)).as("round %d", round).containsExactly(bytes);
        }
        for (int b = 0; b < 256; b++) {
            byte[] one = {(byte) b};
            assertThat(FileNames.encode(FileNames.decode(one))).containsExactly(one);
        }
    }

    @Test
    void validUtf8IsPlainTextAndInvalidBytesAreEscapes() {
        assertThat(FileNames.decode("café/日本".getBytes(StandardCharsets.UTF_8))).isEqualTo("café/日本");
        assertThat(FileNames.hasRawBytes("café/日本")).isFalse();
        String bad = FileNames.decode(new byte[] {'a', (byte) 0xc3, 'b', (byte) 0xff});
        assertThat(bad).isEqualTo("a\uDCC3b\uDCFF");
        assertThat(FileNames.hasRawBytes(bad)).isTrue();
        assertThat(FileNames.display(bad)).isEqualTo("a\\xc3b\\xff");
        assertThat(FileNames.display("plain")).isEqualTo("plain");
    }

    @Test
    void namesSortAsTheirBytes() {
        List<String> names = new ArrayList<>(List.of(
                FileNames.decode(new byte[] {(byte) 0xff}), "\u4e2d", FileNames.decode(new byte[] {(byte) 0x80}), "z"));
        names.sort(FileNames::compareBytes);
        // bytes: 7a < 80 < e4 b8 ad < ff
        assertThat(names).containsExactly("z", "\uDC80", "\u4e2d", "\uDCFF");
    }

    @Test
    void pathsCarryTheExactBytesBothWays() throws Exception {
        String name = FileNames.decode(new byte[] {'x', (byte) 0xfe, '%', ' ', (byte) 0xff});
        Path file = FileNames.child(tmp, name);
        Files.writeString(file, "content");

        try (var listing = Files.list(tmp)) {
            Path listed = listing.findFirst().orElseThrow();
            assertThat(FileNames.name(listed)).isEqualTo(name);
            assertThat(FileNames.text(listed)).isEqualTo(FileNames.text(tmp) + "/" + name);
        }
        assertThat(Files.readString(FileNames.path(FileNames.text(tmp) + "/" + name))).isEqualTo("content");
        Path relative = FileNames.path("a/" + name);
        assertThat(relative.isAbsolute()).isFalse();
        assertThat(FileNames.text(relative)).isEqualTo("a/" + name);
        assertThat(FileNames.text(Path.of("../plain"))).isEqualTo("../plain");
    }

    @Test
    void aSymlinkTargetKeepsEveryByteAndSlash() throws Exception {
        // a//<ff>/ : Java's own path operations would drop the doubled and the trailing slash
        symlink(tmp.resolve("odd"), "612f2fff2f");
        symlink(tmp.resolve("abs"), "2f6574632fff");

        assertThat(FileNames.encode(FileNames.text(Files.readSymbolicLink(tmp.resolve("odd")))))
                .containsExactly('a', '/', '/', 0xff, '/');
        assertThat(FileNames.encode(FileNames.text(Files.readSymbolicLink(tmp.resolve("abs")))))
                .containsExactly('/', 'e', 't', 'c', '/', 0xff);
    }

    /** A symlink whose target is the given bytes (hex), which java.nio cannot write as they are. */
    private static void symlink(Path link, String targetHex) throws Exception {
        Process p = new ProcessBuilder("python3", "-c",
                "import os,sys; os.symlink(bytes.fromhex(sys.argv[1]), sys.argv[2])", targetHex, link.toString())
                .inheritIO().start();
        assertThat(p.waitFor()).isZero();
    }

    @Test
    void aFolderNameLosesNoTrailingSlashOrByte() throws Exception {
        String name = FileNames.decode(new byte[] {'d', (byte) 0xe9});
        Path folder = Files.createDirectories(FileNames.child(tmp, name));

        assertThat(FileNames.name(folder)).isEqualTo(name);
        Path link = Files.createSymbolicLink(tmp.resolve("link"), FileNames.path("../" + name));
        assertThat(FileNames.text(Files.readSymbolicLink(link))).isEqualTo("../" + name);
    }
}
