package io.github.drydock.archive;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.drydock.testing.DockerdFixtureRoots;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The v1 ids and {@code <v1 id>/json} files of every {@code docker save} in the fixtures, reproduced exactly. */
class SaveV1ImageTest {
    static Stream<Arguments> saves() {
        List<Arguments> saves = new ArrayList<>();
        for (String driver : DockerdFixtureRoots.DRIVERS) {
            for (String save : List.of("save-example_base_1.tar", "save-example_app_1+latest.tar",
                    "save-example_multi_2.tar", "save-example_committed_1.tar", "save-all.tar",
                    "save-by-id-builder-stage.tar")) {
                saves.add(Arguments.of(driver, save));
            }
        }
        return saves.stream();
    }

    @ParameterizedTest
    @MethodSource("saves")
    void reproducesDockersV1IdsAndJsonFiles(String driver, String save) {
        Path tar = DockerdFixtureRoots.reference(driver).resolve(save);
        JsonNode manifest = DockerdFixtureRoots.readJson(DockerdFixtureRoots.member(tar, "manifest.json"));
        int checked = 0;
        for (JsonNode image : manifest) {
            byte[] config = DockerdFixtureRoots.member(tar, image.path("Config").asText());
            JsonNode parsed = DockerdFixtureRoots.readJson(config);
            List<String> diffIds = new ArrayList<>();
            parsed.path("rootfs").path("diff_ids").forEach(d -> diffIds.add(Digests.hex(d.asText())));

            List<SaveV1Image.Entry> entries = SaveV1Image.entries(parsed, diffIds);

            List<String> expectedIds = new ArrayList<>();
            image.path("Layers").forEach(l -> expectedIds.add(l.asText().replace("/layer.tar", "")));
            assertThat(entries).extracting(SaveV1Image.Entry::id).containsExactlyElementsOf(expectedIds);
            for (SaveV1Image.Entry entry : entries) {
                String expected = new String(DockerdFixtureRoots.member(tar, entry.id() + "/json"), StandardCharsets.UTF_8);
                assertThat(new String(entry.json(), StandardCharsets.UTF_8)).isEqualTo(expected);
                checked++;
            }
        }
        assertThat(checked).isPositive();
    }
}
