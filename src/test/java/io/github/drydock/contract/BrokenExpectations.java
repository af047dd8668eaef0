package io.github.drydock.contract;

import io.github.drydock.model.Problem;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What each root under {@code testdata/broken/} must report, written down from
 * {@code testdata/broken/README.md}: the ids of its healthy part and of its one damage, and the problems
 * (path and reason) that damage must produce.
 */
final class BrokenExpectations {
    /** The healthy base image of every broken root. */
    static final String BASE = "fa8f1b84172ba1f91861461a1cfef291fe4c084eb3facd6d5be1c93235bfdb54";
    /** The healthy top image, tag {@code app:1} (parent = {@link #BASE}). */
    static final String APP_IMAGE = "5cef977584e8485a6e69ba9e4bbfd93c4348f1aa3f9bc512219d4255bf292b0e";
    /** The healthy container {@code /app}. */
    static final String APP_CONTAINER = "9129bec0ff8c9080b34790a9a7added3863072cb80f64ae139960e6713a656fb";
    /** dangling-parent: the parent {@code app:1} names, absent. */
    static final String MISSING_PARENT = "8f78e9fa6e1484b3b0130ac56e328fcdc7f07d46773fd163d8fa27d1392b127b";
    /** parent-cycle: {@code cycle:latest}, whose parent is {@link #CYCLE_B}. */
    static final String CYCLE_A = "742d17512e126bab3131aae232c5020f2a410d938604d45b71f49ef44585f48f";
    /** parent-cycle: whose parent is {@link #CYCLE_A}. */
    static final String CYCLE_B = "b98ee950515b4f318a208f731165e2c6e32bed484864ec805249343c2b3f41bf";
    /** container-without-image: the container {@code /lost}. */
    static final String LOST = "eba9b6ca80294c09fe6af85dbcdefc39945a7e937ddc4fa80b88ff1de0752631";
    /** container-without-image: the image {@code /lost} names, absent. */
    static final String GONE_IMAGE = "1becb7e13fba5144e2fb114e76603a8a55f3dc379db8cac2ff93773d27d8f936";
    /** ambiguous-prefix: {@code amb:one}. */
    static final String AMB_ONE = "abcdef1ec3866f1289aff2ca39c96adc13c772925d5b6d5ec8f09b30fd063b66";
    /** ambiguous-prefix: {@code amb:two}. */
    static final String AMB_TWO = "abcdef5189124cd0211bffb1bd84e23028040f7cd9057027c1807f135308c9bc";
    /** ambiguous-prefix: the container {@code /first}. */
    static final String FIRST = "c0ffeeeeab61387592ed1c4d6f1921a939da29bd50848b83d5c20d82f9a92d91";
    /** ambiguous-prefix: the container {@code /second}. */
    static final String SECOND = "c0ffeea15c146d1d4686619b9136f866a4e6f9e7e75b0632bd2d9be83364a8fa";
    /** symlink-escape: the volume whose {@code _data} points at {@code /etc}. */
    static final String ESCAPING_VOLUME = "c0caa6ed20afdc6b4f7ca4f1fcd75d6607b0c3c1be13ae3d1ecb93c73f3ed081";

    private BrokenExpectations() {
    }

    /**
     * A problem that must be reported.
     *
     * @param pathEnds the problem's path ends with one of these (relative to the root)
     * @param reasons  patterns the message must contain, case-insensitive
     */
    record Expected(List<String> pathEnds, List<String> reasons) {
        boolean matches(Problem p) {
            return pathEnds.stream().anyMatch(e -> p.path().endsWith("/" + e))
                    && reasons.stream().allMatch(r -> Pattern.compile(r, Pattern.CASE_INSENSITIVE)
                    .matcher(p.message()).find());
        }

        @Override
        public String toString() {
            return "problem at " + pathEnds + " saying " + reasons;
        }
    }

    /**
     * One broken root and every problem it must report (no more).
     *
     * @param fixture  the folder under {@code testdata/}
     * @param problems what must be reported
     */
    record Broken(String fixture, List<Expected> problems) {
        @Override
        public String toString() {
            return fixture;
        }
    }

    /** @return every broken root with the problems it must report */
    static Stream<Broken> all() {
        String appJson = "graph/" + APP_IMAGE + "/json";
        return Stream.of(
                new Broken("broken/truncated-json", List.of(new Expected(List.of(appJson),
                        List.of(APP_IMAGE.substring(0, 12), "unexpected end.of.input")))),
                new Broken("broken/dangling-parent", List.of(new Expected(List.of(appJson),
                        List.of(APP_IMAGE.substring(0, 12), "parent " + MISSING_PARENT, "missing")))),
                new Broken("broken/parent-cycle", List.of(
                        new Expected(List.of("graph/" + CYCLE_A + "/json", "graph/" + CYCLE_B + "/json"),
                                List.of("cycle", CYCLE_A.substring(0, 12), CYCLE_B.substring(0, 12))),
                        // A consequence, not a second damage: aufs/layers of the cut image names no parent.
                        new Expected(List.of("aufs/layers/" + CYCLE_A), List.of("disagree")))),
                new Broken("broken/missing-diff", List.of(new Expected(List.of("aufs/diff/" + APP_IMAGE),
                        List.of(APP_IMAGE.substring(0, 12), "missing layer folder")))),
                new Broken("broken/container-without-image", List.of(new Expected(
                        List.of("containers/" + LOST + "/config.json"), List.of("/lost", GONE_IMAGE, "is gone")))),
                new Broken("broken/ambiguous-prefix", List.of()),
                new Broken("broken/bad-repositories", List.of(new Expected(List.of("repositories-aufs"),
                        List.of("cannot parse", "repositories-aufs")))),
                new Broken("broken/symlink-escape", List.of(
                        new Expected(List.of("aufs/diff/" + APP_IMAGE),
                                List.of("symlink to " + Pattern.quote("../../../../etc"), "outside the root",
                                        "refused")),
                        new Expected(List.of("volumes/" + ESCAPING_VOLUME + "/_data", "volumes/" + ESCAPING_VOLUME),
                                List.of("_data is a symlink to /etc", "outside the root", "not followed")))),
                new Broken("broken/corrupt-linkgraph", List.of(new Expected(List.of("linkgraph.db"),
                        List.of("linkgraph\\.db", "not a SQLite database")))));
    }
}
