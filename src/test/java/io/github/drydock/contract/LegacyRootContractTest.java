package io.github.drydock.contract;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.drydock.DockerRoot;
import io.github.drydock.cli.HumanSize;
import io.github.drydock.contract.LegacyExpectations.ContainerFacts;
import io.github.drydock.contract.LegacyExpectations.Root;
import io.github.drydock.contract.LegacyExpectations.VolumeFacts;
import io.github.drydock.model.Container;
import io.github.drydock.model.Driver;
import io.github.drydock.model.Generation;
import io.github.drydock.model.Image;
import io.github.drydock.model.Layer;
import io.github.drydock.model.Mount;
import io.github.drydock.model.Volume;
import io.github.drydock.testing.Fixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract every legacy fixture root keeps: its README's facts (ids, tags, virtual sizes,
 * containers, volumes, drivers, no problems) and the generic invariants of a readable root (parents,
 * layer order, lookups, paths inside the root, the JSON keys scripts rely on). One test, run over
 * every root in {@link LegacyExpectations#all()}.
 */
class LegacyRootContractTest {
    /** Shared by every test of the class: the roots are only read, never changed. */
    @TempDir
    static Path temp;
    private static final Map<String, Path> MATERIALIZED = new HashMap<>();

    static Stream<Root> roots() {
        return LegacyExpectations.all();
    }

    @AfterAll
    static void forget() {
        MATERIALIZED.clear();
    }

    private static Path materialize(Root expected) {
        return MATERIALIZED.computeIfAbsent(expected.fixture(), name -> Fixtures.materialize(name, temp));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("roots")
    void rootIsLegacyWithItsDriversAndNoProblems(Root expected) throws Exception {
        DockerRoot root = DockerRoot.open(materialize(expected));
        assertThat(root.generation()).isEqualTo(Generation.LEGACY);
        assertThat(root.drivers()).extracting(Driver::name).containsExactlyInAnyOrderElementsOf(expected.driverNames());
        assertThat(root.drivers()).filteredOn(Driver::active).extracting(Driver::name)
                .containsExactly(expected.activeDriver());
        assertThat(root.problems()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("roots")
    void imagesTagsAndVirtualSizesAreTheReadmes(Root expected) throws Exception {
        DockerRoot root = DockerRoot.open(materialize(expected));
        assertThat(root.images()).extracting(Image::id).containsExactlyElementsOf(expected.imageIds());
        assertThat(root.images()).filteredOn(i -> i.parentId() == null).extracting(Image::id)
                .containsExactlyElementsOf(expected.baseImages());
        for (Map.Entry<String, List<String>> chain : expected.chains().entrySet()) {
            Image image = root.image(chain.getKey()).orElseThrow();
            assertThat(image.layers()).as("layers of %s", image.id()).extracting(Layer::id)
                    .containsExactlyElementsOf(chain.getValue());
        }
        for (Image image : root.images()) {
            List<String> tags = expected.tags().entrySet().stream().filter(t -> t.getValue().equals(image.id()))
                    .map(Map.Entry::getKey).sorted().toList();
            assertThat(image.repoTags()).as("tags of %s", image.id()).containsExactlyInAnyOrderElementsOf(tags);
        }
        for (Map.Entry<String, String> tag : expected.tags().entrySet()) {
            assertThat(root.image(tag.getKey())).map(Image::id).as(tag.getKey()).contains(tag.getValue());
        }
        for (Map.Entry<String, String> digest : expected.digests().entrySet()) {
            assertThat(root.image(digest.getKey())).map(Image::id).as(digest.getKey()).contains(digest.getValue());
        }
        for (Map.Entry<String, String> size : expected.virtualSizes().entrySet()) {
            Image image = root.image(size.getKey()).orElseThrow();
            assertThat(HumanSize.format(image.virtualSize())).as("virtual size of %s", size.getKey())
                    .isEqualTo(size.getValue());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("roots")
    void virtualSizeIsTheSumOfTheLayersizeFilesFromTheBase(Root expected) throws Exception {
        Path dir = materialize(expected);
        DockerRoot root = DockerRoot.open(dir);
        for (List<String> chain : expected.chains().values()) {
            long sum = 0;
            for (String id : chain) {
                long own = Long.parseLong(Files.readString(dir.resolve("graph/" + id + "/layersize"),
                        StandardCharsets.US_ASCII).trim());
                sum += own;
                Image image = root.image(id).orElseThrow();
                assertThat(image.size()).as("own size of %s", id).isEqualTo(own);
                assertThat(image.virtualSize()).as("virtual size of %s", id).isEqualTo(sum);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("roots")
    void containersHaveTheirNamesImagesStatesAndMounts(Root expected) throws Exception {
        DockerRoot root = DockerRoot.open(materialize(expected));
        assertThat(root.containers()).extracting(Container::id)
                .containsExactlyInAnyOrderElementsOf(expected.containers().stream().map(ContainerFacts::id).toList());
        for (ContainerFacts facts : expected.containers()) {
            Container c = root.container(facts.id()).orElseThrow();
            assertThat(c.name()).isEqualTo(facts.name());
            assertThat(c.imageId()).as("image of %s", facts.name()).isEqualTo(facts.imageId());
            assertThat(c.imageRef()).as("Config.Image of %s", facts.name()).isEqualTo(facts.imageRef());
            assertThat(c.state().status()).as("status of %s", facts.name()).isEqualTo(facts.status());
            assertThat(c.state().exitCode()).as("exit code of %s", facts.name()).isEqualTo(facts.exitCode());
            assertThat(c.driver()).isEqualTo(expected.activeDriver());
            assertThat(c.mounts().stream().map(LegacyRootContractTest::describe).sorted())
                    .as("mounts of %s", facts.name()).containsExactlyElementsOf(facts.mounts());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("roots")
    void volumesHaveTheirContainerDestinationAndFiles(Root expected) throws Exception {
        DockerRoot root = DockerRoot.open(materialize(expected));
        assertThat(root.volumes()).extracting(Volume::name)
                .containsExactlyInAnyOrderElementsOf(expected.volumes().stream().map(VolumeFacts::name).toList());
        for (VolumeFacts facts : expected.volumes()) {
            Volume v = root.volume(facts.name()).orElseThrow();
            assertThat(v.path()).as("data folder of %s", facts.name()).isEqualTo(root.path().resolve(facts.path()));
            if (facts.container() == null) {
                assertThat(v.orphan()).as("%s is an orphan", facts.name()).isTrue();
            } else {
                assertThat(v.containers()).as("users of %s", facts.name()).singleElement().satisfies(use -> {
                    assertThat(use.name()).isEqualTo(facts.container());
                    assertThat(use.destination()).isEqualTo(facts.destination());
                    assertThat(root.container(use.id())).map(Container::name).contains(facts.container());
                });
            }
            for (String file : facts.files()) {
                Path entry = v.path().resolve(file);
                boolean present = file.endsWith("/") ? Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)
                        : Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS);
                assertThat(present).as("%s in %s", file, v.name()).isTrue();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("roots")
    void everyParentExistsAndLayersRunBaseFirstToTheImageItself(Root expected) throws Exception {
        DockerRoot root = DockerRoot.open(materialize(expected));
        for (Image image : root.images()) {
            if (image.parentId() != null) {
                boolean known = root.image(image.parentId()).isPresent();
                boolean reported = root.problems().stream().anyMatch(p -> p.message().contains(image.parentId()));
                assertThat(known || reported).as("parent of %s exists or is reported", image.id()).isTrue();
            }
            List<Layer> layers = image.layers();
            assertThat(layers).as("layers of %s", image.id()).isNotEmpty();
            assertThat(layers.get(layers.size() - 1).id()).isEqualTo(image.id());
            assertThat(layers.get(0).parentId()).isNull();
            for (int i = 1; i < layers.size(); i++) {
                assertThat(layers.get(i).parentId()).as("layer %d of %s", i, image.id())
                        .isEqualTo(layers.get(i - 1).id());
            }
            for (Layer layer : layers) {
                assertThat(layer.path()).as("files of layer %s", layer.id()).isNotNull();
                assertThat(layer.path()).isDirectory();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("roots")
    void containersResolveTheirImageAndLayerAndVolumesStayInsideTheRoot(Root expected) throws Exception {
        Path dir = materialize(expected);
        DockerRoot root = DockerRoot.open(dir);
        Path real = dir.toRealPath();
        for (Container c : root.containers()) {
            assertThat(root.image(c.imageId())).as("image of %s", c.name()).isPresent();
            assertThat(c.layer()).as("layer of %s", c.name()).isNotNull();
            assertThat(c.layer().path()).as("rw layer of %s", c.name()).isDirectory();
            assertThat(c.layer().initPath()).as("init layer of %s", c.name()).isDirectory();
            assertThat(c.layer().path().toRealPath()).startsWith(real);
        }
        for (Volume v : root.volumes()) {
            assertThat(v.path()).as("data of %s", v.name()).isNotNull().isDirectory();
            assertThat(v.path().toRealPath()).as("data of %s", v.name()).startsWith(real);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("roots")
    void everyReferenceFormResolvesToTheSameObject(Root expected) throws Exception {
        DockerRoot root = DockerRoot.open(materialize(expected));
        for (Image image : root.images()) {
            assertThat(root.image(image.id())).containsSame(image);
            assertThat(root.image("sha256:" + image.id())).containsSame(image);
            assertThat(root.image(image.id().substring(0, 12))).containsSame(image);
            for (String tag : image.repoTags()) {
                assertThat(root.image(tag)).as(tag).containsSame(image);
            }
        }
        for (Map.Entry<String, String> tag : expected.tags().entrySet()) {
            Image image = root.image(tag.getValue()).orElseThrow();
            assertThat(root.image(tag.getKey())).containsSame(image);
            if (tag.getKey().endsWith(":latest")) {
                assertThat(root.image(tag.getKey().substring(0, tag.getKey().length() - 7))).containsSame(image);
            }
        }
        for (Container c : root.containers()) {
            assertThat(root.container(c.id())).containsSame(c);
            assertThat(root.container(c.id().substring(0, 12))).containsSame(c);
            assertThat(root.container(c.name())).as(c.name()).containsSame(c);
            assertThat(root.container(c.name().substring(1))).as(c.name()).containsSame(c);
        }
        for (Volume v : root.volumes()) {
            assertThat(root.volume(v.name())).containsSame(v);
            if (v.anonymous()) {
                assertThat(root.volume(v.name().substring(0, 12))).containsSame(v);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("roots")
    void jsonDocumentsCarryTheContractKeys(Root expected) throws Exception {
        Path dir = materialize(expected);
        JsonNode info = json(dir, "info");
        assertThat(ContractCli.keys(info)).contains("generation", "drivers", "counts", "problems");
        assertThat(info.get("generation").asText()).isEqualTo("LEGACY");
        assertThat(info.get("counts").get("images").asInt()).isEqualTo(expected.imageIds().size());
        assertThat(info.get("counts").get("containers").asInt()).isEqualTo(expected.containers().size());
        assertThat(info.get("counts").get("volumes").asInt()).isEqualTo(expected.volumes().size());
        assertThat(info.get("problems")).isEmpty();

        List<String> visible = texts(listing(dir, "images"), "id").stream().map(id -> id.substring(0, 12)).toList();
        List<String> table = ContractCli.run(dir, "images").out().lines().skip(1)
                .map(l -> l.split(" +")[2]).toList();
        assertThat(visible).as("--json images lists what the table shows").containsExactlyElementsOf(table);
        JsonNode images = listing(dir, "images", "-a");
        assertThat(texts(images, "id")).containsExactlyInAnyOrderElementsOf(expected.imageIds());
        images.forEach(i -> assertThat(ContractCli.keys(i))
                .contains("id", "repoTags", "parentId", "created", "size", "virtualSize"));

        JsonNode containers = listing(dir, "containers");
        assertThat(texts(containers, "name"))
                .containsExactlyInAnyOrderElementsOf(expected.containers().stream().map(ContainerFacts::name).toList());
        for (JsonNode c : containers) {
            assertThat(ContractCli.keys(c))
                    .contains("id", "name", "imageId", "imageRef", "created", "state", "driver", "mounts");
            assertThat(c.get("mounts")).isNotEmpty().allSatisfy(m -> assertThat(ContractCli.keys(m))
                    .contains("destination", "source", "volume", "rw"));
        }

        JsonNode volumes = listing(dir, "volumes");
        assertThat(texts(volumes, "name"))
                .containsExactlyInAnyOrderElementsOf(expected.volumes().stream().map(VolumeFacts::name).toList());
        for (JsonNode v : volumes) {
            assertThat(ContractCli.keys(v)).contains("name", "path", "size", "containers");
            VolumeFacts facts = expected.volumes().stream().filter(f -> f.name().equals(v.get("name").asText()))
                    .findFirst().orElseThrow();
            assertThat(v.get("path").asText()).isEqualTo(dir.resolve(facts.path()).toString());
            v.get("containers").forEach(u -> assertThat(ContractCli.keys(u)).contains("id", "name", "destination"));
            assertThat(v.get("containers")).hasSize(facts.container() == null ? 0 : 1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("roots")
    void humanListingsPrintTagsSizesNamesStatesAndOrphans(Root expected) throws Exception {
        Path dir = materialize(expected);
        ContractCli images = ContractCli.run(dir, "images");
        assertThat(images.code()).as(images.toString()).isZero();
        for (Map.Entry<String, String> size : expected.virtualSizes().entrySet()) {
            String repo = size.getKey().substring(0, size.getKey().lastIndexOf(':'));
            String tag = size.getKey().substring(size.getKey().lastIndexOf(':') + 1);
            String shortId = expected.tags().get(size.getKey()).substring(0, 12);
            assertThat(images.out().lines()).as(images.toString())
                    .anyMatch(l -> l.matches("^" + quote(repo) + " +" + quote(tag) + " +" + shortId + " .* "
                            + quote(size.getValue()) + "$"));
        }
        ContractCli containers = ContractCli.run(dir, "containers");
        assertThat(containers.code()).isZero();
        for (ContainerFacts c : expected.containers()) {
            assertThat(containers.out().lines()).as(containers.toString())
                    .anyMatch(l -> l.startsWith(c.id().substring(0, 12)) && l.endsWith(" " + c.name().substring(1))
                            && l.contains("Exited (" + c.exitCode() + ")"));
        }
        ContractCli volumes = ContractCli.run(dir, "volumes");
        assertThat(volumes.code()).isZero();
        for (VolumeFacts v : expected.volumes()) {
            String who = v.container() == null ? "(orphan)" : v.container().substring(1);
            String where = v.destination() == null ? "-" : v.destination();
            assertThat(volumes.out().lines()).as(volumes.toString()).anyMatch(l -> l.startsWith(v.name() + " ")
                    && l.matches(".* " + quote(who) + " +" + quote(where) + " +" + quote(v.path()) + "$"));
        }
        assertThat(images.err() + containers.err() + volumes.err()).isEmpty();
    }

    private static JsonNode json(Path dir, String... args) {
        String[] all = Stream.concat(Stream.of("--json"), Stream.of(args)).toArray(String[]::new);
        ContractCli run = ContractCli.run(dir, all);
        assertThat(run.code()).as(run.toString()).isZero();
        assertThat(run.err()).as(run.toString()).isEmpty();
        return run.json();
    }

    /** Runs a listing command with {@code --json}, checks the {items, problems} wrapper, returns the items. */
    private static JsonNode listing(Path dir, String... args) {
        JsonNode doc = json(dir, args);
        assertThat(ContractCli.keys(doc)).containsExactly("items", "problems");
        assertThat(doc.get("problems")).isEmpty();
        return doc.get("items");
    }

    private static List<String> texts(JsonNode items, String key) {
        return StreamSupport.stream(items.spliterator(), false).map(n -> n.get(key).asText()).toList();
    }

    private static String quote(String text) {
        return Pattern.quote(text);
    }

    /** {@code <destination> -> volume <name> rw} or {@code <destination> -> bind <source> ro}. */
    static String describe(Mount m) {
        return m.destination() + " -> " + (m.volume() != null ? "volume " + m.volume() : "bind " + m.source())
                + (m.rw() ? " rw" : " ro");
    }
}
