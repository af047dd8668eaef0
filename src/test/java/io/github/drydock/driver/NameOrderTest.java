package io.github.drydock.driver;

import io.github.drydock.model.FileNames;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link LayerDirectory#NAME_ORDER}: the byte order of the names as stored on disk. */
class NameOrderTest {
    /** Characters that make the orders differ: ASCII, Latin-1, BMP above the surrogates, a pair, escaped bytes. */
    private static final String[] PIECES = {"a", "b", "z", "é", "ÿ", "\uE000", "\uFFFD", "\uD83D\uDE00",
        "\uD800\uDC00", "\uDC80", "\uDCFF", "\uDCC3", "-", "."};

    private static int byteOrder(String a, String b) {
        return Arrays.compareUnsigned(FileNames.encode(a), FileNames.encode(b));
    }

    @Test
    void agreesWithTheOrderOfTheBytesOnRandomNames() {
        Random random = new Random(42);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            StringBuilder name = new StringBuilder();
            int pieces = random.nextInt(5);
            for (int p = 0; p < pieces; p++) {
                name.append(PIECES[random.nextInt(PIECES.length)]);
            }
            names.add(name.toString());
        }
        for (int i = 0; i + 1 < names.size(); i++) {
            String a = names.get(i);
            String b = names.get(i + 1);
            assertThat(Integer.signum(LayerDirectory.NAME_ORDER.compare(a, b)))
                    .as("%s vs %s", FileNames.display(a), FileNames.display(b))
                    .isEqualTo(Integer.signum(byteOrder(a, b)));
        }
    }

    @Test
    void charactersBeyondTheBasicPlaneSortAfterTheTopOfIt() {
        // UTF-16 order would put the pair (a surrogate, 0xD83D) before U+E000; bytes put F0... after EE...
        List<String> names = new ArrayList<>(List.of("x\uD83D\uDE00", "x\uE000", "x\u00E9", "xa", "x"));
        names.sort(LayerDirectory.NAME_ORDER);

        assertThat(names).containsExactly("x", "xa", "x\u00E9", "x\uE000", "x\uD83D\uDE00");
    }

    @Test
    void anEscapedByteSortsAsTheByteItStandsFor() {
        // byte 0xC3 sorts before 'é' (C3 A9) since it is its prefix byte followed by nothing; 0xFF after all
        List<String> names = new ArrayList<>(List.of("n\uDCFF", "n\u00E9", "n\uDCC3", "nz"));
        names.sort(LayerDirectory.NAME_ORDER);

        assertThat(names).containsExactly("nz", "n\uDCC3", "n\u00E9", "n\uDCFF");
    }
}
