package io.github.drydock.cli;

import io.github.drydock.model.Driver;
import io.github.drydock.model.Generation;
import io.github.drydock.model.Problem;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class InfoViewTest {
    @Test
    void rendersSummaryDriversAndNotes() {
        Path root = Path.of("/mnt/var/lib/docker");
        InfoDocument info = new InfoDocument(Generation.LEGACY,
                List.of(new Driver("aufs", root.resolve("aufs"), true, true, 41),
                        new Driver("vfs", root.resolve("vfs"), false, true, 3),
                        new Driver("devicemapper", root.resolve("devicemapper"), false, false, 0)),
                new InfoDocument.Counts(37, 2, 3, 37),
                List.of("user-namespace root 100000.100000/ used"),
                List.of(new Problem("/mnt/var/lib/docker/graph/x/json", "cannot parse")),
                root.toString(), "/mnt");
        assertThat(InfoView.render(info)).isEqualTo("""
                Root:        /mnt/var/lib/docker
                Disk root:   /mnt
                Generation:  LEGACY
                Images:      37
                Containers:  2
                Volumes:     3
                Layers:      37
                Problems:    1

                DRIVER        ACTIVE  READABLE  LAYERS  PATH
                aufs          yes     yes       41      aufs
                vfs           no      yes       3       vfs
                devicemapper  no      no        0       devicemapper

                Notes:
                  user-namespace root 100000.100000/ used
                """);
    }
}
