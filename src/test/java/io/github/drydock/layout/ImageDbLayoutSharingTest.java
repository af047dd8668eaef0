package io.github.drydock.layout;

import io.github.drydock.model.Image;
import io.github.drydock.model.Problem;
import io.github.drydock.testing.ModernRootBuilder;
import io.github.drydock.testing.ModernRootBuilder.BuiltImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Image configs are digested on the thread that read them and equal values are shared between
 * images: the records must be what they were, and the problems must come out in the same order.
 */
class ImageDbLayoutSharingTest {
    @TempDir
    Path tmp;

    @Test
    void imagesOnOneBaseShareItsHistoryStepAndRunDefaultsButKeepTheirOwn() throws Exception {
        ModernRootBuilder b = ModernRootBuilder.create(tmp.resolve("docker"), "overlay2");
        BuiltImage web = b.image().layer("debian base").layer("nginx").config("Cmd", List.of("nginx")).build();
        BuiltImage db = b.image().layer("debian base").layer("postgres").config("Cmd", List.of("postgres")).build();

        ImageDbLayoutTest.Read read = ImageDbLayoutTest.read(b.root());

        assertThat(read.problems()).isEmpty();
        Image a = read.image(web.id());
        Image c = read.image(db.id());
        assertThat(a.history().get(0).createdBy()).isEqualTo("/bin/sh -c #(nop) ADD debian base");
        assertThat(a.history().get(0)).isSameAs(c.history().get(0));
        assertThat(a.history().get(1).createdBy()).isEqualTo("/bin/sh -c #(nop) ADD nginx");
        assertThat(c.history().get(1).createdBy()).isEqualTo("/bin/sh -c #(nop) ADD postgres");
        assertThat(a.config().env()).containsExactly("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin")
                .isSameAs(c.config().env());
        assertThat(a.config().cmd()).containsExactly("nginx");
        assertThat(c.config().cmd()).containsExactly("postgres");
        assertThat(a.layers().get(0)).isSameAs(c.layers().get(0));
        assertThat(a.layers().get(1).diffId()).isEqualTo(web.layers().get(1).diffId());
        assertThat(c.layers().get(1).diffId()).isEqualTo(db.layers().get(1).diffId());
    }

    @Test
    void problemsOfEveryDamagedConfigComeOutPerImageInIdOrderAfterTheReadProblems() throws Exception {
        ModernRootBuilder b = ModernRootBuilder.create(tmp.resolve("docker"), "overlay2");
        List<BuiltImage> timed = new ArrayList<>();
        for (int i = 0; i < 70; i++) { // over the parallel threshold: configs are digested on several threads
            timed.add(b.image().layer("base").layer("layer " + i).set("created", "yesterday " + i)
                    .history("created", "later " + i).build());
        }
        BuiltImage truncated = b.image().layer("base").layer("cut").build();
        Files.write(truncated.contentFile(), Arrays.copyOf(truncated.config(), truncated.config().length / 2));
        BuiltImage lost = b.image().layer("base").layer("lost layer").build();
        String lostChain = lost.top().chainId();
        try (Stream<Path> files = Files.walk(lost.top().layerDbDir(b))) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }

        ImageDbLayoutTest.Read read = ImageDbLayoutTest.read(b.root());

        List<String> expected = new ArrayList<>();
        expected.add(truncated.contentFile() + " image " + truncated.id().substring(0, 12)
                + ": content does not match its id");
        expected.add(truncated.contentFile() + " cannot parse config of image " + truncated.id().substring(0, 12));
        List<Map.Entry<String, String>> perImage = new ArrayList<>();
        for (int i = 0; i < timed.size(); i++) {
            String shortId = timed.get(i).id().substring(0, 12);
            perImage.add(Map.entry(timed.get(i).id(), timed.get(i).contentFile() + " image " + shortId
                    + ": created 'yesterday " + i + "' is not an RFC 3339 time"));
            perImage.add(Map.entry(timed.get(i).id(), timed.get(i).contentFile() + " image " + shortId
                    + ": history created 'later " + i + "' is not an RFC 3339 time"));
        }
        perImage.add(Map.entry(lost.id(), lost.contentFile() + " image " + lost.id().substring(0, 12)
                + ": layer 2 (diff id " + lost.top().diffId().substring(0, 12) + ") has no layerdb entry sha256/"
                + lostChain));
        perImage.stream().sorted(Map.Entry.comparingByKey()).forEach(e -> expected.add(e.getValue())); // stable sort
        List<String> found = read.problems().stream().filter(p -> !p.message().contains("driver folder"))
                .filter(p -> !p.message().contains("lower file") && !p.message().contains("short link"))
                .map(ImageDbLayoutSharingTest::text).toList();
        assertThat(found).hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            assertThat(found.get(i)).as("problem " + i).startsWith(expected.get(i));
        }
        assertThat(read.image(truncated.id()).history()).isEmpty();
        assertThat(read.image(timed.get(3).id()).created()).isNull();
        assertThat(read.image(timed.get(3).id()).history()).hasSize(2);
    }

    private static String text(Problem problem) {
        return problem.path() + " " + problem.message();
    }
}
