package io.github.drydock.contract;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.drydock.DockerRoot;
import io.github.drydock.model.AmbiguousReferenceException;
import io.github.drydock.model.Container;
import io.github.drydock.model.Image;
import io.github.drydock.model.Layer;
import io.github.drydock.contract.BrokenExpectations.Broken;
import io.github.drydock.contract.BrokenExpectations.Expected;
import io.github.drydock.testing.Fixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.github.drydock.contract.BrokenExpectations.AMB_ONE;
import static io.github.drydock.contract.BrokenExpectations.AMB_TWO;
import static io.github.drydock.contract.BrokenExpectations.APP_CONTAINER;
import static io.github.drydock.contract.BrokenExpectations.APP_IMAGE;
import static io.github.drydock.contract.BrokenExpectations.BASE;
import static io.github.drydock.contract.BrokenExpectations.CYCLE_A;
import static io.github.drydock.contract.BrokenExpectations.CYCLE_B;
import static io.github.drydock.contract.BrokenExpectations.ESCAPING_VOLUME;
import static io.github.drydock.contract.BrokenExpectations.FIRST;
import static io.github.drydock.contract.BrokenExpectations.GONE_IMAGE;
import static io.github.drydock.contract.BrokenExpectations.LOST;
import static io.github.drydock.contract.BrokenExpectations.MISSING_PARENT;
import static io.github.drydock.contract.BrokenExpectations.SECOND;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every root under {@code testdata/broken/} (see its README): the one damage is reported where it is,
 * saying why, and the healthy part (images {@code fa8f…} and {@code app:1}, container {@code /app}) is
 * still listed; nothing read leaves the root; {@code --strict} turns the damage into exit code 1.
 */
class BrokenRootsTest {
    @TempDir
    static Path temp;
    private static final Map<String, Path> MATERIALIZED = new HashMap<>();

    @AfterAll
    static void forget() {
        MATERIALIZED.clear();
    }

    static Stream<Broken> roots() {
        return BrokenExpectations.all();
    }

    private static Path materialize(String fixture) {
        return MATERIALIZED.computeIfAbsent(fixture, name -> Fixtures.materialize(name, temp));
    }

    private static DockerRoot open(String fixture) throws Exception {
        return DockerRoot.open(materialize(fixture));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("roots")
    void theDamageIsReportedWhereItIsSayingWhy(Broken broken) throws Exception {
        DockerRoot root = open(broken.fixture());
        for (Expected expected : broken.problems()) {
            assertThat(root.problems()).as("%s", expected).anyMatch(expected::matches);
        }
        assertThat(root.problems()).as("no other problem").hasSameSizeAs(broken.problems());
        assertThat(root.problems()).allSatisfy(p -> assertThat(p.path()).startsWith(root.path().toString()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("roots")
    void theHealthyImagesAndContainerAreStillListed(Broken broken) throws Exception {
        DockerRoot root = open(broken.fixture());
        assertThat(root.images()).extracting(Image::id).contains(BASE, APP_IMAGE);
        Container app = root.container("/app").orElseThrow();
        assertThat(app.id()).isEqualTo(APP_CONTAINER);
        assertThat(app.imageId()).isEqualTo(APP_IMAGE);
        assertThat(root.container("app")).containsSame(app);
        assertThat(root.container(APP_CONTAINER.substring(0, 12))).containsSame(app);
        if (broken.fixture().endsWith("bad-repositories")) {
            assertThat(root.image("app:1")).isEmpty();
            assertThat(root.images()).allSatisfy(i -> assertThat(i.repoTags()).isEmpty());
        } else {
            assertThat(root.image("app:1")).map(Image::id).contains(APP_IMAGE);
        }
        ContractCli containers = ContractCli.run(root.path(), "containers");
        assertThat(containers.code()).isZero();
        assertThat(containers.out()).contains(APP_CONTAINER.substring(0, 12)).containsPattern("(?m) app$");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("roots")
    void everyParentExistsOrIsReportedAndChainsEndWithTheImage(Broken broken) throws Exception {
        DockerRoot root = open(broken.fixture());
        for (Image image : root.images()) {
            if (image.parentId() != null && root.image(image.parentId()).isEmpty()) {
                assertThat(root.problems()).as("missing parent of %s reported", image.id())
                        .anyMatch(p -> p.message().contains(image.parentId()));
            }
            List<Layer> layers = image.layers();
            assertThat(layers).as("layers of %s", image.id()).isNotEmpty()
                    .hasSizeLessThanOrEqualTo(root.images().size());
            assertThat(layers.get(layers.size() - 1).id()).isEqualTo(image.id());
            for (int i = 1; i < layers.size(); i++) {
                assertThat(layers.get(i).parentId()).isEqualTo(layers.get(i - 1).id());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("roots")
    void noPathLeavesTheRoot(Broken broken) throws Exception {
        Path dir = materialize(broken.fixture());
        DockerRoot root = DockerRoot.open(dir);
        Path real = dir.toRealPath();
        Inside inside = (path, what) -> assertInside(dir, real, path, what);
        for (Image image : root.images()) {
            inside.check(image.source(), "source of image " + image.id());
            for (Layer layer : image.layers()) {
                inside.check(layer.path(), "layer " + layer.id());
                inside.check(layer.tarSplit(), "tar-split of " + layer.id());
            }
        }
        for (Container c : root.containers()) {
            inside.check(c.source(), "config of " + c.name());
            inside.check(c.logPath(), "log of " + c.name());
            if (c.layer() != null) {
                inside.check(c.layer().path(), "rw layer of " + c.name());
                inside.check(c.layer().initPath(), "init layer of " + c.name());
            }
            c.mounts().forEach(m -> inside.check(m.dataPath(), "mount " + m.destination() + " of " + c.name()));
        }
        root.volumes().forEach(v -> inside.check(v.path(), "volume " + v.name()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("roots")
    void strictExitsOneOnDamageAndZeroWithout(Broken broken) {
        Path dir = materialize(broken.fixture());
        int damaged = broken.problems().isEmpty() ? 0 : 1;
        for (String command : List.of("info", "images", "containers", "volumes")) {
            ContractCli lenient = ContractCli.run(dir, command);
            assertThat(lenient.code()).as(lenient.toString()).isZero();
            ContractCli strict = ContractCli.run(dir, "--strict", command);
            assertThat(strict.code()).as(strict.toString()).isEqualTo(damaged);
            assertThat(strict.out()).isEqualTo(lenient.out());
            for (Expected expected : broken.problems()) {
                assertThat(strict.err().lines()).as("%s in %s", expected, strict)
                        .anyMatch(l -> l.startsWith("drydock: problem: " + dir)
                                && expected.pathEnds().stream().anyMatch(e -> l.contains("/" + e + ": ")));
            }
        }
        ContractCli json = ContractCli.run(dir, "--json", "--strict", "info");
        assertThat(json.code()).isEqualTo(damaged);
        assertThat(json.err()).isEmpty();
        JsonNode problems = json.json().get("problems");
        assertThat(problems).hasSize(broken.problems().size());
        problems.forEach(p -> assertThat(ContractCli.keys(p)).containsExactly("path", "message"));
    }

    @Test
    void ambiguousPrefixesNameBothCandidatesWhileFullIdsAndNamesResolve() throws Exception {
        DockerRoot root = open("broken/ambiguous-prefix");
        assertThatThrownBy(() -> root.image("abcdef")).isInstanceOfSatisfying(AmbiguousReferenceException.class,
                e -> assertThat(e.candidates()).containsExactly(AMB_ONE, AMB_TWO));
        assertThatThrownBy(() -> root.container("c0ffee")).isInstanceOfSatisfying(AmbiguousReferenceException.class,
                e -> assertThat(e.candidates()).containsExactly(SECOND, FIRST));
        assertThat(root.image(AMB_ONE)).map(Image::repoTags).contains(List.of("amb:one"));
        assertThat(root.image("amb:two")).map(Image::id).contains(AMB_TWO);
        assertThat(root.image("abcdef1")).map(Image::id).contains(AMB_ONE);
        assertThat(root.container("/first")).map(Container::id).contains(FIRST);
        assertThat(root.container("second")).map(Container::id).contains(SECOND);
        assertThat(root.container(FIRST)).map(Container::name).contains("/first");
    }

    @Test
    void ambiguousPrefixesMakeTheCliExitOnePrintingBothCandidates() {
        Path dir = materialize("broken/ambiguous-prefix");
        for (List<String> args : List.of(List.of("inspect", "abcdef"), List.of("history", "abcdef"),
                List.of("--json", "inspect", "abcdef"), List.of("inspect", "c0ffee"), List.of("logs", "c0ffee"),
                List.of("--json", "logs", "c0ffee"))) {
            ContractCli run = ContractCli.run(dir, args.toArray(String[]::new));
            boolean image = args.contains("abcdef");
            assertThat(run.code()).as(run.toString()).isEqualTo(1);
            assertThat(run.out()).as(run.toString()).isEmpty();
            assertThat(run.err()).as(run.toString()).startsWith("drydock: ambiguous reference")
                    .contains(image ? AMB_ONE : FIRST).contains(image ? AMB_TWO : SECOND);
        }
    }

    @Test
    void symlinkEscapeIsRefusedAndTheInLayerLinkIsNotFollowed() throws Exception {
        Path dir = materialize("broken/symlink-escape");
        DockerRoot root = DockerRoot.open(dir);
        assertThat(root.volume(ESCAPING_VOLUME)).hasValueSatisfying(v -> assertThat(v.path()).isNull());
        Image app = root.image("app:1").orElseThrow();
        assertThat(app.layers()).extracting(Layer::id).containsExactly(BASE, APP_IMAGE);
        assertThat(app.layers().get(1).path()).as("the escaping diff link is refused").isNull();
        Path base = app.layers().get(0).path();
        assertThat(base).isEqualTo(dir.resolve("aufs/diff/" + BASE));
        assertThat(Files.isSymbolicLink(base.resolve("etc/shadow.link"))).isTrue();
        assertThat(Files.readSymbolicLink(base.resolve("etc/shadow.link"))).hasToString("/etc/shadow");
        ContractCli volumes = ContractCli.run(dir, "volumes");
        assertThat(volumes.out()).containsPattern(ESCAPING_VOLUME + " .*\\(missing\\)");
        assertThat(volumes.out()).doesNotContain("/etc");
    }

    @Test
    void corruptLinkgraphStillNamesContainersFromTheirConfig() throws Exception {
        DockerRoot root = open("broken/corrupt-linkgraph");
        assertThat(root.containers()).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo("/app");
            assertThat(c.links()).isEmpty();
        });
    }

    @Test
    void containerWithoutImageIsListedWithItsOwnLayer() throws Exception {
        DockerRoot root = open("broken/container-without-image");
        Container lost = root.container("/lost").orElseThrow();
        assertThat(lost.id()).isEqualTo(LOST);
        assertThat(lost.imageId()).isEqualTo(GONE_IMAGE);
        assertThat(root.image(GONE_IMAGE)).isEmpty();
        assertThat(lost.layer()).isNotNull();
        assertThat(lost.layer().path().resolve("root/.ash_history")).isRegularFile();
        ContractCli inspect = ContractCli.run(root.path(), "inspect", "lost");
        assertThat(inspect.code()).isZero();
        assertThat(inspect.json().get("imageId").asText()).isEqualTo(GONE_IMAGE);
        assertThat(inspect.err()).contains("drydock: problem: ").contains(GONE_IMAGE + " is gone");
    }

    @Test
    void parentCycleTerminatesWithBothImagesListedAndAppChainWhole() throws Exception {
        DockerRoot root = open("broken/parent-cycle");
        assertThat(root.images()).extracting(Image::id).containsExactlyInAnyOrder(BASE, APP_IMAGE, CYCLE_A, CYCLE_B);
        assertThat(root.image("cycle:latest")).map(Image::id).contains(CYCLE_A);
        assertThat(root.image(CYCLE_A).orElseThrow().layers()).extracting(Layer::id).containsExactly(CYCLE_B, CYCLE_A);
        assertThat(root.image("app:1").orElseThrow().layers()).extracting(Layer::id).containsExactly(BASE, APP_IMAGE);
        ContractCli tree = ContractCli.run(root.path(), "images", "--tree");
        assertThat(tree.code()).isZero();
        assertThat(tree.out()).contains(CYCLE_A.substring(0, 12)).contains(CYCLE_B.substring(0, 12));
    }

    @Test
    void truncatedJsonLeavesTheImageListedUnderItsTag() throws Exception {
        DockerRoot root = open("broken/truncated-json");
        Image app = root.image("app:1").orElseThrow();
        assertThat(app.id()).isEqualTo(APP_IMAGE);
        assertThat(app.created()).isNull();
        assertThat(app.layers()).extracting(Layer::id).endsWith(APP_IMAGE);
        assertThat(root.image(BASE).orElseThrow().created()).isNotNull();
    }

    @Test
    void missingDiffListsTheImageWithoutItsFiles() throws Exception {
        DockerRoot root = open("broken/missing-diff");
        Image app = root.image("app:1").orElseThrow();
        assertThat(app.layers()).extracting(Layer::id).containsExactly(BASE, APP_IMAGE);
        assertThat(app.layers().get(1).path()).isNull();
        assertThat(app.layers().get(0).path()).isDirectory();
    }

    @Test
    void danglingParentEndsTheChainAtTheImage() throws Exception {
        DockerRoot root = open("broken/dangling-parent");
        Image app = root.image("app:1").orElseThrow();
        assertThat(app.parentId()).isEqualTo(MISSING_PARENT);
        assertThat(app.layers()).extracting(Layer::id).containsExactly(APP_IMAGE);
        assertThat(root.image(BASE)).isPresent();
    }

    /** Checks one path of the model. */
    private interface Inside {
        void check(Path path, String what);
    }

    /**
     * Null, or a path lexically under the root whose real location (of itself when it exists, else of
     * its nearest existing parent) is inside the root's real location.
     */
    private static void assertInside(Path root, Path realRoot, Path path, String what) {
        if (path == null) {
            return;
        }
        Path normal = path.toAbsolutePath().normalize();
        assertThat(normal).as(what).startsWithRaw(root);
        Path existing = normal;
        while (!Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        try {
            assertThat(existing.toRealPath()).as(what + " (" + path + ")").startsWithRaw(realRoot);
        } catch (IOException e) {
            throw new AssertionError(what + ": cannot resolve " + path, e);
        }
    }
}
