package io.github.drydock.archive;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Tar headers byte for byte as Go's archive/tar writes the headers moby fills. */
class SaveGoTarHeaderTest {
    private static TarArchiveEntry entry(String name, byte flag, int mode, long size) {
        TarArchiveEntry entry = new TarArchiveEntry(name, flag, true);
        entry.setMode(mode);
        entry.setSize(size);
        entry.setUserName("root");
        entry.setGroupName("root");
        entry.setModTime(FileTime.from(1_700_000_000L, TimeUnit.SECONDS));
        return entry;
    }

    private static String field(byte[] block, int offset, int length) {
        return new String(Arrays.copyOfRange(block, offset, offset + length), StandardCharsets.ISO_8859_1);
    }

    /** Reads a header (and an empty body) back with commons-compress. */
    private static TarArchiveEntry readBack(byte[] header) throws IOException {
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        tar.writeBytes(header);
        tar.writeBytes(new byte[1024]);
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar.toByteArray()))) {
            return in.getNextEntry();
        }
    }

    @Test
    void aPlainHeaderHasNulTerminatedZeroPaddedNumbersAndGosChecksumField() {
        byte[] block = SaveGoTarHeader.encode(entry("etc/", TarConstants.LF_DIR, 040755, 0), Map.of());

        assertThat(block).hasSize(512);
        assertThat(field(block, 100, 8)).isEqualTo("0040755\0");
        assertThat(field(block, 108, 8)).isEqualTo("0000000\0");
        assertThat(field(block, 124, 12)).isEqualTo("00000000000\0");
        assertThat(field(block, 136, 12)).isEqualTo("14524770400\0");
        assertThat(field(block, 154, 2)).isEqualTo("\0 ");
        assertThat(field(block, 257, 8)).isEqualTo("ustar\0" + "00");
        assertThat(field(block, 265, 5)).isEqualTo("root\0");
        assertThat(field(block, 329, 16)).isEqualTo("0000000\0" + "0000000\0");
        long sum = 0;
        for (int i = 0; i < 512; i++) {
            sum += i >= 148 && i < 156 ? ' ' : block[i] & 0xff;
        }
        assertThat(field(block, 148, 6)).isEqualTo(String.format("%06o", sum));
    }

    @Test
    void aLongAsciiNameIsSplitIntoPrefixAndNameWithoutPax() throws IOException {
        String name = "usr/share/" + "d".repeat(80) + "/" + "f".repeat(60) + ".txt";

        byte[] header = SaveGoTarHeader.encode(entry(name, TarConstants.LF_NORMAL, 0100644, 0), Map.of());

        assertThat(header).hasSize(512);
        assertThat(field(header, 345, 91)).isEqualTo("usr/share/" + "d".repeat(80) + "\0");
        assertThat(readBack(header).getName()).isEqualTo(name);
    }

    @Test
    void aNonAsciiNameGoesIntoAPaxPathRecordAndTheHeaderKeepsOnlyItsAsciiPart() throws IOException {
        String name = "data/ünïcödé.txt";

        byte[] header = SaveGoTarHeader.encode(entry(name, TarConstants.LF_NORMAL, 0100644, 5), Map.of());

        assertThat(header).hasSize(3 * 512);
        assertThat(field(header, 0, 24)).startsWith("data/PaxHeaders.0/");
        assertThat(header[156]).isEqualTo((byte) 'x');
        String record = new String(Arrays.copyOfRange(header, 512, 1024), StandardCharsets.UTF_8).replace("\0", "");
        assertThat(record).isEqualTo("29 path=data/ünïcödé.txt\n");
        assertThat(field(header, 1024, 16)).isEqualTo("data/ncd.txt\0\0\0\0");
        assertThat(readBack(header).getName()).isEqualTo(name);
    }

    @Test
    void aLongLinkTargetAndACapabilityGoIntoSortedPaxRecords() throws IOException {
        TarArchiveEntry link = entry("bin/ping", TarConstants.LF_NORMAL, 0100755, 0);
        String target = "/" + "x".repeat(120);
        link.setLinkName(target);

        byte[] header = SaveGoTarHeader.encode(link, Map.of("SCHILY.xattr.security.capability", new byte[] {1, 0, 0, 2}));

        String records = new String(Arrays.copyOfRange(header, 512, 1024), StandardCharsets.ISO_8859_1);
        assertThat(records.indexOf("SCHILY.xattr")).isLessThan(records.indexOf("linkpath"));
        assertThat(field(header, 0, 21)).isEqualTo("bin/PaxHeaders.0/ping");
        assertThat(readBack(header).getLinkName()).isEqualTo(target);
    }

    @Test
    void aSizeBeyondTheOctalFieldIsAPaxRecordAndZeroInTheHeader() {
        long size = 9L * 1024 * 1024 * 1024;

        byte[] header = SaveGoTarHeader.encode(entry("big.img", TarConstants.LF_NORMAL, 0100644, size), Map.of());

        String records = new String(Arrays.copyOfRange(header, 512, 1024), StandardCharsets.US_ASCII).replace("\0", "");
        assertThat(records).isEqualTo("19 size=" + size + "\n");
        assertThat(field(header, 1024 + 124, 12)).isEqualTo("00000000000\0");
    }

    @Test
    void theSplitRuleIsGos() {
        assertThat(SaveGoTarHeader.split("a".repeat(100))).isNull();
        assertThat(SaveGoTarHeader.split("a".repeat(101))).isNull();
        assertThat(SaveGoTarHeader.split("p/" + "n".repeat(100))).containsExactly("p", "n".repeat(100));
        assertThat(SaveGoTarHeader.split("p/" + "n".repeat(101))).isNull();
        assertThat(SaveGoTarHeader.split("p".repeat(156) + "/n")).isNull();
        assertThat(SaveGoTarHeader.split("p".repeat(150) + "/dir/")).containsExactly("p".repeat(150), "dir/");
    }
}
