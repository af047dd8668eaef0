package io.github.drydock.archive;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** Go {@code encoding/json} details that decide Docker's ids, plus the references and tar records around them. */
class LegacyConfigGoJsonTest {
    @Test
    void escapesStringsLikeGoWithHtmlSafety() {
        assertThat(LegacyConfigGoJson.string("a\"b\\c\n\r\t\u0001\u001b\b\f<>&\u007f é \u2028\u2029 😀"))
                .isEqualTo("\"a\\\"b\\\\c\\n\\r\\t\\u0001\\u001b\\u0008\\u000c\\u003c\\u003e\\u0026\u007f é \\u2028\\u2029 😀\"");
        assertThat(LegacyConfigGoJson.string("lone \ud800 surrogate")).isEqualTo("\"lone \\ufffd surrogate\"");
    }

    @Test
    void compactsRawValuesKeepingTheirEscapes() {
        byte[] raw = "{ \"a\" : [ 1 , 2.50 ],\n \"b\": \"x <y> \\/ \\u00e9 \\\" \u2028\" }".getBytes(StandardCharsets.UTF_8);
        assertThat(new String(LegacyConfigGoJson.compact(raw, 0, raw.length), StandardCharsets.UTF_8))
                .isEqualTo("{\"a\":[1,2.50],\"b\":\"x \\u003cy\\u003e \\/ \\u00e9 \\\" \\u2028\"}");
    }

    @Test
    void formatsTimesLikeGoRfc3339Nano() {
        assertThat(LegacyConfigGoJson.time("2015-10-31T22:22:54.690851953Z")).contains("2015-10-31T22:22:54.690851953Z");
        assertThat(LegacyConfigGoJson.time("2015-10-31T22:22:54.100000000Z")).contains("2015-10-31T22:22:54.1Z");
        assertThat(LegacyConfigGoJson.time("2015-10-31T23:22:54.000+01:00")).contains("2015-10-31T23:22:54+01:00");
        assertThat(LegacyConfigGoJson.time("2015-10-31T22:22:54+00:00")).contains("2015-10-31T22:22:54Z");
        assertThat(LegacyConfigGoJson.time("0001-01-01T00:00:00Z")).contains(LegacyConfigGoJson.ZERO_TIME);
        assertThat(LegacyConfigGoJson.time("yesterday")).isEmpty();
    }

    @Test
    void sortsKeysByUtf8BytesLikeGoMaps() {
        TreeSet<String> keys = new TreeSet<>(LegacyConfigGoJson.KEY_ORDER);
        keys.addAll(List.of("b", "B", "a", "\uffff", "😀", "_"));
        assertThat(keys).containsExactly("B", "_", "a", "b", "\uffff", "😀");
    }

    @Test
    void normalisesReferencesLikeTheDockerCli() {
        assertThat(SaveReference.parse("ubuntu")).isEqualTo(new SaveReference("docker.io", "library/ubuntu", "latest"));
        assertThat(SaveReference.parse("ubuntu").familiarString()).isEqualTo("ubuntu:latest");
        assertThat(SaveReference.parse("docker.io/library/ubuntu:22.04").familiarString()).isEqualTo("ubuntu:22.04");
        assertThat(SaveReference.parse("index.docker.io/example/app:1").fullString()).isEqualTo("docker.io/example/app:1");
        assertThat(SaveReference.parse("example/app:1").familiarName()).isEqualTo("example/app");
        assertThat(SaveReference.parse("localhost:5000/team/tool:v2").familiarName()).isEqualTo("localhost:5000/team/tool");
        assertThat(SaveReference.parse("localhost/tool").fullString()).isEqualTo("localhost/tool:latest");
        assertThat(SaveReference.parse("docker.io/library/a/b:1").familiarName()).isEqualTo("library/a/b");
        for (String bad : List.of("Ubuntu:1", "ubuntu:", "ubuntu@sha256:" + "0".repeat(64), "a//b", "x:y:z", "ubuntu:-1")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> SaveReference.parse(bad))
                    .as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void paxRecordsCountTheirOwnLength() {
        assertThat(SaveTarWriter.paxRecord("size", "9663676416")).isEqualTo("19 size=9663676416\n");
        assertThat(SaveTarWriter.paxRecord("path", "x".repeat(92))).hasSize(102).startsWith("102 path=");
        assertThat(SaveTarWriter.paxRecord("path", "x".repeat(91))).hasSize(101).startsWith("101 path=");
        assertThat(SaveTarWriter.paxRecord("path", "x".repeat(90))).hasSize(99).startsWith("99 path=");
    }
}
