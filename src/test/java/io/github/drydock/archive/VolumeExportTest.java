package io.github.drydock.archive;

import io.github.drydock.driver.NodeInspector;
import io.github.drydock.model.DockerStorageException;
import io.github.drydock.model.Volume;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.github.drydock.testing.TestFiles.symlink;
import static io.github.drydock.testing.TestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VolumeExportTest {
    @TempDir
    Path tmp;

    @Test
    void volumeFolderIsExportedWithNamesRelativeToIt() throws IOException {
        Path data = tmp.resolve("volumes/namedvol/_data");
        write(data.resolve("mysql/ibdata1"), "innodb");
        write(data.resolve("auto.cnf"), "[auto]\n");
        write(data.resolve(".wh.not-a-whiteout-here"), "plain file in a volume");
        symlink(data.resolve("shadow-link"), "/etc/shadow");
        Volume volume = new Volume("namedvol", data, -1, "local", false, null, Map.of(), List.of(), "volumes");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        ExportResult result = VolumeExport.write(volume, NodeInspector.system(), out);

        List<TarReading.Member> members = TarReading.read(out.toByteArray());
        assertThat(TarReading.names(members)).containsExactly(".wh.not-a-whiteout-here", "auto.cnf", "mysql/",
                "mysql/ibdata1", "shadow-link");
        assertThat(TarReading.member(members, "mysql/ibdata1").text()).isEqualTo("innodb");
        assertThat(TarReading.member(members, "shadow-link").link()).isEqualTo("/etc/shadow");
        assertThat(result.problems()).isEmpty();
    }

    @Test
    void volumeWithoutDataFails() {
        Volume gone = new Volume("gone", null, -1, "local", false, null, Map.of(), List.of(), "volumes");

        assertThatThrownBy(() -> VolumeExport.write(gone, NodeInspector.system(), new ByteArrayOutputStream()))
                .isInstanceOf(DockerStorageException.class).hasMessageContaining("volume gone has no data folder");
    }
}
