package io.github.drydock.archive;

import io.github.drydock.model.DockerStorageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.github.drydock.testing.TestFiles.mkdirs;
import static io.github.drydock.testing.TestFiles.symlink;
import static io.github.drydock.testing.TestFiles.write;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThat;

class OutputTargetTest {
    @TempDir
    Path tmp;

    @Test
    void refusesAnyPathIntoTheEvidence() {
        Path root = mkdirs(tmp.resolve("evidence/var/lib/docker"));
        mkdirs(root.resolve("graph"));
        symlink(tmp.resolve("sneaky"), root.toString());
        symlink(tmp.resolve("deeper"), root.resolve("graph").toString());

        for (Path target : List.of(root, root.resolve("report"), tmp.resolve("out/../evidence/var/lib/docker/x"),
                tmp.resolve("sneaky/report"), tmp.resolve("sneaky"), tmp.resolve("deeper/../report"))) {
            assertThatThrownBy(() -> OutputTarget.outsideEvidence(target, List.of(root)))
                    .as(target.toString()).isInstanceOf(DockerStorageException.class)
                    .hasMessageContaining("inside the evidence");
        }
        assertThatCode(() -> OutputTarget.outsideEvidence(tmp.resolve("case-42"), List.of(root))).doesNotThrowAnyException();
        assertThatCode(() -> OutputTarget.outsideEvidence(tmp.resolve("evidence/var/lib/docker2"), List.of(root)))
                .doesNotThrowAnyException();
    }

    @Test
    void refusesANonEmptyFolderUnlessForcedAndCreatesAMissingOne() throws Exception {
        Path full = mkdirs(tmp.resolve("full"));
        write(full.resolve("notes.txt"), "mine");

        assertThatThrownBy(() -> OutputTarget.emptyFolder(full, false)).isInstanceOf(DockerStorageException.class)
                .hasMessageContaining("not empty").hasMessageContaining("--force");
        assertThatCode(() -> OutputTarget.emptyFolder(full, true)).doesNotThrowAnyException();
        OutputTarget.emptyFolder(tmp.resolve("new/deeper"), false);
        assertThat(tmp.resolve("new/deeper")).isEmptyDirectory();
        assertThatThrownBy(() -> OutputTarget.emptyFolder(full.resolve("notes.txt"), true))
                .hasMessageContaining("not a folder");
    }

    @Test
    void refusesAnExistingFileUnlessForced() throws Exception {
        Path file = write(tmp.resolve("timeline.body"), "old");

        assertThatThrownBy(() -> OutputTarget.newFile(file, false)).hasMessageContaining("exists");
        assertThatCode(() -> OutputTarget.newFile(file, true)).doesNotThrowAnyException();
        assertThatThrownBy(() -> OutputTarget.newFile(tmp, true)).hasMessageContaining("is a folder");
    }

    @Test
    void writeLeavesTheOldFileWhenTheContentFails() throws Exception {
        Path file = write(tmp.resolve("timeline.body"), "old");

        assertThatThrownBy(() -> OutputTarget.write(file, out -> {
            out.write("half".getBytes());
            throw new java.io.IOException("walk failed");
        })).hasMessage("walk failed");

        assertThat(Files.readString(file)).isEqualTo("old");
        try (var left = Files.list(tmp)) {
            assertThat(left).containsExactly(file);
        }
    }
}
