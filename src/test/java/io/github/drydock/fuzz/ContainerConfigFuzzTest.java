package io.github.drydock.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.drydock.synth.Flavor;

import java.util.List;

/**
 * Container configs; the first input byte picks the file: legacy {@code config.json}, legacy
 * {@code hostconfig.json}, modern {@code config.v2.json}, modern {@code hostconfig.json}.
 */
class ContainerConfigFuzzTest {
    @FuzzTest(maxDuration = FuzzDurations.PER_TARGET)
    void containerConfig(byte[] data) {
        int selector = Math.floorMod(FuzzFile.selector(data), 4);
        FuzzRoots.Tiny tiny = FuzzRoots.of(selector < 2 ? Flavor.LEGACY_AUFS : Flavor.MODERN_OVERLAY2);
        String dir = "containers/" + tiny.summary().containerIds().get(0) + "/";
        List<FuzzFile> files = List.of(FuzzFile.of(tiny.at(dir + (selector < 2 ? "config.json" : "config.v2.json"))),
                FuzzFile.of(tiny.at(dir + "hostconfig.json")));
        FuzzFile.restoreAndPut(files, selector % 2, FuzzFile.rest(data));
        FuzzRoots.within(() -> FuzzRoots.openAndTouch(tiny.root()));
    }
}
