package io.github.drydock.cli;

import io.github.drydock.driver.NodeInspector;
import io.github.drydock.model.FileEntry;
import io.github.drydock.union.UnionView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static io.github.drydock.testing.TestFiles.mkdirs;
import static io.github.drydock.testing.TestFiles.symlink;
import static io.github.drydock.testing.TestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ViewPathArgTest {
    @TempDir
    Path tmp;

    @Test
    void parsesNamesTrailingSlashesAndFolderContent() {
        assertThat(ViewPathArg.parse("/usr/bin")).isEqualTo(new ViewPathArg("/usr/bin", "/usr/bin", "bin", false, false));
        assertThat(ViewPathArg.parse("usr/bin/")).isEqualTo(new ViewPathArg("usr/bin/", "/usr/bin", "bin", true, false));
        assertThat(ViewPathArg.parse("/usr/bin/.")).isEqualTo(new ViewPathArg("/usr/bin/.", "/usr/bin", "bin", true, true));
        assertThat(ViewPathArg.parse("/a/../../b")).isEqualTo(new ViewPathArg("/a/../../b", "/b", "b", false, false));
        assertThat(ViewPathArg.parse("").isRoot()).isTrue();
        assertThat(ViewPathArg.parse("/").isRoot()).isTrue();
        assertThat(ViewPathArg.parse(".").contentOnly()).isTrue();
    }

    @Test
    void findsInsideTheViewFollowingTheLastLinkOnlyWhenAsked() throws Exception {
        Path layer = mkdirs(tmp.resolve("layer"));
        write(layer.resolve("bin/tool"), "x");
        write(layer.resolve("etc/passwd"), "root:x:0:0::/root:/bin/sh\n");
        symlink(layer.resolve("usr/bin"), "../bin");
        symlink(layer.resolve("escape"), "../../../../etc/passwd");
        UnionView view = UnionView.ofFolder(layer, "layer", NodeInspector.system());

        assertThat(ViewPathArg.parse("/usr/bin").find(view, false).path()).isEqualTo("/usr/bin");
        assertThat(ViewPathArg.parse("/usr/bin").find(view, true).path()).isEqualTo("/bin");
        assertThat(ViewPathArg.parse("/usr/bin/").find(view, false).path()).isEqualTo("/bin");
        assertThat(ViewPathArg.parse("usr/bin/tool").find(view, false).path()).isEqualTo("/bin/tool");
        FileEntry escaped = ViewPathArg.parse("/escape").find(view, true);
        assertThat(escaped.path()).as("climbing stops at the view's root").isEqualTo("/etc/passwd");
        assertThat(escaped.source()).isEqualTo(layer.resolve("etc/passwd"));
        assertThatThrownBy(() -> ViewPathArg.parse("/escape/").find(view, false)).isInstanceOf(CliException.class)
                .hasMessage("not a folder: /escape/ is a FILE");
        assertThatThrownBy(() -> ViewPathArg.parse("/nope").find(view, false)).isInstanceOf(CliException.class)
                .hasMessage("no such file or folder: /nope");
    }

    @Test
    void cpSourceSplitsAtTheFirstColonSlash() {
        assertThat(CpCommand.Source.parse("c-run:/etc")).isEqualTo(new CpCommand.Source("c-run", "/etc"));
        assertThat(CpCommand.Source.parse("example/app:1:/etc/passwd"))
                .isEqualTo(new CpCommand.Source("example/app:1", "/etc/passwd"));
        assertThat(CpCommand.Source.parse("c-run:/a:/b")).isEqualTo(new CpCommand.Source("c-run", "/a:/b"));
        assertThat(CpCommand.Source.parse("c-run:etc")).isEqualTo(new CpCommand.Source("c-run", "etc"));
        assertThat(CpCommand.Source.parse("volume:cb40:/mysql")).isEqualTo(new CpCommand.Source("volume:cb40", "/mysql"));
        assertThat(CpCommand.Source.parse("volume:cb40:mysql")).isEqualTo(new CpCommand.Source("volume:cb40", "mysql"));
        assertThat(CpCommand.Source.parse("c-run")).isNull();
        assertThat(CpCommand.Source.parse(":/etc")).isNull();
        assertThat(CpCommand.Source.parse("volume:cb40")).isNull();
    }
}
