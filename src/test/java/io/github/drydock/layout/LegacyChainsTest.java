package io.github.drydock.layout;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The chain rules alone, in memory: deep chains, long cycles, dangling parents. */
class LegacyChainsTest {
    private final List<String> problems = new ArrayList<>();

    private static String id(int n) {
        return String.format("%064x", n);
    }

    private LegacyChains compute(Map<String, String> parents, long size) {
        List<String> ids = parents.keySet().stream().sorted().toList();
        return LegacyChains.compute(ids, parents::get, i -> size, (id, message) -> problems.add(id + " " + message));
    }

    @Test
    void hundredThousandDeepChainIsComputedWithoutRecursion() {
        Map<String, String> parents = new HashMap<>();
        int depth = 100_000;
        IntStream.range(0, depth).forEach(i -> parents.put(id(i), i == 0 ? null : id(i - 1)));
        LegacyChains chains = compute(parents, 3);
        assertThat(chains.virtualSize(id(depth - 1))).isEqualTo(3L * depth);
        assertThat(chains.virtualSize(id(0))).isEqualTo(3);
        assertThat(chains.effectiveParent(id(500))).isEqualTo(id(499));
        assertThat(chains.chainBaseFirst(id(depth - 1), 3)).containsExactly(id(depth - 3), id(depth - 2), id(depth - 1));
        assertThat(chains.chainBaseFirst(id(2), Integer.MAX_VALUE)).containsExactly(id(0), id(1), id(2));
        assertThat(problems).isEmpty();
    }

    @Test
    void longCycleIsCutOnceAndEveryMemberGetsAFiniteChain() {
        Map<String, String> parents = new HashMap<>();
        int length = 50_000;
        IntStream.range(0, length).forEach(i -> parents.put(id(i), id((i + 1) % length)));
        LegacyChains chains = compute(parents, 1);
        assertThat(problems).singleElement().asString()
                .startsWith(id(length - 1) + " parent cycle in graph/: " + id(0).substring(0, 12))
                .contains("(50000 images)");
        assertThat(chains.effectiveParent(id(length - 1))).isNull();
        assertThat(chains.virtualSize(id(0))).isEqualTo(length);
        assertThat(chains.virtualSize(id(length - 1))).isEqualTo(1);
    }

    @Test
    void danglingParentIsReportedOnceAndUnknownSizesPropagate() {
        Map<String, String> parents = new HashMap<>();
        parents.put(id(1), id(99));
        parents.put(id(2), id(1));
        parents.put(id(3), id(2));
        List<String> ids = parents.keySet().stream().sorted().toList();
        LegacyChains chains = LegacyChains.compute(ids, parents::get, i -> i == 1 ? -1 : 10,
                (id, message) -> problems.add(id + " " + message));
        assertThat(problems).singleElement().asString().startsWith(id(1) + " image " + id(1).substring(0, 12)
                + ": parent " + id(99) + " is missing from graph/");
        assertThat(chains.effectiveParent(id(1))).isNull();
        assertThat(chains.virtualSize(id(1))).isEqualTo(10);
        assertThat(chains.virtualSize(id(2))).isEqualTo(-1);
        assertThat(chains.virtualSize(id(3))).isEqualTo(-1);
        assertThat(chains.virtualSize(id(42))).isEqualTo(-1);
    }
}
