package io.github.drydock.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.drydock.synth.Flavor;

import java.util.List;

/** Legacy image JSON ({@code graph/<id>/json}, read as {@code V1ImageJson}) of one image of a legacy aufs root. */
class LegacyImageJsonFuzzTest {
    @FuzzTest(maxDuration = FuzzDurations.PER_TARGET)
    void legacyImageJson(byte[] data) {
        FuzzRoots.Tiny tiny = FuzzRoots.of(Flavor.LEGACY_AUFS);
        String id = tiny.summary().imageIds().get(1);
        FuzzFile.restoreAndPut(List.of(FuzzFile.of(tiny.at("graph/" + id + "/json"))), 0, data);
        FuzzRoots.within(() -> FuzzRoots.openAndTouch(tiny.root()));
    }
}
