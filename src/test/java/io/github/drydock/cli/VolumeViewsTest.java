package io.github.drydock.cli;

import io.github.drydock.model.Volume;
import io.github.drydock.model.VolumeUse;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static io.github.drydock.cli.CliFixtures.DB;
import static io.github.drydock.cli.CliFixtures.MYSQL_VOLUME;
import static io.github.drydock.cli.CliFixtures.WIKI;
import static io.github.drydock.cli.CliFixtures.id;
import static io.github.drydock.cli.CliFixtures.volume;
import static org.assertj.core.api.Assertions.assertThat;

class VolumeViewsTest {
    private static final Path ROOT = Path.of("/mnt/var/lib/docker");

    @Test
    void oneRowPerUseOrphansMarkedPathsRelativeToTheRoot() {
        List<Volume> volumes = VolumeViews.sorted(List.of(
                volume("named", Path.of("/mnt/srv/named"), 0,
                        new VolumeUse(WIKI, "/wiki", "/var/www/html/images", true),
                        new VolumeUse(id('b'), null, null, false)),
                volume(MYSQL_VOLUME, ROOT.resolve("vfs/dir").resolve(MYSQL_VOLUME), 203_000_000,
                        new VolumeUse(DB, "/db", "/var/lib/mysql", true)),
                volume(id('0'), null, -1)));
        assertThat(VolumeViews.table(volumes, ROOT)).isEqualTo("""
                NAME                                                              SIZE    CONTAINER     DESTINATION           PATH
                0000000000000000000000000000000000000000000000000000000000000000  -       (orphan)      -                     (missing)
                cb4012594631102fc8a69aa6cb4a9aa2dd2be3d39d2564c94ae91ac5e3eb4aec  203 MB  db            /var/lib/mysql        vfs/dir/cb4012594631102fc8a69aa6cb4a9aa2dd2be3d39d2564c94ae91ac5e3eb4aec
                named                                                             0 B     wiki          /var/www/html/images  /mnt/srv/named
                named                                                             0 B     bbbbbbbbbbbb  -                     /mnt/srv/named
                """);
    }

    @Test
    void noVolumesStillPrintsTheHeader() {
        assertThat(VolumeViews.table(List.of(), ROOT)).isEqualTo("NAME  SIZE  CONTAINER  DESTINATION  PATH\n");
    }
}
