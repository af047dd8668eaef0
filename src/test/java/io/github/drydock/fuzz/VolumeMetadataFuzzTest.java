package io.github.drydock.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.drydock.synth.Flavor;

import java.util.List;

/** {@code volumes/metadata.db} (bbolt) of a modern root: the input is the whole database file. */
class VolumeMetadataFuzzTest {
    @FuzzTest(maxDuration = FuzzDurations.PER_TARGET)
    void volumeMetadata(byte[] data) {
        FuzzRoots.Tiny tiny = FuzzRoots.of(Flavor.MODERN_OVERLAY2);
        FuzzFile.restoreAndPut(List.of(FuzzFile.of(tiny.at("volumes/metadata.db"))), 0, data);
        FuzzRoots.within(() -> FuzzRoots.openAndTouch(tiny.root()));
    }
}
