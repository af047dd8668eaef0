package io.github.drydock.cli;

import io.github.drydock.testing.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OutputFileTest {
    @TempDir
    Path tmp;

    private List<String> names() throws IOException {
        try (var files = Files.list(tmp)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void theFinalNameAppearsOnlyWhenTheContentIsComplete() throws Exception {
        Path file = tmp.resolve("out.tar");
        String result = OutputFile.write(file, false, out -> {
            out.write("complete".getBytes(StandardCharsets.UTF_8));
            assertThat(file).as("not yet under its final name").doesNotExist();
            assertThat(names()).singleElement().asString().startsWith(".out.tar.").endsWith(".drydock-part");
            return "done";
        });
        assertThat(result).isEqualTo("done");
        assertThat(file).hasContent("complete");
        assertThat(names()).containsExactly("out.tar");
    }

    @Test
    void aFailureHalfWayLeavesNoFileAndNoTemporaryFile() throws Exception {
        Path file = tmp.resolve("out.tar");
        assertThatThrownBy(() -> OutputFile.write(file, false, out -> {
            out.write(new byte[3 << 20]);
            throw new IOException("disk full");
        })).isInstanceOf(IOException.class).hasMessage("disk full");
        assertThat(names()).isEmpty();

        assertThatThrownBy(() -> OutputFile.write(file, false, out -> {
            out.write(1);
            throw new IllegalStateException("bug");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(names()).isEmpty();
    }

    @Test
    void aFailedReplacementKeepsTheOldFile() throws Exception {
        Path file = TestFiles.write(tmp.resolve("out.tar"), "old");
        assertThatThrownBy(() -> OutputFile.write(file, true, out -> {
            out.write("new".getBytes(StandardCharsets.UTF_8));
            throw new IOException("interrupted");
        })).isInstanceOf(IOException.class);
        assertThat(file).hasContent("old");
        assertThat(names()).containsExactly("out.tar");
    }

    @Test
    void refusesExistingFilesFoldersAndMissingFolders() throws Exception {
        Path file = TestFiles.write(tmp.resolve("out.tar"), "old");
        assertThatThrownBy(() -> OutputFile.write(file, false, out -> null)).isInstanceOf(CliException.class)
                .hasMessageContaining("already exists; use --force");
        assertThatThrownBy(() -> OutputFile.write(tmp, true, out -> null)).isInstanceOf(CliException.class)
                .hasMessageContaining("it is a folder");
        assertThatThrownBy(() -> OutputFile.write(tmp.resolve("no/such/out.tar"), false, out -> null))
                .isInstanceOf(CliException.class).hasMessageContaining("its folder does not exist");
        assertThat(file).hasContent("old");
    }

    @Test
    void aSymlinkAtTheFinalNameIsReplacedNeverWrittenThrough() throws Exception {
        Path victim = TestFiles.write(tmp.resolve("victim"), "keep");
        Path link = Files.createSymbolicLink(tmp.resolve("out.tar"), victim);
        OutputFile.write(link, true, out -> {
            out.write("tar".getBytes(StandardCharsets.UTF_8));
            return null;
        });
        assertThat(Files.isSymbolicLink(link)).isFalse();
        assertThat(link).hasContent("tar");
        assertThat(victim).hasContent("keep");
    }
}
