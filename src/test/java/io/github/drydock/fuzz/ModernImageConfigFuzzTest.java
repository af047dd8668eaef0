package io.github.drydock.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.drydock.synth.Flavor;

import java.util.List;

/** A modern image config ({@code image/overlay2/imagedb/content/sha256/<id>}) of the image a container runs. */
class ModernImageConfigFuzzTest {
    @FuzzTest(maxDuration = FuzzDurations.PER_TARGET)
    void modernImageConfig(byte[] data) {
        FuzzRoots.Tiny tiny = FuzzRoots.of(Flavor.MODERN_OVERLAY2);
        String id = tiny.summary().imageIds().get(2);
        FuzzFile.restoreAndPut(List.of(FuzzFile.of(tiny.at("image/overlay2/imagedb/content/sha256/" + id))), 0, data);
        FuzzRoots.within(() -> FuzzRoots.openAndTouch(tiny.root()));
    }
}
