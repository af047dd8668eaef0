package io.github.drydock.layout;

import io.github.drydock.DockerRoot;
import io.github.drydock.model.Driver;
import io.github.drydock.model.Generation;
import io.github.drydock.model.Image;
import io.github.drydock.model.Layer;
import io.github.drydock.model.Problem;
import io.github.drydock.testing.ModernRootBuilder;
import io.github.drydock.testing.ModernRootBuilder.BuiltImage;
import io.github.drydock.testing.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A 1.10+ root opened end to end through {@link DockerRoot#open}. */
class ModernDockerRootTest {
    @TempDir
    Path tmp;

    @Test
    void opensAModernRootFromTheFolderAboveIt() throws Exception {
        ModernRootBuilder b = ModernRootBuilder.create(tmp.resolve("var/lib/docker"), "overlay2");
        BuiltImage base = b.image().layer("base").tag("example/base:1").build();
        BuiltImage app = b.image().layers(base).layer("app").parent(base).tag("example/app:latest").build();
        BuiltImage damaged = b.image().layer("damaged").tag("example/damaged:1").build();
        Files.writeString(damaged.contentFile(), "{}");

        DockerRoot root = DockerRoot.open(tmp);

        assertThat(root.path()).isEqualTo(b.root());
        assertThat(root.generation()).isEqualTo(Generation.MODERN);
        assertThat(root.drivers()).filteredOn(Driver::active).extracting(Driver::name).containsExactly("overlay2");
        assertThat(root.images()).extracting(Image::id).containsExactlyInAnyOrder(base.id(), app.id(), damaged.id());
        assertThat(root.image("example/app")).map(Image::id).contains(app.id());
        assertThat(root.image("example/base:1").orElseThrow().layers()).extracting(Layer::id)
                .containsExactly(base.top().chainId());
        assertThat(root.image(app.id().substring(0, 12))).map(Image::parentId).contains(base.id());
        assertThat(root.children(base.id())).extracting(Image::id).containsExactly(app.id());
        assertThat(root.layers()).extracting(Layer::id).containsExactlyInAnyOrder(
                base.top().chainId(), app.top().chainId(), damaged.top().chainId());
        assertThat(root.problems()).extracting(Problem::path).containsOnly(damaged.contentFile().toString());
        assertThat(root.image("example/damaged:1").orElseThrow().layers()).isEmpty();
    }

    @Test
    void containerdStoreRootOpensWithNoImagesAndANote() throws Exception {
        Path docker = tmp.resolve("docker");
        TestFiles.write(docker.resolve("containerd/daemon/io.containerd.content.v1.content/blobs/sha256")
                .resolve("5".repeat(64)), "{}");
        TestFiles.write(docker.resolve("containers").resolve("c".repeat(64)).resolve("config.v2.json"),
                "{\"ID\":\"" + "c".repeat(64) + "\",\"Name\":\"/web\",\"Image\":\"sha256:" + "5".repeat(64)
                        + "\",\"Created\":\"2026-01-02T03:04:05Z\",\"Config\":{\"Image\":\"nginx:1\"},"
                        + "\"State\":{\"Running\":false,\"StartedAt\":\"0001-01-01T00:00:00Z\"}}");

        DockerRoot root = DockerRoot.open(docker);

        assertThat(root.generation()).isEqualTo(Generation.CONTAINERD);
        assertThat(root.images()).isEmpty();
        assertThat(root.notes()).singleElement().asString().startsWith("images live in the containerd image store");
        assertThat(root.containers()).extracting(c -> c.name() + " " + c.imageRef()).containsExactly("/web nginx:1");
        assertThat(root.problems()).isEmpty();
    }
}
