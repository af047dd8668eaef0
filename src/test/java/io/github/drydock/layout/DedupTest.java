package io.github.drydock.layout;

import io.github.drydock.model.HistoryEntry;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DedupTest {
    @Test
    void handsOutTheFirstInstanceOfEachEqualValue() {
        Dedup dedup = new Dedup();
        HistoryEntry first = new HistoryEntry(null, Instant.parse("2023-01-06T11:16:00Z"), "/bin/sh -c #(nop) ADD file:a in /",
                null, null, false, 229190);
        HistoryEntry copy = new HistoryEntry(null, Instant.parse("2023-01-06T11:16:00Z"),
                new String("/bin/sh -c #(nop) ADD file:a in /".toCharArray()), null, null, false, 229190);
        HistoryEntry otherSize = new HistoryEntry(null, first.created(), first.createdBy(), null, null, false, 1);

        assertThat(dedup.of(first)).isSameAs(first);
        assertThat(dedup.of(copy)).isSameAs(first);
        assertThat(dedup.of(otherSize)).isSameAs(otherSize).isNotEqualTo(first);
        assertThat(dedup.of(List.of("PATH=/usr/bin"))).isSameAs(dedup.of(List.of("PATH=/usr/bin")));
        assertThat(dedup.<String>of(null)).isNull();
    }
}
