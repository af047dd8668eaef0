package io.github.drydock.model;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The records whose equals and hashCode are written out (start-up cost, see their comments) still compare
 * every component, as a record's generated ones would: one component changed, the values differ.
 */
class RecordEqualityTest {
    @ParameterizedTest
    @ValueSource(classes = {Layer.class, HistoryEntry.class, ContainerConfig.class})
    void everyComponentCounts(Class<?> type) throws Exception {
        RecordComponent[] components = type.getRecordComponents();
        Constructor<?> canonical = type.getDeclaredConstructor(
                Arrays.stream(components).map(RecordComponent::getType).toArray(Class[]::new));
        Object[] base = Arrays.stream(components).map(c -> value(c.getType(), 0)).toArray();
        Object one = canonical.newInstance(base);
        // equal components that are other objects: an equals comparing with == would fail here
        Object same = canonical.newInstance(Arrays.stream(components).map(c -> value(c.getType(), 0)).toArray());
        assertThat(one).isEqualTo(same).hasSameHashCodeAs(same).isNotEqualTo(null).isNotEqualTo("text");
        for (int i = 0; i < components.length; i++) {
            Object[] changed = base.clone();
            changed[i] = value(components[i].getType(), 1);
            Object other = canonical.newInstance(changed);
            assertThat(other).as(type.getSimpleName() + "." + components[i].getName()).isNotEqualTo(one);
            assertThat(one).as(type.getSimpleName() + "." + components[i].getName()).isNotEqualTo(other);
            assertThat(other.hashCode()).as("hash of " + type.getSimpleName() + "." + components[i].getName())
                    .isNotEqualTo(one.hashCode());
            changed[i] = nullable(components[i].getType()) ? null : changed[i];
            if (changed[i] == null) {
                assertThat(canonical.newInstance(changed)).isNotEqualTo(one);
            }
        }
    }

    private static boolean nullable(Class<?> type) {
        return !type.isPrimitive() && type != LayerKind.class && type != List.class && type != Map.class;
    }

    private static Object value(Class<?> type, int variant) {
        if (type == String.class) {
            return new String(variant == 0 ? "a" : "b"); // a new object each time, never the interned literal
        }
        if (type == long.class) {
            return variant == 0 ? 7L : 8L;
        }
        if (type == boolean.class) {
            return variant != 0;
        }
        if (type == Path.class) {
            return Path.of(new String(variant == 0 ? "/a" : "/b"));
        }
        if (type == Instant.class) {
            return Instant.ofEpochSecond(variant, 0);
        }
        if (type == LayerKind.class) {
            return LayerKind.values()[variant];
        }
        if (type == List.class) {
            return new ArrayList<>(List.of(new String(variant == 0 ? "x" : "y")));
        }
        if (type == Map.class) {
            return new HashMap<>(Map.of("k", new String(variant == 0 ? "x" : "y")));
        }
        throw new IllegalArgumentException("no sample value for " + type);
    }
}
