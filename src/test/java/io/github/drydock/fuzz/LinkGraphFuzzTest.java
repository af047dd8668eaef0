package io.github.drydock.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.drydock.synth.Flavor;

import java.util.List;

/** {@code linkgraph.db} (SQLite) of a legacy root: the input is the whole database file. */
class LinkGraphFuzzTest {
    @FuzzTest(maxDuration = FuzzDurations.PER_TARGET)
    void linkGraph(byte[] data) {
        FuzzRoots.Tiny tiny = FuzzRoots.of(Flavor.LEGACY_AUFS);
        FuzzFile.restoreAndPut(List.of(FuzzFile.of(tiny.at("linkgraph.db"))), 0, data);
        FuzzRoots.within(() -> FuzzRoots.openAndTouch(tiny.root()));
    }
}
