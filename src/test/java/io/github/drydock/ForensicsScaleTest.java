package io.github.drydock;

import io.github.drydock.archive.TimelineFormat;
import io.github.drydock.model.IdKind;
import io.github.drydock.model.LayerFolder;
import io.github.drydock.model.Owner;
import io.github.drydock.testing.LegacyRootBuilder;
import io.github.drydock.testing.TestFiles;
import io.github.drydock.testing.TmpfsTempDirFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * A 3,000-deep legacy chain (every image has every layer below it): owners stay linear (a layer names its
 * tag and the image that made it, not the thousands above it), and listing, looking up and writing a
 * timeline take seconds.
 */
class ForensicsScaleTest {
    private static final int DEPTH = 3_000;

    @TempDir(factory = TmpfsTempDirFactory.class)
    Path root;

    private static String id(int n) {
        return LegacyRootBuilder.id("deep " + n);
    }

    @Test
    void deepChainIsListedLookedUpAndWalkedQuickly() {
        LegacyRootBuilder builder = LegacyRootBuilder.at(root);
        for (int i = 0; i < DEPTH; i++) {
            String json = "{\"id\":\"" + id(i) + "\"" + (i == 0 ? "" : ",\"parent\":\"" + id(i - 1) + "\"")
                    + ",\"created\":\"2015-06-01T10:00:00Z\"}";
            TestFiles.write(root.resolve("graph/" + id(i) + "/json"), json);
            builder.dir("vfs/dir/" + id(i));
        }
        builder.tag("vfs", "deep", "latest", id(DEPTH - 1)).writeRepositories();

        assertTimeoutPreemptively(Duration.ofSeconds(90), () -> {
            Forensics forensics = Forensics.of(DockerRoot.open(root));
            Forensics.Layers layers = forensics.layers();
            assertThat(layers.items()).hasSize(DEPTH);
            LayerFolder base = layers.items().stream().filter(f -> f.id().equals(id(0))).findFirst().orElseThrow();
            assertThat(base.owners()).extracting(Owner::id).containsExactly(id(DEPTH - 1), id(0));
            assertThat(layers.items().stream().mapToInt(f -> f.owners().size()).sum()).isEqualTo(2 * DEPTH - 1);
            assertThat(forensics.whois(id(1500)).matches()).extracting(m -> m.kind())
                    .containsExactly(IdKind.IMAGE, IdKind.V1_ID, IdKind.CACHE_ID);
            assertThat(forensics.timeline(OutputStream.nullOutputStream(), TimelineFormat.BODYFILE).rows())
                    .isEqualTo(DEPTH + DEPTH);
        });
    }
}
