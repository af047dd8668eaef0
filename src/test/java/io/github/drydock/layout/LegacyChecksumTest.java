package io.github.drydock.layout;

import io.github.drydock.DockerRoot;
import io.github.drydock.model.Layer;
import io.github.drydock.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The registry checksum recorded in {@code graph/<id>/checksum} reaches the layer record. */
class LegacyChecksumTest {
    @TempDir
    Path tmp;

    @Test
    void layerCarriesTheRecordedChecksumAndNullWhereNoneIsRecorded() throws Exception {
        Path root = Fixtures.materialize("legacy-1.9-volumes", tmp);
        DockerRoot docker = DockerRoot.open(root);
        int withChecksum = 0;
        for (Layer layer : docker.layers()) {
            Path file = root.resolve("graph").resolve(layer.id()).resolve(LegacyFiles.CHECKSUM);
            if (Files.isRegularFile(file)) {
                assertThat(layer.checksum()).isEqualTo(Files.readString(file).trim());
                assertThat(layer.checksum()).startsWith("sha256:");
                withChecksum++;
            } else {
                assertThat(layer.checksum()).isNull();
            }
        }
        assertThat(withChecksum).isGreaterThanOrEqualTo(2);
        assertThat(docker.layers()).anyMatch(l -> l.checksum() == null);
    }
}
