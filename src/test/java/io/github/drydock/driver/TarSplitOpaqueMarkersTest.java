package io.github.drydock.driver;

import io.github.drydock.testing.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import static io.github.drydock.testing.UnionTarSplits.gzipLines;
import static org.assertj.core.api.Assertions.assertThat;

/** Opaque markers read from a tar-split, including hostile and damaged files. */
class TarSplitOpaqueMarkersTest {
    @TempDir
    Path tmp;

    @Test
    void opaqueMarkersBecomeViewPathsOfTheirFolders() {
        Path file = gzipLines(tmp.resolve("tar-split.json.gz"),
                "{\"type\":2,\"payload\":\"AAAA\",\"position\":0}",
                "{\"type\":1,\"name\":\"opt/\",\"payload\":null,\"position\":1}",
                "{\"type\":1,\"name\":\"opt/replace-me/.wh..wh..opq\",\"payload\":null,\"position\":2}",
                "{\"type\":1,\"name\":\"./var/cache/.wh..wh..opq\",\"payload\":null,\"position\":3}",
                "{\"type\":1,\"name\":\".wh..wh..opq\",\"payload\":null,\"position\":4}",
                "{\"type\":1,\"name\":\"etc/.wh.gone\",\"payload\":null,\"position\":5}",
                "{\"type\":2,\"name\":\"seg/.wh..wh..opq\",\"payload\":null,\"position\":6}");

        TarSplitOpaqueMarkers markers = TarSplitOpaqueMarkers.read(file);

        assertThat(markers.failure()).isEmpty();
        assertThat(markers.folders()).containsExactlyInAnyOrder("/opt/replace-me", "/var/cache", "/");
        assertThat(markers.isOpaque("/opt/replace-me")).isTrue();
        assertThat(markers.isOpaque("/opt")).isFalse();
    }

    @Test
    void nameRawWinsOverName() {
        String raw = Base64.getEncoder().encodeToString("données/.wh..wh..opq".getBytes(StandardCharsets.UTF_8));
        Path file = gzipLines(tmp.resolve("tar-split.json.gz"),
                "{\"type\":1,\"name\":\"ignored/.wh..wh..opq\",\"name_raw\":\"" + raw + "\",\"position\":0}");

        assertThat(TarSplitOpaqueMarkers.read(file).folders()).containsExactly("/données");
    }

    @Test
    void namesClimbingWithDotDotAreIgnored() {
        Path file = gzipLines(tmp.resolve("tar-split.json.gz"),
                "{\"type\":1,\"name\":\"../etc/.wh..wh..opq\",\"position\":0}",
                "{\"type\":1,\"name\":\"a/../../b/.wh..wh..opq\",\"position\":1}",
                "{\"type\":1,\"name\":\"ok/.wh..wh..opq\",\"position\":2}");

        TarSplitOpaqueMarkers markers = TarSplitOpaqueMarkers.read(file);

        assertThat(markers.folders()).containsExactly("/ok");
        assertThat(TarSplitOpaqueMarkers.opaqueFolder("a/b/../.wh..wh..opq")).isEmpty();
        assertThat(TarSplitOpaqueMarkers.opaqueFolder("a//b/./.wh..wh..opq")).contains("/a/b");
        assertThat(TarSplitOpaqueMarkers.opaqueFolder("a/.wh..wh..opq/x")).isEmpty();
    }

    @Test
    void malformedLineGivesNoFoldersAndAReason() {
        Path file = gzipLines(tmp.resolve("tar-split.json.gz"),
                "{\"type\":1,\"name\":\"ok/.wh..wh..opq\",\"position\":0}",
                "{\"type\":1,\"name\":\"broken");

        TarSplitOpaqueMarkers markers = TarSplitOpaqueMarkers.read(file);

        assertThat(markers.folders()).isEmpty();
        assertThat(markers.failure()).hasValueSatisfying(why -> assertThat(why)
                .startsWith("cannot read tar-split " + file + ": "));
    }

    @Test
    void topLevelValueThatIsNoObjectGivesAReason() {
        Path file = gzipLines(tmp.resolve("tar-split.json.gz"), "[1,2]");

        assertThat(TarSplitOpaqueMarkers.read(file).failure())
                .contains("cannot read tar-split " + file + ": entry 0 is not a JSON object");
    }

    @Test
    void fileThatIsNotGzipGivesAReason() {
        Path file = TestFiles.write(tmp.resolve("tar-split.json.gz"),
                "{\"type\":1,\"name\":\"ok/.wh..wh..opq\",\"position\":0}\n");

        TarSplitOpaqueMarkers markers = TarSplitOpaqueMarkers.read(file);

        assertThat(markers.folders()).isEmpty();
        assertThat(markers.failure()).hasValueSatisfying(why -> assertThat(why).contains("Not in GZIP format"));
    }

    @Test
    void missingFileAndSymlinkGiveAReason() throws IOException {
        Path real = gzipLines(tmp.resolve("real.json.gz"), "{\"type\":1,\"name\":\"ok/.wh..wh..opq\",\"position\":0}");
        Path link = Files.createSymbolicLink(tmp.resolve("link.json.gz"), real);

        assertThat(TarSplitOpaqueMarkers.read(link).failure())
                .contains("cannot read tar-split " + link + ": not a regular file");
        assertThat(TarSplitOpaqueMarkers.read(tmp.resolve("missing.json.gz")).failure()).isPresent();
        assertThat(TarSplitOpaqueMarkers.read(real).folders()).containsExactly("/ok");
    }
}
