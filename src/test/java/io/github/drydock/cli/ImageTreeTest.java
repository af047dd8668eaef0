package io.github.drydock.cli;

import io.github.drydock.model.Image;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.github.drydock.cli.CliFixtures.id;
import static io.github.drydock.cli.CliFixtures.image;
import static org.assertj.core.api.Assertions.assertThat;

class ImageTreeTest {
    private static List<String> draw(List<Image> images) {
        List<String> lines = new ArrayList<>();
        ImageTree.draw(images, false, lines::add);
        return lines;
    }

    @Test
    void drawsAForestLikeDockerImagesTree() {
        List<Image> images = List.of(
                image(id('e'), null, null, 1000),
                image(id('d'), id('b'), null, 322_800_000, "mysql:5.7.5"),
                image(id('c'), id('a'), null, 128_000_000, "x:1", "x:latest"),
                image(id('b'), id('a'), null, 84_980_000),
                image(id('a'), null, null, 0));
        assertThat(String.join("\n", draw(images))).isEqualTo("""
                ├─aaaaaaaaaaaa Virtual Size: 0 B
                │ ├─bbbbbbbbbbbb Virtual Size: 84.98 MB
                │ │ └─dddddddddddd Virtual Size: 322.8 MB Tags: mysql:5.7.5
                │ └─cccccccccccc Virtual Size: 128 MB Tags: x:1, x:latest
                └─eeeeeeeeeeee Virtual Size: 1 kB""");
    }

    @Test
    void aSingleChainIndentsWithSpaces() {
        List<Image> images = List.of(image(id('1'), null, null, 0), image(id('2'), id('1'), null, 5));
        assertThat(draw(images)).containsExactly(
                "└─111111111111 Virtual Size: 0 B",
                "  └─222222222222 Virtual Size: 5 B");
    }

    /** A 64-hex id whose short form is the counter. */
    private static String chainId(int i) {
        return String.format("%012x", i) + "a".repeat(52);
    }

    @Test
    void tenThousandDeepChainNeedsNoRecursion() {
        int depth = 10_000;
        List<Image> images = new ArrayList<>();
        for (int i = 0; i < depth; i++) {
            images.add(image(chainId(i), i == 0 ? null : chainId(i - 1), null, i));
        }
        int[] count = {0};
        String[] last = {null};
        ImageTree.draw(images, false, line -> {
            count[0]++;
            last[0] = line;
        });
        assertThat(count[0]).isEqualTo(depth);
        String indent = "  ".repeat(depth - 1);
        assertThat(last[0]).startsWith(indent);
        assertThat(last[0].substring(indent.length())).isEqualTo("└─00000000270f Virtual Size: 9.999 kB");
    }

    @Test
    void parentCyclesAndMissingParentsAreDrawnAsMarkedRoots() {
        List<Image> images = List.of(
                image(id('2'), id('1'), null, 0),
                image(id('1'), id('2'), null, 0),
                image(id('3'), id('9'), null, 0),
                image(id('4'), id('4'), null, 0));
        assertThat(draw(images)).containsExactly(
                "├─111111111111 Virtual Size: 0 B (parent cycle)",
                "│ └─222222222222 Virtual Size: 0 B",
                "├─333333333333 Virtual Size: 0 B (parent 999999999999 missing)",
                "└─444444444444 Virtual Size: 0 B (parent cycle)");
    }

    @Test
    void noTruncDrawsFullIdsAndTagsAreMadePrintable() {
        List<String> lines = new ArrayList<>();
        ImageTree.draw(List.of(image(id('a'), null, null, 0, "evil:\u001b[2J")), true, lines::add);
        assertThat(lines).containsExactly("└─" + id('a') + " Virtual Size: 0 B Tags: evil:\\x1b[2J");
    }
}
