package io.github.drydock.hostile;

import io.github.drydock.archive.CopyOut;
import io.github.drydock.archive.ExportResult;
import io.github.drydock.archive.ExportWriter;
import io.github.drydock.driver.NodeInspector;
import io.github.drydock.json.Json;
import io.github.drydock.model.FileEntry;
import io.github.drydock.model.FileNames;
import io.github.drydock.union.UnionView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Evidence file names are bytes. A layer holds names that are not valid UTF-8 ({@code \xff\xfe} and its twin
 * {@code \xfe\xff}, which a lossy decoding would merge into one name) and a symlink whose target is not
 * UTF-8: the view lists both files under distinct names, export and copy-out write the original bytes,
 * JSON and text output show them recognisably.
 */
class NonUtf8NameTest {
    private static final byte[] NAME = {(byte) 0xff, (byte) 0xfe};
    private static final byte[] TWIN = {(byte) 0xfe, (byte) 0xff};
    private static final String NAME_TEXT = FileNames.decode(NAME);

    @TempDir
    Path tmp;

    private UnionView layer() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("layer/dir"));
        Hostile.byteName(dir, NAME, "bytes");
        Hostile.byteName(dir, TWIN, "other");
        Hostile.run("python3", "-c", "import os,sys; os.symlink(bytes.fromhex('6c2fff'), os.path.join(os.fsencode(sys.argv[1]), b'link'))",
                dir.toString());
        assertThat(Hostile.run("ls", "-b", dir.toString())).contains("\\377\\376", "\\376\\377");
        return UnionView.ofFolder(tmp.resolve("layer"), "layer", NodeInspector.system());
    }

    @Test
    void bothNamesAreListedDistinctlyAndEachOpensItsOwnFile() throws Exception {
        UnionView view = layer();

        List<FileEntry> listed = view.list("/dir");
        assertThat(listed).extracting(FileEntry::name)
                .containsExactly("link", FileNames.decode(TWIN), NAME_TEXT); // byte order: 6c < fe < ff
        assertThat(FileNames.encode(listed.get(2).name())).containsExactly(NAME);
        try (InputStream in = view.open(listed.get(2))) {
            assertThat(in.readAllBytes()).asString().isEqualTo("bytes");
        }
        try (InputStream in = view.open(view.find("/dir/" + FileNames.decode(TWIN)).orElseThrow())) {
            assertThat(in.readAllBytes()).asString().isEqualTo("other");
        }
        assertThat(FileNames.encode(listed.get(0).linkTarget())).containsExactly(0x6c, 0x2f, 0xff);
        assertThat(view.problems()).isEmpty();
    }

    @Test
    void exportWritesTheOriginalBytesThatGnuTarExtracts() throws Exception {
        Path tar = tmp.resolve("out.tar");
        ExportResult result;
        try (var out = Files.newOutputStream(tar)) {
            result = ExportWriter.write(layer(), out);
        }
        assertThat(result.entries()).isEqualTo(4);
        assertThat(result.problems()).isEmpty();
        Path extracted = Files.createDirectories(tmp.resolve("extracted"));
        Hostile.run("tar", "-xf", tar.toString(), "-C", extracted.toString());

        assertThat(Hostile.run("ls", "-b", extracted.resolve("dir").toString()).split("\\s+"))
                .containsExactly("link", "\\376\\377", "\\377\\376");
        assertThat(Files.readString(FileNames.child(extracted.resolve("dir"), NAME_TEXT))).isEqualTo("bytes");
        assertThat(Hostile.run("readlink", extracted.resolve("dir/link").toString()).getBytes(StandardCharsets.ISO_8859_1))
                .startsWith(0x6c, 0x2f); // the target's last byte is 0xff, not the 3 bytes of U+FFFD
        assertThat(FileNames.text(Files.readSymbolicLink(extracted.resolve("dir/link"))))
                .isEqualTo(FileNames.decode(new byte[] {0x6c, 0x2f, (byte) 0xff}));
    }

    @Test
    void copyCreatesFilesWithTheOriginalBytes() throws Exception {
        Path dest = Files.createDirectories(tmp.resolve("out"));
        CopyOut.Result result = CopyOut.copyInto(layer(), "/", dest, CopyOut.Options.defaults());

        assertThat(Hostile.run("ls", "-b", dest.resolve("dir").toString()).split("\\s+"))
                .containsExactly("link", "\\376\\377", "\\377\\376");
        assertThat(Files.readString(FileNames.child(dest.resolve("dir"), NAME_TEXT))).isEqualTo("bytes");
        assertThat(Files.readString(FileNames.child(dest.resolve("dir"), FileNames.decode(TWIN)))).isEqualTo("other");
        assertThat(result.files()).isEqualTo(2);
    }

    @Test
    void jsonWritesEachByteAsAnEscapePythonTurnsBackIntoTheBytes() throws Exception {
        String json = Json.MAPPER.writeValueAsString(Map.of("path", "/dir/" + NAME_TEXT));

        assertThat(json).isEqualTo("{\"path\":\"/dir/\\udcff\\udcfe\"}");
        String back = Hostile.run("python3", "-c", "import json,os,sys; print(os.fsencode(json.loads(sys.argv[1])['path']).hex())", json);
        assertThat(back.trim()).isEqualTo("2f6469722ffffe");
        assertThat(Json.MAPPER.readTree(json).get("path").asText()).isEqualTo("/dir/" + NAME_TEXT);
    }
}
