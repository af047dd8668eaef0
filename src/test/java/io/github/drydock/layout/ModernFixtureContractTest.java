package io.github.drydock.layout;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.drydock.DockerRoot;
import io.github.drydock.json.Json;
import io.github.drydock.model.ContainerLayer;
import io.github.drydock.model.HistoryEntry;
import io.github.drydock.model.Image;
import io.github.drydock.model.Layer;
import io.github.drydock.testing.ModernFixtureRoots;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The contract over real roots made by a real dockerd ({@code testdata/dockerd-<driver>/root.tar.gz},
 * see the README there): what drydock reads must equal what the daemon answered
 * ({@code reference/image-<id>.json} from {@code docker image inspect}, {@code history-*.jsonl},
 * {@code layers.tsv}, {@code layerdb-mounts.tsv}). Skipped where the fixtures are absent; point
 * {@code -Ddrydock.testdata=<folder>} elsewhere to run it against another copy.
 */
class ModernFixtureContractTest {
    /** Where the fixture script ran dockerd; recorded absolute paths start there. */
    private static final String ORIGINAL_ROOT = "/tmp/drydock-fixture/%s/root";

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"vfs", "overlay2"})
    void readsWhatTheDaemonAnswered(String driver) throws Exception {
        Path fixture = Path.of(System.getProperty("drydock.testdata", "testdata")).resolve("dockerd-" + driver);
        assumeTrue(Files.isRegularFile(fixture.resolve("root.tar.gz")), "no fixture at " + fixture);
        Path root = ModernFixtureRoots.extract(fixture.resolve("root.tar.gz"), tmp.resolve("root"));
        Path reference = fixture.resolve("reference");
        String original = String.format(ORIGINAL_ROOT, driver);

        DockerRoot docker = DockerRoot.open(root);
        RootDetector.Detected detected = RootDetector.detect(root);
        RootContext context = new RootContext(detected.root(), detected.filesystemRoot());
        ImageDbLayout store = ImageDbLayout.read(context, detected.drivers());

        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(docker.problems()).as("problems").isEmpty();
        soft.assertThat(docker.drivers()).as("active driver").filteredOn(d -> d.active())
                .extracting(d -> d.name()).containsExactly(driver);
        List<String> referenceIds = new ArrayList<>();
        for (Path file : list(reference, "image-")) {
            JsonNode inspect = Json.MAPPER.readTree(file.toFile()).get(0);
            referenceIds.add(hex(inspect.get("Id").asText()));
            checkImage(soft, docker, store, inspect, root.toString(), original);
        }
        soft.assertThat(docker.images()).extracting(Image::id).containsExactlyInAnyOrderElementsOf(referenceIds);
        for (Path file : list(reference, "history-")) {
            checkHistory(soft, docker, file);
        }
        checkLayers(soft, docker, reference.resolve("layers.tsv"));
        checkMounts(soft, store, reference.resolve("layerdb-mounts.tsv"));
        soft.assertAll();
    }

    private static void checkImage(SoftAssertions soft, DockerRoot docker, ImageDbLayout store, JsonNode inspect,
                                   String root, String original) throws Exception {
        String id = hex(inspect.get("Id").asText());
        Image image = docker.image(id).orElseThrow();
        String what = "image " + id.substring(0, 12) + " ";
        soft.assertThat(image.repoTags()).as(what + "RepoTags").containsExactlyInAnyOrderElementsOf(texts(inspect.get("RepoTags")));
        soft.assertThat(image.repoDigests()).as(what + "RepoDigests")
                .containsExactlyInAnyOrderElementsOf(texts(inspect.get("RepoDigests")));
        soft.assertThat(image.parentId()).as(what + "Parent").isEqualTo(hex(inspect.get("Parent").asText()));
        soft.assertThat(image.created()).as(what + "Created").isEqualTo(Instant.parse(inspect.get("Created").asText()));
        soft.assertThat(image.architecture()).as(what + "Architecture").isEqualTo(inspect.get("Architecture").asText());
        soft.assertThat(image.os()).as(what + "Os").isEqualTo(inspect.get("Os").asText());
        soft.assertThat(orEmpty(image.comment())).as(what + "Comment").isEqualTo(inspect.get("Comment").asText());
        soft.assertThat(orEmpty(image.dockerVersion())).as(what + "DockerVersion")
                .isEqualTo(inspect.get("DockerVersion").asText());
        soft.assertThat(image.size()).as(what + "Size").isEqualTo(inspect.get("Size").asLong());
        soft.assertThat(image.virtualSize()).as(what + "VirtualSize").isEqualTo(inspect.get("VirtualSize").asLong());
        JsonNode config = inspect.get("Config");
        soft.assertThat(image.config().cmd()).as(what + "Cmd").isEqualTo(texts(config.get("Cmd")));
        soft.assertThat(image.config().entrypoint()).as(what + "Entrypoint").isEqualTo(texts(config.get("Entrypoint")));
        soft.assertThat(image.config().env()).as(what + "Env").isEqualTo(texts(config.get("Env")));
        soft.assertThat(orEmpty(image.config().workingDir())).as(what + "WorkingDir")
                .isEqualTo(config.get("WorkingDir").asText());
        soft.assertThat(image.config().exposedPorts()).as(what + "ExposedPorts").isEqualTo(keys(config.get("ExposedPorts")));
        soft.assertThat(image.config().volumes()).as(what + "Volumes").isEqualTo(keys(config.get("Volumes")));
        Map<String, String> labels = new TreeMap<>();
        if (config.get("Labels") != null) {
            config.get("Labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        }
        soft.assertThat(image.config().labels()).as(what + "Labels").isEqualTo(labels);
        soft.assertThat(image.layers()).extracting(Layer::diffId).as(what + "RootFS.Layers")
                .isEqualTo(texts(inspect.get("RootFS").get("Layers")).stream().map(ModernFixtureContractTest::hex).toList());
        JsonNode data = inspect.get("GraphDriver").get("Data");
        String top = image.layers().isEmpty() ? null : String.valueOf(image.layers().get(image.layers().size() - 1).path());
        for (String key : List.of("UpperDir", "Dir")) {
            if (data != null && data.hasNonNull(key)) {
                soft.assertThat(top).as(what + key).isEqualTo(data.get(key).asText().replace(original, root));
            }
        }
        if (data != null && data.hasNonNull("LowerDir")) {
            List<String> lower = new ArrayList<>();
            for (int i = image.layers().size() - 2; i >= 0; i--) {
                lower.add(String.valueOf(image.layers().get(i).path()));
            }
            soft.assertThat(lower).as(what + "LowerDir")
                    .isEqualTo(List.of(data.get("LowerDir").asText().replace(original, root).split(":")));
        }
        String lastTag = inspect.get("Metadata").path("LastTagTime").asText("");
        soft.assertThat(store.lastTagTime(id)).as(what + "LastTagTime").isEqualTo(
                lastTag.isEmpty() || lastTag.startsWith("0001-") ? java.util.Optional.empty()
                        : java.util.Optional.of(Instant.parse(lastTag)));
    }

    /** {@code docker history --format json}: newest first, sizes as the CLI prints them. */
    private static void checkHistory(SoftAssertions soft, DockerRoot docker, Path file) throws Exception {
        List<JsonNode> rows = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (!line.isBlank()) {
                rows.add(Json.MAPPER.readTree(line));
            }
        }
        Collections.reverse(rows);
        String id = hex(rows.get(rows.size() - 1).get("ID").asText());
        Image image = docker.image(id).orElseThrow();
        soft.assertThat(image.history()).extracting(h -> orEmpty(h.createdBy())).as(file + " CreatedBy")
                .isEqualTo(rows.stream().map(r -> r.get("CreatedBy").asText()).toList());
        soft.assertThat(image.history()).extracting(HistoryEntry::size).extracting(ModernFixtureContractTest::humanSize)
                .as(file + " Size").isEqualTo(rows.stream().map(r -> r.get("Size").asText()).toList());
    }

    /** {@code layers.tsv}: chain id, diff id, cache id, size, parent chain id ({@code -} for none). */
    private static void checkLayers(SoftAssertions soft, DockerRoot docker, Path tsv) throws IOException {
        for (String line : Files.readAllLines(tsv)) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t");
            Layer layer = docker.layers().stream().filter(l -> l.id().equals(hex(f[0]))).findFirst().orElse(null);
            soft.assertThat(layer).as("layer " + f[0]).isNotNull();
            if (layer != null) {
                soft.assertThat(List.of(orEmpty(layer.diffId()), orEmpty(layer.cacheId()), Long.toString(layer.size()),
                        layer.parentId() == null ? "-" : layer.parentId())).as("layer " + f[0])
                        .isEqualTo(List.of(hex(f[1]), f[2], f[3], f[4].equals("-") ? "-" : hex(f[4])));
                soft.assertThat(layer.path()).as("layer folder " + f[0]).isDirectory();
                soft.assertThat(layer.tarSplit()).as("tar-split " + f[0]).isRegularFile();
            }
        }
    }

    /** {@code layerdb-mounts.tsv}: container id, name, mount id, init id, image top chain id. */
    private static void checkMounts(SoftAssertions soft, ImageDbLayout store, Path tsv) throws IOException {
        for (String line : Files.readAllLines(tsv)) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t");
            ContainerLayer layer = store.containerLayer(f[0]).orElse(null);
            soft.assertThat(layer).as("container " + f[1]).isNotNull();
            if (layer != null) {
                soft.assertThat(List.of(layer.mountId(), layer.initId())).as("container " + f[1]).isEqualTo(List.of(f[2], f[3]));
                soft.assertThat(layer.path()).as("container folder " + f[1]).isDirectory();
                soft.assertThat(layer.initPath()).as("init folder " + f[1]).isDirectory();
            }
        }
    }

    /** Docker's {@code units.HumanSizeWithPrecision(size, 3)}, as {@code docker history} prints sizes. */
    static String humanSize(long size) {
        String[] units = {"B", "kB", "MB", "GB", "TB"};
        double value = size;
        int unit = 0;
        while (value >= 1000 && unit < units.length - 1) {
            value /= 1000;
            unit++;
        }
        return new BigDecimal(value).round(new MathContext(3)).stripTrailingZeros().toPlainString() + units[unit];
    }

    private static List<Path> list(Path dir, String prefix) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith(prefix)).sorted().toList();
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        if (array != null && array.isArray()) {
            array.forEach(n -> texts.add(n.asText()));
        }
        return texts;
    }

    private static List<String> keys(JsonNode object) {
        List<String> keys = new ArrayList<>();
        if (object != null && object.isObject()) {
            object.fieldNames().forEachRemaining(keys::add);
        }
        return keys.stream().sorted().toList();
    }

    private static String hex(String digest) {
        return digest == null || digest.isEmpty() ? null : digest.replaceFirst("^sha256:", "");
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }
}
