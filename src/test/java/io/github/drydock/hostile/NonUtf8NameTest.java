package io.github.drydock.hostile;

import io.github.drydock.archive.CopyOut;
import io.github.drydock.archive.ExportResult;
import io.github.drydock.archive.ExportWriter;
import io.github.drydock.driver.NodeInspector;
import io.github.drydock.model.FileEntry;
import io.github.drydock.union.UnionView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Evidence file names are bytes; a name that is not valid UTF-8 ({@code \xff\xfe}) in a layer.
 *
 * <p>What happens today, asserted here so that a change is noticed (see the report of issue 6): the JVM
 * keeps the raw bytes inside the {@link Path} it lists, so the file's <em>content</em> is read from the
 * right file; but a view path is a {@link String}, where each byte that is not UTF-8 becomes U+FFFD. So
 * the name is listed as {@code "\uFFFD\uFFFD"}, exported as the UTF-8 bytes of that text (a PAX
 * {@code path} record), and copied out under that UTF-8 name: <strong>not faithful</strong>. Two names
 * that differ only in such bytes ({@code \xff\xfe} and {@code \xfe\xff}) become one name, and the view
 * shows only one of the two files, silently. Keeping names faithful needs the raw name bytes in
 * {@code FileEntry} (a model change) and byte names in the tar writer and copy-out.
 */
class NonUtf8NameTest {
    private static final String REPLACED = "\uFFFD\uFFFD";

    @TempDir
    Path tmp;

    private UnionView layer(boolean twin) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("layer/dir"));
        Hostile.byteName(dir, new byte[] {(byte) 0xff, (byte) 0xfe}, "bytes");
        if (twin) {
            Hostile.byteName(dir, new byte[] {(byte) 0xfe, (byte) 0xff}, "other");
        }
        assertThat(Hostile.run("ls", "-b", dir.toString())).contains("\\377\\376");
        return UnionView.ofFolder(tmp.resolve("layer"), "layer", NodeInspector.system());
    }

    @Test
    void nameIsListedWithReplacementCharactersButItsContentIsTheFilesOwn() throws Exception {
        UnionView view = layer(false);

        List<FileEntry> listed = view.list("/dir");
        assertThat(listed).extracting(FileEntry::name).containsExactly(REPLACED);
        try (InputStream in = view.open(listed.get(0))) {
            assertThat(in.readAllBytes()).asString().isEqualTo("bytes");
        }
        assertThat(view.problems()).isEmpty();
    }

    @Test
    void exportWritesTheNameAsUtf8OfTheReplacementCharacters() throws Exception {
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        ExportResult result = ExportWriter.write(layer(false), tar);
        Tars.Read read = Tars.read(tar.toByteArray());

        assertThat(read.entries()).containsOnlyKeys("dir/", "dir/" + REPLACED);
        assertThat(HexFormat.of().formatHex(("dir/" + REPLACED).getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("6469722f" + "efbfbd" + "efbfbd"); // not the original ff fe
        assertThat(read.contents().get("dir/" + REPLACED)).asString().isEqualTo("bytes");
        assertThat(result.problems()).isEmpty();
    }

    @Test
    void copyCreatesTheUtf8ReplacementName() throws Exception {
        Path dest = Files.createDirectories(tmp.resolve("out"));
        CopyOut.Result result = CopyOut.copyInto(layer(false), "/", dest, CopyOut.Options.defaults());

        assertThat(Hostile.run("ls", "-b", dest.resolve("dir").toString()).trim()).isEqualTo(REPLACED);
        assertThat(dest.resolve("dir").resolve(REPLACED)).hasContent("bytes");
        assertThat(result.files()).isEqualTo(1);
    }

    @Test
    void twoNamesThatDifferOnlyInInvalidBytesShowAsOneFile() throws Exception {
        UnionView view = layer(true);

        assertThat(view.list("/dir")).extracting(FileEntry::name).containsExactly(REPLACED); // one of two is lost
        ExportResult result = ExportWriter.write(view, java.io.OutputStream.nullOutputStream());
        assertThat(result.entries()).isEqualTo(2); // dir/ and one file
    }
}
