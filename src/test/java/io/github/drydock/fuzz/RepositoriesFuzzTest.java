package io.github.drydock.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.drydock.synth.Flavor;

import java.util.List;

/** Tag stores; the first input byte picks legacy {@code repositories-aufs} or modern {@code repositories.json}. */
class RepositoriesFuzzTest {
    @FuzzTest(maxDuration = FuzzDurations.PER_TARGET)
    void repositories(byte[] data) {
        boolean legacy = Math.floorMod(FuzzFile.selector(data), 2) == 0;
        FuzzRoots.Tiny tiny = FuzzRoots.of(legacy ? Flavor.LEGACY_AUFS : Flavor.MODERN_OVERLAY2);
        String file = legacy ? "repositories-aufs" : "image/overlay2/repositories.json";
        FuzzFile.restoreAndPut(List.of(FuzzFile.of(tiny.at(file))), 0, FuzzFile.rest(data));
        FuzzRoots.within(() -> FuzzRoots.openAndTouch(tiny.root()));
    }
}
