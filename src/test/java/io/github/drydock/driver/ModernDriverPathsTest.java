package io.github.drydock.driver;

import io.github.drydock.model.DockerStorageException;
import io.github.drydock.model.LayerKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.Collections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModernDriverPathsTest {
    private static final Path HOME = Path.of("/evidence/docker/overlay2");
    private static final String ID = "da4a52" + "0".repeat(58);

    @Test
    void overlay2KeepsImageAndContainerLayersInDiff() {
        ModernDriverPaths paths = ModernDriverPaths.of("overlay2", HOME);

        assertThat(paths).isInstanceOf(ModernOverlay2Paths.class);
        assertThat(paths.layerDir(ID)).contains(HOME.resolve(ID).resolve("diff"));
        assertThat(paths.containerDir(ID + "-init")).contains(HOME.resolve(ID + "-init/diff"));
        assertThat(paths.imageLayerKind()).isEqualTo(LayerKind.DIFF);
    }

    @Test
    void eachDriverHasItsOwnLayout() {
        assertThat(ModernDriverPaths.of("vfs", Path.of("/r/vfs")).layerDir(ID)).contains(Path.of("/r/vfs/dir/" + ID));
        assertThat(ModernDriverPaths.of("aufs", Path.of("/r/aufs")).layerDir(ID)).contains(Path.of("/r/aufs/diff/" + ID));
        assertThat(ModernDriverPaths.of("overlay", Path.of("/r/overlay")).layerDir(ID))
                .contains(Path.of("/r/overlay/" + ID + "/root"));
        assertThat(ModernDriverPaths.of("overlay", Path.of("/r/overlay")).containerDir(ID))
                .contains(Path.of("/r/overlay/" + ID + "/upper"));
        assertThat(ModernDriverPaths.of("btrfs", Path.of("/r/btrfs")).layerDir(ID))
                .contains(Path.of("/r/btrfs/subvolumes/" + ID));
        assertThat(ModernDriverPaths.of("fuse-overlayfs", Path.of("/r/f")).driver()).isEqualTo("fuse-overlayfs");
        ModernDriverPaths zfs = ModernDriverPaths.of("zfs", Path.of("/r/zfs"));
        assertThat(zfs.layerDir(ID)).isEmpty();
        assertThat(zfs.imageLayerKind()).isEqualTo(LayerKind.UNREADABLE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "..", ".", "../etc", "a/b", "/etc", "-rf", ".hidden", "a b", "ü"})
    void unsafeIdsNameNoFolder(String id) {
        assertThat(ModernDriverIds.isDriverId(id)).isFalse();
        assertThat(ModernDriverPaths.of("vfs", HOME).layerDir(id)).isEmpty();
        assertThat(ModernDriverPaths.of("overlay2", HOME).containerDir(id)).isEmpty();
    }

    @Test
    void idsDockerWritesAreSafe() {
        assertThat(ModernDriverIds.isDriverId(ID)).isTrue();
        assertThat(ModernDriverIds.isDriverId(ID + "-init")).isTrue();
        assertThat(ModernDriverIds.isDriverId("x".repeat(201))).isFalse();
    }

    @Test
    void lowerListsShortNamesNearestFirst() throws Exception {
        assertThat(ModernOverlay2Paths.parseLower("l/XDUGZDYABB4U2XH6LSIEQIURZF:l/7PNEAAAAAAAAAAAAAAAAAAAAAA\n",
                HOME.resolve("lower"))).containsExactly("XDUGZDYABB4U2XH6LSIEQIURZF", "7PNEAAAAAAAAAAAAAAAAAAAAAA");
    }

    @Test
    void lowerWithHostilePartsIsRefused() {
        Path file = HOME.resolve(ID).resolve("lower");
        assertThatThrownBy(() -> ModernOverlay2Paths.parseLower("l/ABC:l/../../etc", file))
                .isInstanceOf(DockerStorageException.class)
                .hasMessage("lower entry 2 'l/../../etc' is not l/<short name>");
        assertThatThrownBy(() -> ModernOverlay2Paths.parseLower("", file)).hasMessageContaining("lists 0 layers");
        assertThatThrownBy(() -> ModernOverlay2Paths.parseLower("l/A::l/B", file))
                .hasMessage("lower entry 2 '' is not l/<short name>");
        String tooDeep = String.join(":", Collections.nCopies(129, "l/ABC"));
        assertThatThrownBy(() -> ModernOverlay2Paths.parseLower(tooDeep, file)).hasMessageContaining("lists 129 layers");
    }

    @Test
    void shortLinkTargetNamesALayerOnlyWhenItIsThatLayersDiff() {
        ModernOverlay2Paths paths = new ModernOverlay2Paths("overlay2", HOME);

        assertThat(paths.idOfDiffDir(HOME.resolve("l/../" + ID + "/diff"))).contains(ID);
        assertThat(paths.idOfDiffDir(HOME.resolve(ID).resolve("work"))).isEmpty();
        assertThat(paths.idOfDiffDir(Path.of("/etc/diff"))).isEmpty();
        assertThat(paths.shortLink("../x")).isEmpty();
        assertThat(paths.shortLink("ABC")).contains(HOME.resolve("l/ABC"));
    }

    @Test
    void aufsLayersFileListsAncestorsOnePerLine() {
        assertThat(ModernAufsPaths.parseLayers("b\n\na\n")).containsExactly("b", "a");
        assertThat(ModernAufsPaths.parseLayers("")).isEmpty();
    }
}
