package io.github.drydock.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.drydock.testing.TestFiles;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static io.github.drydock.cli.CliRun.keys;
import static io.github.drydock.cli.CliRun.run;
import static io.github.drydock.cli.CliRun.runWithEnv;
import static org.assertj.core.api.Assertions.assertThat;

/** The command wiring: usage errors, exit codes, JSON document shapes, on roots built in a temp folder. */
class MainTest {
    @TempDir
    Path temp;
    private String root;

    @BeforeEach
    void emptyLegacyRoot() {
        root = TestFiles.mkdirs(temp.resolve("docker/graph")).getParent().toString();
    }

    @Test
    void infoOnAnEmptyLegacyRootSucceeds() {
        CliRun run = run("--root", root, "info");
        assertThat(run.code()).isZero();
        assertThat(run.out()).startsWith("Root:        " + root + "\nGeneration:  LEGACY\nImages:      0\n");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void infoJsonHasItsDocumentedShape() {
        CliRun run = run("--root", root, "--json", "info");
        assertThat(run.code()).isZero();
        JsonNode info = run.json();
        assertThat(keys(info)).containsExactly("generation", "drivers", "counts", "notes", "problems", "root",
                "filesystemRoot");
        assertThat(info.get("generation").asText()).isEqualTo("LEGACY");
        assertThat(keys(info.get("counts"))).containsExactly("images", "containers", "volumes", "layers");
        assertThat(info.get("counts").get("images").asInt()).isZero();
        assertThat(info.get("root").asText()).isEqualTo(root);
        assertThat(info.get("problems").isArray()).isTrue();
        assertThat(run.err()).isEmpty();
    }

    @Test
    void everyListingJsonIsItemsAndProblems() {
        for (String command : new String[] {"images", "containers", "ps", "volumes"}) {
            CliRun run = run("--root", root, "--json", command);
            assertThat(run.code()).as(command).isZero();
            assertThat(keys(run.json())).as(command).containsExactly("items", "problems");
            assertThat(run.json().get("items").isArray()).as(command).isTrue();
            assertThat(run.err()).as(command).isEmpty();
        }
    }

    @Test
    void emptyListingsPrintTheirHeaders() {
        assertThat(run("--root", root, "images").out()).isEqualTo("REPOSITORY  TAG  IMAGE ID  CREATED  VIRTUAL SIZE\n");
        assertThat(run("--root", root, "ps", "-a").out())
                .isEqualTo("CONTAINER ID  IMAGE  COMMAND  CREATED  STATUS  NAMES\n");
        assertThat(run("--root", root, "volumes").out()).isEqualTo("NAME  SIZE  CONTAINER  DESTINATION  PATH\n");
        CliRun tree = run("--root", root, "images", "--tree");
        assertThat(tree.code()).isZero();
        assertThat(tree.out()).isEmpty();
    }

    @Test
    void globalOptionsAlsoWorkAfterTheCommand() {
        CliRun run = run("images", "--json", "--root", root, "-a");
        assertThat(run.code()).isZero();
        assertThat(keys(run.json())).containsExactly("items", "problems");
    }

    @Test
    void rootComesFromTheEnvironmentUnlessGiven() {
        CliRun fromEnv = runWithEnv(Map.of(DrydockCommand.ROOT_ENV, root), "--json", "info");
        assertThat(fromEnv.code()).isZero();
        assertThat(fromEnv.json().get("root").asText()).isEqualTo(root);
        CliRun given = runWithEnv(Map.of(DrydockCommand.ROOT_ENV, temp.resolve("absent").toString()),
                "--root", root, "info");
        assertThat(given.code()).isZero();
    }

    @Test
    void aRootThatDoesNotExistExitsOne() {
        CliRun run = run("--root", temp.resolve("absent").toString(), "images");
        assertThat(run.code()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("drydock: cannot open Docker root: " + temp.resolve("absent")
                + ": not a readable folder\n");
    }

    @Test
    void aFolderWithoutADockerRootExitsOneWithAHint() {
        CliRun run = run("--root", TestFiles.mkdirs(temp.resolve("plain/etc")).getParent().toString(), "info");
        assertThat(run.code()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.err()).startsWith("drydock: no Docker root found in ").contains("hint:");
    }

    @Test
    void unknownReferencesExitOne() {
        CliRun history = run("--root", root, "history", "mysql:5.7.5");
        assertThat(history.code()).isEqualTo(ExitCodes.FAILED);
        assertThat(history.err()).isEqualTo("drydock: no such image: mysql:5.7.5\n");
        CliRun inspect = run("--root", root, "inspect", "c171a2256c3b");
        assertThat(inspect.code()).isEqualTo(ExitCodes.FAILED);
        assertThat(inspect.err()).isEqualTo("drydock: no such container or image: c171a2256c3b\n");
        CliRun logs = run("--root", root, "logs", "db");
        assertThat(logs.code()).isEqualTo(ExitCodes.FAILED);
        assertThat(logs.err()).isEqualTo("drydock: no such container: db\n");
        assertThat(run("--root", root, "--json", "history", "x").out()).isEmpty();
    }

    @Test
    void unknownCommandIsAUsageError() {
        CliRun run = run("--root", root, "imgaes");
        assertThat(run.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("drydock: Unmatched argument at index 2: 'imgaes'\n")
                .contains("Did you mean: drydock images").contains("Usage: drydock ");
    }

    @Test
    void missingArgumentIsAUsageError() {
        CliRun run = run("--root", root, "history");
        assertThat(run.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).startsWith("drydock: Missing required parameter: 'IMAGE'\n")
                .contains("Usage: drydock history");
    }

    @Test
    void badOptionsAreUsageErrors() {
        assertThat(run("--root", root, "images", "--bogus").code()).isEqualTo(ExitCodes.USAGE);
        assertThat(run("--root", root, "logs", "db", "--tail", "-3").code()).isEqualTo(ExitCodes.USAGE);
        assertThat(run("--root", root, "logs", "db", "--tail", "ten").err())
                .startsWith("drydock: Invalid value for option '--tail': 'ten'");
        assertThat(run("--root").code()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void noCommandIsAUsageError() {
        CliRun run = run("--root", root);
        assertThat(run.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).startsWith("drydock: Missing required command\n").contains("Commands:");
    }

    @Test
    void versionAndHelpSucceed() {
        CliRun version = run("--version");
        assertThat(version.code()).isZero();
        assertThat(version.out()).isEqualTo("drydock " + Version.current() + "\n");
        CliRun help = run("--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).startsWith("Usage: drydock ").contains("containers, ps").contains("Exit codes:");
        CliRun imagesHelp = run("help", "images");
        assertThat(imagesHelp.code()).isZero();
        assertThat(imagesHelp.out()).contains("--tree").contains("--all");
    }

    @Test
    void versionFallsBackToDevWhenNotRunFromAJar() {
        assertThat(Version.current()).isEqualTo("dev");
    }
}
