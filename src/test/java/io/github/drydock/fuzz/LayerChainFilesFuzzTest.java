package io.github.drydock.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.drydock.synth.Flavor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The small text files that chain layers; the first input byte picks: legacy {@code aufs/layers/<id>},
 * modern {@code aufs/layers/<cache id>}, overlay2 {@code lower}, overlay2 {@code link} (of a container's
 * read-write layer, which has the longest chain).
 */
class LayerChainFilesFuzzTest {
    @FuzzTest(maxDuration = FuzzDurations.PER_TARGET)
    void layerChainFiles(byte[] data) {
        int selector = Math.floorMod(FuzzFile.selector(data), 4);
        Flavor flavor = switch (selector) {
            case 0 -> Flavor.LEGACY_AUFS;
            case 1 -> Flavor.MODERN_AUFS;
            default -> Flavor.MODERN_OVERLAY2;
        };
        FuzzRoots.Tiny tiny = FuzzRoots.of(flavor);
        String rw = tiny.summary().mountIds().get(0);
        Path file = switch (selector) {
            case 0, 1 -> tiny.at("aufs/layers/" + rw);
            case 2 -> tiny.at("overlay2/" + rw + "/lower");
            default -> tiny.at("overlay2/" + baseLayer(tiny) + "/link");
        };
        FuzzFile.restoreAndPut(List.of(FuzzFile.of(file)), 0, FuzzFile.rest(data));
        FuzzRoots.within(() -> FuzzRoots.openAndTouch(tiny.root()));
    }

    /** An image layer every container stands on: the one whose folder has no {@code lower}. */
    private static String baseLayer(FuzzRoots.Tiny tiny) {
        try (Stream<Path> dirs = Files.list(tiny.at("overlay2"))) {
            return dirs.filter(d -> Files.exists(d.resolve("link")) && !Files.exists(d.resolve("lower")))
                    .map(d -> d.getFileName().toString()).sorted().findFirst().orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
