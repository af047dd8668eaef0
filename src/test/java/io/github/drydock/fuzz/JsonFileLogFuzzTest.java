package io.github.drydock.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.drydock.synth.Flavor;

import java.util.List;

/** A container's json-file log ({@code LogReader}); the first input byte picks the live log or its rotation {@code .1}. */
class JsonFileLogFuzzTest {
    @FuzzTest(maxDuration = FuzzDurations.PER_TARGET)
    void jsonFileLog(byte[] data) {
        FuzzRoots.Tiny tiny = FuzzRoots.of(Flavor.MODERN_OVERLAY2);
        String id = tiny.summary().containerIds().get(0);
        String log = "containers/" + id + "/" + id + "-json.log";
        List<FuzzFile> files = List.of(FuzzFile.of(tiny.at(log)), FuzzFile.of(tiny.at(log + ".1")));
        FuzzFile.restoreAndPut(files, FuzzFile.selector(data), FuzzFile.rest(data));
        FuzzRoots.within(() -> FuzzRoots.openAndTouch(tiny.root()));
    }
}
