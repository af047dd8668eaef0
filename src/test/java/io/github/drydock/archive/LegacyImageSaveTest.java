package io.github.drydock.archive;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.drydock.model.Layer;
import io.github.drydock.model.LayerKind;
import io.github.drydock.testing.DockerdFixtureRoots;
import io.github.drydock.testing.TarSplitTestLayers;
import io.github.drydock.testing.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A legacy image (graph/&lt;id&gt;/json + tar-data.json.gz, no v2 config) becomes a loadable archive: diff ids from
 * the tar-split rebuild, config from {@link LegacyConfigBuilder}, archive from {@link SaveWriter}.
 */
class LegacyImageSaveTest {
    private static final String BASE_ID = "a".repeat(64);
    private static final String TOP_ID = "b".repeat(64);

    @TempDir
    Path temp;

    @Test
    void aLegacyChainIsSavedWithTheMigrationsImageIdAndSkopeoReadsIt() throws IOException {
        TarSplitTestLayers.SyntheticLayer base = TarSplitTestLayers.layer(TestFiles.mkdirs(temp.resolve("graph-base")),
                Map.of("bin/tool", "#!tool\n", "etc/os-release", "NAME=legacy\n"));
        Path emptyFolder = TestFiles.mkdirs(temp.resolve("aufs/diff").resolve(TOP_ID));
        Path emptyTarData = TarSplitTestLayers.tarSplit(temp.resolve("tar-data.json.gz"), List.of(
                "{\"type\":2,\"payload\":\"" + Base64.getEncoder().encodeToString(new byte[1024]) + "\",\"position\":0}",
                "{\"type\":2,\"payload\":\"\",\"position\":1}"));
        String baseDiff = TarSplitAssembler.verify(base.tarSplit(), base.folder(), null).computedDiffId();
        String topDiff = TarSplitAssembler.verify(emptyTarData, emptyFolder, null).computedDiffId();
        assertThat(topDiff).isEqualTo(Digests.EMPTY_LAYER_DIFF_ID);
        String baseJson = "{\"id\":\"" + BASE_ID + "\",\"created\":\"2014-10-01T12:00:00.5Z\",\"container_config\":{\"Cmd\":"
                + "[\"/bin/sh\",\"-c\",\"#(nop) ADD file:abc in /\"]},\"docker_version\":\"1.3.0\",\"architecture\":\"amd64\","
                + "\"os\":\"linux\",\"Size\":0}";
        String topJson = "{\"id\":\"" + TOP_ID + "\",\"parent\":\"" + BASE_ID + "\",\"created\":\"2014-10-01T12:00:01Z\","
                + "\"container_config\":{\"Cmd\":[\"/bin/sh\",\"-c\",\"#(nop) CMD [\\\"/bin/tool\\\"]\"]},\"config\":{\"Cmd\":"
                + "[\"/bin/tool\"]},\"docker_version\":\"1.3.0\",\"author\":\"ops <ops@example.org>\",\"architecture\":\"amd64\","
                + "\"os\":\"linux\",\"Size\":0}";

        LegacyConfigBuilder.Result built = LegacyConfigBuilder.build(List.of(
                new LegacyConfigBuilder.Step(baseJson.getBytes(StandardCharsets.UTF_8), baseDiff, null),
                new LegacyConfigBuilder.Step(topJson.getBytes(StandardCharsets.UTF_8), topDiff, null)));
        List<Layer> layers = List.of(
                new Layer(BASE_ID, baseDiff, BASE_ID, null, "aufs", LayerKind.DIFF, base.folder(), -1, base.tarSplit()),
                new Layer(TOP_ID, topDiff, TOP_ID, BASE_ID, "aufs", LayerKind.DIFF, emptyFolder, -1, emptyTarData));
        Path tar = temp.resolve("legacy.tar");
        SaveResult result = SaveWriter.write(List.of(new SaveImage(built.config(), List.of("legacy/app:1"), layers, null)),
                SaveOptions.docker(), tar);

        assertThat(result.exact()).isTrue();
        assertThat(result.images().get(0).writtenImageId()).isEqualTo(built.imageId());
        JsonNode config = DockerdFixtureRoots.readJson(built.config());
        assertThat(config.path("history").findValuesAsText("created_by")).containsExactly(
                "/bin/sh -c #(nop) ADD file:abc in /", "/bin/sh -c #(nop) CMD [\"/bin/tool\"]");
        assertThat(new String(built.config(), StandardCharsets.UTF_8)).contains("\"author\":\"ops \\u003cops@example.org\\u003e\"");
        assertThat(config.path("rootfs").path("diff_ids").get(1).asText()).isEqualTo("sha256:" + Digests.EMPTY_LAYER_DIFF_ID);

        assumeTrue(Files.isExecutable(Path.of("/usr/bin/skopeo")), "skopeo is not installed; skipped");
        DockerdFixtureRoots.Outcome inspect = DockerdFixtureRoots.attempt(List.of("/usr/bin/skopeo", "inspect", "--config",
                "--raw", "docker-archive:" + tar));
        DockerdFixtureRoots.Outcome copy = DockerdFixtureRoots.attempt(List.of("/usr/bin/skopeo", "--insecure-policy", "copy",
                "--quiet", "docker-archive:" + tar, "dir:" + temp.resolve("copied")));
        assertThat(inspect.exitCode()).as(inspect.output()).isZero();
        assertThat(DockerdFixtureRoots.sha256(inspect.output().getBytes(StandardCharsets.UTF_8))).isEqualTo(built.imageId());
        assertThat(copy.exitCode()).as(copy.output()).isZero();
    }
}
