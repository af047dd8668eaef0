package io.github.drydock.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.drydock.model.Container;
import io.github.drydock.model.HistoryEntry;
import io.github.drydock.model.Image;
import io.github.drydock.model.Mount;
import io.github.drydock.model.Problem;
import io.github.drydock.model.VolumeUse;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.List;

import static io.github.drydock.cli.CliFixtures.DB;
import static io.github.drydock.cli.CliFixtures.DEBIAN;
import static io.github.drydock.cli.CliFixtures.MYSQL;
import static io.github.drydock.cli.CliFixtures.MYSQL_VOLUME;
import static io.github.drydock.cli.CliFixtures.at;
import static io.github.drydock.cli.CliFixtures.container;
import static io.github.drydock.cli.CliFixtures.exited;
import static io.github.drydock.cli.CliFixtures.image;
import static io.github.drydock.cli.CliFixtures.volume;
import static io.github.drydock.cli.CliRun.keys;
import static org.assertj.core.api.Assertions.assertThat;

/** The {@code --json} documents scripts depend on: written, parsed back, keys checked. */
class JsonShapeTest {
    private static final Problem PROBLEM = new Problem("/r/graph/x/json", "cannot parse image json x: <path>: eof");

    private static JsonNode roundTrip(Object document) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CliJson.write(document, out);
        return CliJson.MAPPER.readTree(out.toByteArray());
    }

    @Test
    void containerListingCarriesTheDocumentedKeys() throws Exception {
        Mount mount = new Mount("/var/lib/mysql", "/var/lib/docker/vfs/dir/" + MYSQL_VOLUME, MYSQL_VOLUME, true,
                "volume", "local", Path.of("/mnt/var/lib/docker/vfs/dir/" + MYSQL_VOLUME));
        Container db = container(DB, "/db", MYSQL, "mysql:5.7.5", "2015-03-21T10:00:00Z",
                exited(3, "2015-04-01T12:00:00Z"), "/entrypoint.sh", List.of("mysqld"), List.of(mount));
        JsonNode doc = roundTrip(new Listing(List.of(db), List.of(PROBLEM)));
        assertThat(keys(doc)).containsExactly("items", "problems");
        JsonNode item = doc.get("items").get(0);
        assertThat(keys(item)).contains("id", "name", "imageId", "imageRef", "created", "state", "driver", "mounts",
                "logPath", "source");
        assertThat(item.get("id").asText()).isEqualTo(DB);
        assertThat(item.get("name").asText()).isEqualTo("/db");
        assertThat(item.get("created").asText()).isEqualTo("2015-03-21T10:00:00Z");
        assertThat(item.get("state").get("exitCode").asInt()).isEqualTo(3);
        assertThat(item.get("state").get("finishedAt").asText()).isEqualTo("2015-04-01T12:00:00Z");
        assertThat(item.get("logPath").asText()).as("paths are plain strings, not file:// URIs")
                .isEqualTo("/r/containers/" + DB + "/" + DB + "-json.log");
        JsonNode m = item.get("mounts").get(0);
        assertThat(keys(m)).contains("destination", "source", "volume", "rw");
        assertThat(m.get("volume").asText()).isEqualTo(MYSQL_VOLUME);
        assertThat(m.get("rw").asBoolean()).isTrue();
        assertThat(m.get("dataPath").asText()).isEqualTo("/mnt/var/lib/docker/vfs/dir/" + MYSQL_VOLUME);
        assertThat(keys(doc.get("problems").get(0))).containsExactly("path", "message");
        assertThat(doc.get("problems").get(0).get("path").asText()).isEqualTo("/r/graph/x/json");
    }

    @Test
    void imageListingCarriesTheDocumentedKeys() throws Exception {
        Image mysql = CliFixtures.withHistory(image(MYSQL, DEBIAN, "2015-03-20T10:00:00Z", 322_800_000, "mysql:5.7.5"),
                List.of(new HistoryEntry(MYSQL, at("2015-03-20T10:00:00Z"), "/bin/sh -c #(nop) CMD [\"mysqld\"]",
                        null, null, false, 0)));
        JsonNode item = roundTrip(new Listing(List.of(mysql), List.of())).get("items").get(0);
        assertThat(keys(item)).contains("id", "repoTags", "parentId", "created", "size", "virtualSize", "history");
        assertThat(keys(item)).doesNotContain("shortId");
        assertThat(item.get("id").asText()).isEqualTo(MYSQL).hasSize(64);
        assertThat(item.get("repoTags").get(0).asText()).isEqualTo("mysql:5.7.5");
        assertThat(item.get("parentId").asText()).isEqualTo(DEBIAN);
        assertThat(item.get("virtualSize").asLong()).isEqualTo(322_800_000L);
        assertThat(item.get("created").asText()).isEqualTo("2015-03-20T10:00:00Z");
        assertThat(keys(item.get("history").get(0)))
                .containsExactly("imageId", "created", "createdBy", "comment", "author", "emptyLayer", "size");
    }

    @Test
    void volumeListingCarriesTheDocumentedKeys() throws Exception {
        JsonNode item = roundTrip(new Listing(List.of(volume(MYSQL_VOLUME, Path.of("/mnt/vfs/dir/" + MYSQL_VOLUME),
                203_000_000, new VolumeUse(DB, "/db", "/var/lib/mysql", true))), List.of())).get("items").get(0);
        assertThat(keys(item)).contains("name", "path", "size", "containers");
        assertThat(keys(item)).doesNotContain("orphan");
        assertThat(item.get("path").asText()).isEqualTo("/mnt/vfs/dir/" + MYSQL_VOLUME);
        assertThat(keys(item.get("containers").get(0))).containsExactly("id", "name", "destination", "rw");
        assertThat(item.get("containers").get(0).get("destination").asText()).isEqualTo("/var/lib/mysql");
    }

    @Test
    void writingNeverClosesTheCallersStream() {
        class Closing extends ByteArrayOutputStream {
            boolean closed;

            @Override
            public void close() {
                closed = true;
            }
        }
        Closing out = new Closing();
        CliJson.write(new Listing(List.of(), List.of()), out);
        assertThat(out.closed).isFalse();
        assertThat(out.toString()).endsWith("}\n");
    }
}
