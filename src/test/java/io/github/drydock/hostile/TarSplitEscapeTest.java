package io.github.drydock.hostile;

import io.github.drydock.DockerRoot;
import io.github.drydock.archive.LayerTarMismatch;
import io.github.drydock.archive.LayerTarReport;
import io.github.drydock.archive.SaveImage;
import io.github.drydock.archive.SaveOptions;
import io.github.drydock.archive.SaveWriter;
import io.github.drydock.archive.TarSplitAssembler;
import io.github.drydock.archive.Verify;
import io.github.drydock.archive.VerifyReport;
import io.github.drydock.model.DockerStorageException;
import io.github.drydock.model.Image;
import io.github.drydock.model.Layer;
import io.github.drydock.synth.Flavor;
import io.github.drydock.synth.SynthSpec;
import io.github.drydock.synth.SynthSummary;
import io.github.drydock.synth.SyntheticRoot;
import io.github.drydock.testing.TarSplitTestLayers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * tar-split records whose names climb out of the layer folder ({@code ../../etc/shadow}, the same as
 * {@code name_raw}) or name an absolute path. Where each name would land if it were joined naively, the
 * test plants a FIFO inside its temp folder: a read of it blocks, so drydock reading the target shows as
 * a timeout. No name here can reach the host's real {@code /etc}: the FIFOs are the only targets that exist.
 */
class TarSplitEscapeTest {
    private static final String CRC_OF_NEW = "YVqy3bAAAAA="; // CRC-64/ISO of "new\n"

    @TempDir
    Path tmp;

    @AfterEach
    void removeRoot() {
        Hostile.removeTree(tmp.resolve("docker"));
    }

    private static String file(String name, int position) {
        return "{\"type\":1,\"name\":\"" + name + "\",\"size\":4,\"payload\":\"" + CRC_OF_NEW + "\",\"position\":" + position + "}";
    }

    private static String rawFile(String name, int position) {
        return "{\"type\":1,\"name_raw\":\"" + Base64.getEncoder().encodeToString(name.getBytes()) + "\",\"size\":4,\"payload\":\""
                + CRC_OF_NEW + "\",\"position\":" + position + "}";
    }

    private static void write(Path tarSplit, String fileLine) {
        TarSplitTestLayers.tarSplit(tarSplit, List.of("{\"type\":2,\"payload\":\"aGVhZGVy\",\"position\":0}", fileLine,
                "{\"type\":2,\"payload\":\"\",\"position\":2}"));
    }

    @Test
    void escapingNamesAreNeverReadAndEveryOneIsReported() throws Exception {
        SynthSummary s = SyntheticRoot.generate(new SynthSpec(Flavor.MODERN_OVERLAY2, 3, 2, false, 1, 1, 9, 0, 0, 3, 1, 1),
                tmp.resolve("docker"));
        DockerRoot root = DockerRoot.open(tmp.resolve("docker"));
        Image image = root.image(s.imageIds().get(2)).orElseThrow();
        Layer top = image.layers().get(image.layers().size() - 1);
        Path diff = top.path(); // <root>/overlay2/<cache id>/diff
        // where a naive join would land: plant FIFOs there (all inside tmp)
        Files.createDirectories(tmp.resolve("docker/overlay2/etc"));
        Hostile.fifo(tmp.resolve("docker/overlay2/etc/shadow"));            // diff/../../etc/shadow
        Files.createDirectories(tmp.resolve("etc"));
        Hostile.fifo(tmp.resolve("etc/shadow"));                            // diff/../../../../etc/shadow
        Files.createDirectories(diff.resolve("etc"));
        Hostile.fifo(diff.resolve("etc/shadow"));                           // /etc/shadow joined as tar-split does
        for (String line : List.of(file("../../etc/shadow", 1), file("../../../../etc/shadow", 1),
                rawFile("../../etc/shadow", 1), file("etc/../../../etc/shadow", 1), file("./../etc/shadow", 1))) {
            write(top.tarSplit(), line);
            assertThatThrownBy(() -> Hostile.within(10, () -> TarSplitAssembler.verify(top.tarSplit(), diff, null)))
                    .isInstanceOf(DockerStorageException.class).hasMessageContaining("would leave the layer folder")
                    .hasMessageContaining("refused");
            VerifyReport verify = Hostile.within(10, () -> Verify.imageFile(image.source(), image.layers()));
            assertThat(verify.ok()).isFalse();
            assertThat(verify.describe()).get().asString().contains("refused");
        }
        // an absolute name is joined under the layer folder, as tar-split does: there it finds the FIFO, unread
        write(top.tarSplit(), file("/etc/shadow", 1));
        LayerTarReport report = Hostile.within(10, () -> TarSplitAssembler.verify(top.tarSplit(), diff, null));
        assertThat(report.mismatches()).extracting(LayerTarMismatch::path, LayerTarMismatch::kind)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("/etc/shadow", LayerTarMismatch.Kind.NOT_REGULAR));

        SaveImage save = SaveImage.read(image.source(), List.of(), image.layers(), null);
        assertThatThrownBy(() -> Hostile.within(10, () -> SaveWriter.write(List.of(save), SaveOptions.docker(),
                OutputStream.nullOutputStream()))).isInstanceOf(DockerStorageException.class);
    }
}
