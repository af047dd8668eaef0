package io.github.drydock.layout;

import io.github.drydock.model.Container;
import io.github.drydock.model.Link;
import io.github.drydock.model.Problem;
import io.github.drydock.testing.ContainerRootBuilder;
import io.github.drydock.testing.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static io.github.drydock.testing.ContainerRootBuilder.hexId;
import static org.assertj.core.api.Assertions.assertThat;

class LinkGraphTest {
    private static final String DB = hexId("db");
    private static final String WEB = hexId("web");
    private static final FileTime LONG_AGO = FileTime.from(Instant.parse("2015-03-01T12:00:00Z"));

    @TempDir
    Path temp;

    private static Container only(List<Container> containers, String id) {
        return containers.stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
    }

    private ContainerRootBuilder twoContainers() {
        ContainerRootBuilder b = new ContainerRootBuilder(temp.resolve("docker")).legacyImage(hexId("image"));
        b.legacyContainer(DB).set("Name", "/db").write();
        b.legacyContainer(WEB).set("Name", null).write();
        return b;
    }

    @Test
    void namesAndLinksComeFromTheGraphAndTheEvidenceIsUntouched() throws IOException {
        ContainerRootBuilder b = twoContainers();
        Path db = b.linkgraph(Map.of(DB, "db", WEB, "web"), List.<String[]>of(new String[] {WEB, "mysql", DB}));
        Path journal = TestFiles.write(b.root().resolve("linkgraph.db-journal"), new byte[0]);
        Files.setLastModifiedTime(db, LONG_AGO);
        byte[] before = Files.readAllBytes(db);
        List<Path> filesBefore = listRoot(b.root());
        RootContext context = new RootContext(b.root(), null);

        List<Container> all = ContainerStore.read(context);

        assertThat(only(all, WEB).name()).isEqualTo("/web");
        assertThat(only(all, WEB).links()).containsExactly(new Link(DB, "/db", "mysql"));
        assertThat(only(all, DB).links()).isEmpty();
        assertThat(context.problems()).isEmpty();
        assertThat(Files.readAllBytes(db)).isEqualTo(before);
        assertThat(Files.getLastModifiedTime(db)).isEqualTo(LONG_AGO);
        assertThat(Files.size(journal)).isZero();
        assertThat(listRoot(b.root())).isEqualTo(filesBefore);
    }

    @Test
    void configNameIsKeptWhenTheGraphDisagrees() {
        ContainerRootBuilder b = twoContainers();
        b.linkgraph(Map.of(DB, "database", WEB, "web"), List.of());
        RootContext context = new RootContext(b.root(), null);

        List<Container> all = ContainerStore.read(context);

        assertThat(only(all, DB).name()).isEqualTo("/db");
        assertThat(context.problems()).singleElement().extracting(Problem::message).asString()
                .contains("config name /db", "says /database");
    }

    @Test
    void corruptedGraphIsAProblemAndNamesAndLinksComeFromTheConfigs() throws IOException {
        ContainerRootBuilder b = new ContainerRootBuilder(temp.resolve("docker")).legacyImage(hexId("image"));
        b.legacyContainer(DB).set("Name", "/db").write();
        b.legacyContainer(WEB).set("Name", "/web").host("Links", List.of("/db:/web/mysql")).write();
        byte[] garbage = new byte[8192];
        new Random(7).nextBytes(garbage);
        Path db = TestFiles.write(b.root().resolve("linkgraph.db"), garbage);
        Files.setLastModifiedTime(db, LONG_AGO);
        RootContext context = new RootContext(b.root(), null);

        List<Container> all = ContainerStore.read(context);

        assertThat(only(all, WEB).name()).isEqualTo("/web");
        assertThat(only(all, WEB).links()).containsExactly(new Link(DB, "/db", "mysql"));
        assertThat(context.problems()).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo(db.toString());
            assertThat(p.message()).contains("not a SQLite database", "hint");
        });
        assertThat(Files.readAllBytes(db)).isEqualTo(garbage);
        assertThat(Files.getLastModifiedTime(db)).isEqualTo(LONG_AGO);
    }

    @Test
    void truncatedGraphWithAValidHeaderIsAProblem() throws IOException {
        ContainerRootBuilder b = twoContainers();
        Path db = b.linkgraph(Map.of(DB, "db", WEB, "web"), List.of());
        byte[] whole = Files.readAllBytes(db);
        byte[] cut = Arrays.copyOf(whole, 100);
        Files.write(db, cut);
        RootContext context = new RootContext(b.root(), null);

        List<Container> all = ContainerStore.read(context);

        assertThat(all).extracting(Container::id).containsExactlyInAnyOrder(DB, WEB);
        assertThat(only(all, WEB).name()).isNull();
        assertThat(context.problems()).singleElement().extracting(Problem::message).asString()
                .startsWith("cannot read container names and links from " + db);
        assertThat(Files.readAllBytes(db)).isEqualTo(cut);
    }

    private static List<Path> listRoot(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.sorted().toList();
        }
    }
}
