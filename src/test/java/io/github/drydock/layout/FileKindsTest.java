package io.github.drydock.layout;

import io.github.drydock.layout.FileKinds.Kind;
import io.github.drydock.testing.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class FileKindsTest {
    @TempDir
    Path tmp;

    @Test
    void tellsFoldersFilesAndSymlinksApartWithoutFollowingLinks() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("overlay2/abc/diff"));
        Path file = TestFiles.write(tmp.resolve("overlay2/abc/link"), "SHORTNAME");
        Path link = Files.createSymbolicLink(tmp.resolve("l"), folder);
        Path outside = Files.createSymbolicLink(tmp.resolve("shadow"), Path.of("/etc/shadow"));
        FileKinds kinds = new FileKinds();

        assertThat(kinds.of(folder)).isEqualTo(Kind.DIRECTORY);
        assertThat(kinds.isDirectory(folder)).isTrue();
        assertThat(kinds.of(file)).isEqualTo(Kind.REGULAR);
        assertThat(kinds.of(link)).isEqualTo(Kind.SYMLINK);
        assertThat(kinds.isDirectory(link)).isFalse();
        assertThat(kinds.isSymbolicLink(outside)).isTrue();
        assertThat(kinds.of(tmp.resolve("overlay2/gone"))).isEqualTo(Kind.MISSING);
    }

    @Test
    void answersFromMemoryOnceAsked() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("overlay2/abc/diff"));
        FileKinds kinds = new FileKinds();
        assertThat(kinds.of(folder)).isEqualTo(Kind.DIRECTORY);

        Files.delete(folder);

        assertThat(kinds.of(folder)).as("evidence at rest: asked once").isEqualTo(Kind.DIRECTORY);
        assertThat(new FileKinds().of(folder)).isEqualTo(Kind.MISSING);
    }
}
