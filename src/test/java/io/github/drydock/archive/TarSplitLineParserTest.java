package io.github.drydock.archive;

import io.github.drydock.json.Json;
import io.github.drydock.json.TarSplitEntryJson;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class TarSplitLineParserTest {
    private static final List<String> PLAIN = List.of(
            "{\"type\":2,\"payload\":\"ZXRjLwAAAA==\",\"position\":0}",
            "{\"type\":1,\"name\":\"etc/hosts\",\"size\":12,\"payload\":\"uQlWx3WkEAE=\",\"position\":1}",
            "{\"type\":1,\"name\":\"usr/\",\"payload\":null,\"position\":3}",
            "{\"type\":2,\"payload\":\"\",\"position\":4}",
            "{\"type\":1,\"name\":\"a \\u003cb\\u003e \\u0026 \\\"q\\\" \\\\ \\/ \\t\",\"size\":1,\"payload\":\"uQlWx3WkEAE=\",\"position\":5}",
            "{\"type\":1,\"name_raw\":\"YmFk/25hbWU=\",\"payload\":null,\"position\":6}",
            "{\"position\":7,\"payload\":\"AA==\",\"type\":2}",
            "{\"type\":1,\"name\":\"x\",\"size\":-4,\"payload\":\"uQlWx3WkEAE=\",\"position\":-0}");

    private static TarSplitEntryJson fast(String line) {
        byte[] bytes = ("  " + line + "\n").getBytes(StandardCharsets.UTF_8);
        return TarSplitLineParser.parse(bytes, 2, bytes.length - 1);
    }

    private static TarSplitEntryJson general(String line) throws Exception {
        return Json.MAPPER.readValue(line, TarSplitEntryJson.class);
    }

    private static void assertSame(TarSplitEntryJson fast, TarSplitEntryJson general) {
        assertThat(fast).usingRecursiveComparison().isEqualTo(general);
    }

    @Test
    void readsTheLinesTarSplitWritesExactlyAsTheGeneralReaderDoes() throws Exception {
        for (String line : PLAIN) {
            TarSplitEntryJson entry = fast(line);
            assertThat(entry).as(line).isNotNull();
            assertSame(entry, general(line));
        }
        assertThat(fast(PLAIN.get(4)).name()).isEqualTo("a <b> & \"q\" \\ / \t");
        assertThat(fast(PLAIN.get(1)).payload()).containsExactly(TarSplitCrc64.toBytes(0xB90956C775A41001L));
    }

    @Test
    void leavesEverythingUnusualToTheGeneralReader() {
        for (String line : List.of(
                "{\"type\":1, \"name\":\"a\",\"position\":0}",
                "{\"type\":1,\"name\":\"a\",\"position\":0} ",
                "{\"type\":1,\"extra\":{\"x\":[1]},\"position\":0}",
                "{\"type\":1,\"type\":2,\"position\":0}",
                "{\"type\":1,\"name\":\"caf\u00e9\",\"position\":0}",
                "{\"type\":1,\"name\":\"caf\\u00e9\",\"position\":0}",
                "{\"type\":1,\"name\":\"a\\u0000b\",\"position\":0}",
                "{\"type\":1,\"name\":null,\"position\":0}",
                "{\"type\":1.0,\"position\":0}",
                "{\"type\":1e0,\"position\":0}",
                "{\"type\":01,\"position\":0}",
                "{\"type\":\"1\",\"position\":0}",
                "{\"type\":4294967297,\"position\":0}",
                "{\"type\":1,\"size\":99999999999999999999999,\"position\":0}",
                "{\"type\":2,\"payload\":\"AAE\",\"position\":0}",
                "{\"type\":2,\"payload\":\"A=AA\",\"position\":0}",
                "{\"type\":2,\"payload\":\"AA\\/A\",\"position\":0}",
                "{\"type\":2,\"payload\":true,\"position\":0}",
                "{\"type\":2,\"payload\":\"AAAA\"}",
                "{\"type\":2,\"payload\":\"AAAA\",\"position\":0",
                "{\"type\":2,\"payload\":\"AAAA\",\"position\":0}{\"type\":2,\"position\":1}",
                "[1,2]",
                "",
                "{}")) {
            assertThat(fast(line)).as(line).isNull();
        }
    }

    @Test
    void whateverItAcceptsFromDamagedLinesTheGeneralReaderReadsTheSame() throws Exception {
        Random random = new Random(17);
        byte[] alphabet = "{}[]\":,0123456789-+.eE \\/ntuAZaz=nulltypenamesizepayloadposition_raw\u00e9".getBytes(StandardCharsets.UTF_8);
        int accepted = 0;
        for (int round = 0; round < 20_000; round++) {
            byte[] line = PLAIN.get(random.nextInt(PLAIN.size())).getBytes(StandardCharsets.UTF_8);
            for (int edits = 1 + random.nextInt(3); edits > 0; edits--) {
                line[random.nextInt(line.length)] = alphabet[random.nextInt(alphabet.length)];
            }
            TarSplitEntryJson entry = TarSplitLineParser.parse(line, 0, line.length);
            if (entry != null) {
                accepted++;
                assertSame(entry, Json.MAPPER.readValue(line, TarSplitEntryJson.class));
            }
        }
        assertThat(accepted).isGreaterThan(1000);
    }
}
