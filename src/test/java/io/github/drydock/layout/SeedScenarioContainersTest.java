package io.github.drydock.layout;

import io.github.drydock.DockerRoot;
import io.github.drydock.model.Container;
import io.github.drydock.model.Link;
import io.github.drydock.model.LogLine;
import io.github.drydock.model.Problem;
import io.github.drydock.model.Volume;
import io.github.drydock.model.VolumeUse;
import io.github.drydock.testing.ContainerRootBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.github.drydock.testing.ContainerRootBuilder.hexId;
import static io.github.drydock.testing.ContainerRootBuilder.logLine;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The founding story (spec/seed-scenario.md): a Docker 1.5/1.6 aufs host with a mysql container whose
 * data sits only in {@code vfs/dir/cb4012…}, linked from a mediawiki container; opened from the disk
 * mount, through the public API.
 */
class SeedScenarioContainersTest {
    private static final String MYSQL_IMAGE = "c171a2256c3b9d13c77b2b3773eaaad95a9b4a8735613ce46722f79fa29fa366";
    private static final String WIKI_IMAGE = "d32d732341b07cfc87006d09ea75514d8c10774dfbc83c74034ac28b1491557b";
    private static final String DATA_VOLUME = "cb4012594631102fc8a69aa6cb4a9aa2dd2be3d39d2564c94ae91ac5e3eb4aec";
    private static final String DB = hexId("mediawiki_db_1");
    private static final String WIKI = hexId("mediawiki_wiki_1");

    @TempDir
    Path disk;

    @Test
    void mysqlDataFolderIsFoundFromTheContainer() throws IOException {
        ContainerRootBuilder b = new ContainerRootBuilder(disk.resolve("var/lib/docker"))
                .legacyImage(MYSQL_IMAGE).legacyImage(WIKI_IMAGE);
        b.legacyContainer(DB).set("Name", "/mediawiki_db_1").set("Created", "2015-06-01T09:59:58Z")
                .set("Image", MYSQL_IMAGE).run("Image", "mysql:5.7.5")
                .set("LogPath", "/var/lib/docker/containers/" + DB + "/" + DB + "-json.log")
                .legacyVolume("/var/lib/mysql", "/var/lib/docker/vfs/dir/" + DATA_VOLUME, true)
                .exited(0, "2015-06-01T10:00:00Z", "2015-06-20T10:00:00Z").write();
        b.legacyContainer(WIKI).set("Name", "/mediawiki_wiki_1").set("Created", "2015-06-01T10:00:01Z")
                .set("Image", WIKI_IMAGE)
                .run("Image", "nickstenning/mediawiki")
                .set("LogPath", "/var/lib/docker/containers/" + WIKI + "/" + WIKI + "-json.log")
                .host("PortBindings", Map.of("80/tcp", List.of(Map.of("HostIp", "", "HostPort", "8080"))))
                .host("Links", List.of("mediawiki_db_1:db")).host("RestartPolicy", Map.of("Name", "always"))
                .exited(0, "2015-06-01T10:00:05Z", "2015-06-20T10:00:00Z").write();
        b.legacyVolumeConfig(DATA_VOLUME, "/var/lib/docker/vfs/dir/" + DATA_VOLUME, false);
        for (String file : List.of("auto.cnf", "ibdata1", "ib_logfile0", "ib_logfile1", "ibtmp1",
                "my_wiki/page.ibd", "mysql/user.frm", "performance_schema/db.opt")) {
            b.vfsDirFile(DATA_VOLUME, file, new byte[64]);
        }
        b.linkgraph(Map.of(DB, "mediawiki_db_1", WIKI, "mediawiki_wiki_1"),
                List.<String[]>of(new String[] {WIKI, "db", DB}));
        b.log(WIKI, "", List.of(logLine("stdout", "2015-06-01T10:00:06Z", "apache started\n"),
                logLine("stderr", "2015-06-01T10:00:07Z", "AH00558: could not determine the FQDN\n")));

        DockerRoot root = DockerRoot.open(disk);

        Container db = root.container("mediawiki_db_1").orElseThrow();
        assertThat(db.mounts()).singleElement().satisfies(m -> {
            assertThat(m.destination()).isEqualTo("/var/lib/mysql");
            assertThat(m.dataPath()).isEqualTo(b.root().resolve("vfs/dir").resolve(DATA_VOLUME));
        });
        Volume data = root.volume("cb40125946").orElseThrow();
        assertThat(data.containers()).containsExactly(new VolumeUse(DB, "/mediawiki_db_1", "/var/lib/mysql", true));
        assertThat(data.size()).isEqualTo(8 * 64);
        Container wiki = root.container(WIKI.substring(0, 12)).orElseThrow();
        assertThat(wiki.links()).containsExactly(new Link(DB, "/mediawiki_db_1", "db"));
        assertThat(wiki.restartPolicy()).isEqualTo("always");
        assertThat(root.containers()).extracting(Container::id).containsExactly(WIKI, DB);
        try (Stream<LogLine> logs = root.logs(wiki)) {
            assertThat(logs.map(l -> l.stream() + ": " + l.text())).containsExactly("stdout: apache started\n",
                    "stderr: AH00558: could not determine the FQDN\n");
        }
        assertThat(root.problems()).extracting(Problem::message)
                .noneMatch(m -> m.contains("volume") || m.contains("linkgraph") || m.contains("cannot"));
    }
}
