package io.github.drydock.cli;

import io.github.drydock.model.FileNames;
import io.github.drydock.testing.ModernFixtureRoots;
import io.github.drydock.testing.ViewFixtureRoots;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static io.github.drydock.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** A file named with bytes that are not UTF-8 in every vfs layer's {@code /data}: how the CLI shows it. */
class NonUtf8NamesCliTest {
    private static final String APP = "example/app:1";
    private static final String NAME = FileNames.decode(new byte[] {'r', 'a', 'w', (byte) 0xff});

    @TempDir
    Path tmp;
    private String root;

    @BeforeEach
    void extract() throws Exception {
        Path archive = ViewFixtureRoots.fixture("vfs").resolve("root.tar.gz");
        assumeTrue(Files.isRegularFile(archive), "no fixture at " + archive);
        Path extracted = ModernFixtureRoots.extract(archive, tmp.resolve("root"));
        root = extracted.toString();
        List<Path> dataFolders;
        try (Stream<Path> layers = Files.list(extracted.resolve("vfs/dir"))) {
            dataFolders = layers.map(layer -> layer.resolve("data")).filter(Files::isDirectory).toList();
        }
        assertThat(dataFolders).isNotEmpty();
        for (Path data : dataFolders) {
            Files.writeString(FileNames.child(data, NAME), "raw name\n");
        }
    }

    @Test
    void textShowsTheByteAsAnEscapeAndJsonAsAnEscapedSurrogate() {
        CliRun text = run("--root", root, "ls", APP, "/data");
        assertThat(text.code()).as(text.err()).isZero();
        assertThat(text.out()).contains("raw\\xff\n").doesNotContain("raw?", "raw\uFFFD");

        CliRun json = run("--root", root, "ls", "--json", APP, "/data");
        assertThat(json.code()).as(json.err()).isZero();
        assertThat(json.out()).contains("\"/data/raw\\udcff\"");
        assertThat(json.json().get("items").findValuesAsText("path")).contains("/data/" + NAME);
    }
}
