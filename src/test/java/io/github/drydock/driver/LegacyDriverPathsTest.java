package io.github.drydock.driver;

import io.github.drydock.model.LayerKind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LegacyDriverPathsTest {
    @Test
    void everyLegacyDriverIsFoundByItsDockerName() {
        assertThat(LegacyDriverPaths.byName("aufs")).contains(LegacyDriverPaths.AUFS);
        assertThat(LegacyDriverPaths.byName("devicemapper")).contains(LegacyDriverPaths.DEVICEMAPPER);
        assertThat(LegacyDriverPaths.byName("overlay2")).isEmpty();
        assertThat(LegacyDriverPaths.byName(null)).isEmpty();
    }

    @Test
    void imageLayersAreDiffsOnAufsAndSnapshotsElsewhere() {
        assertThat(LegacyDriverPaths.AUFS.imagePlace()).isEqualTo(new LegacyDriverPaths.Place("aufs/diff", ""));
        assertThat(LegacyDriverPaths.AUFS.imageKind()).isEqualTo(LayerKind.DIFF);
        assertThat(LegacyDriverPaths.OVERLAY.imagePlace()).isEqualTo(new LegacyDriverPaths.Place("overlay", "root"));
        assertThat(LegacyDriverPaths.OVERLAY.imageKind()).isEqualTo(LayerKind.SNAPSHOT);
        assertThat(LegacyDriverPaths.VFS.imagePlace().home()).isEqualTo("vfs/dir");
        assertThat(LegacyDriverPaths.BTRFS.imagePlace().home()).isEqualTo("btrfs/subvolumes");
        assertThat(LegacyDriverPaths.ZFS.unreadable()).isTrue();
        assertThat(LegacyDriverPaths.DEVICEMAPPER.imageKind()).isEqualTo(LayerKind.UNREADABLE);
    }

    @Test
    void overlayContainersKeepTheirChangesInUpperAsADiff() {
        assertThat(LegacyDriverPaths.OVERLAY.containerPlace()).isEqualTo(new LegacyDriverPaths.Place("overlay", "upper"));
        assertThat(LegacyDriverPaths.OVERLAY.containerKind()).isEqualTo(LayerKind.DIFF);
        assertThat(LegacyDriverPaths.VFS.containerKind()).isEqualTo(LayerKind.SNAPSHOT);
    }

    @Test
    void onlyAufsListsAncestors() {
        assertThat(LegacyDriverPaths.AUFS.ancestorsHome()).contains("aufs/layers");
        assertThat(LegacyDriverPaths.OVERLAY.ancestorsHome()).isEmpty();
    }
}
