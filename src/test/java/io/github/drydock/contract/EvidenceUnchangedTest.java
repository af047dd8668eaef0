package io.github.drydock.contract;

import io.github.drydock.testing.Fixtures;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Evidence stays untouched: every command of the CLI, in every output mode, leaves every file, folder
 * and symlink of the root (and the folder holding it) exactly as it was — nothing created, deleted,
 * written, re-timed or re-permissioned — and still succeeds on a root nobody may write to.
 */
class EvidenceUnchangedTest {
    @TempDir
    Path temp;

    /**
     * A root and the references its commands use.
     *
     * @param fixture        the folder under {@code testdata/}
     * @param tag            an image tag, for {@code history}
     * @param container      a container name, for {@code inspect}
     * @param image          an image reference, for {@code inspect}
     * @param logsOf         a container with a json-file log
     */
    record Subject(String fixture, String tag, String container, String image, String logsOf) {
        @Override
        public String toString() {
            return fixture;
        }

        /** Every command: each in human and JSON mode, each without and with {@code --strict}. */
        List<List<String>> commands() {
            List<List<String>> base = List.of(List.of("info"), List.of("images"), List.of("images", "--tree"),
                    List.of("images", "-a"), List.of("images", "--no-trunc"), List.of("history", tag),
                    List.of("history", "--no-trunc", tag), List.of("inspect", container), List.of("inspect", image),
                    List.of("containers"), List.of("ps", "--no-trunc"), List.of("volumes"), List.of("logs", logsOf),
                    List.of("logs", "--timestamps", logsOf), List.of("logs", "--tail", "1", logsOf));
            List<List<String>> all = new ArrayList<>();
            for (List<String> command : base) {
                for (List<String> mode : List.of(List.<String>of(), List.of("--json"))) {
                    for (List<String> strict : List.of(List.<String>of(), List.of("--strict"))) {
                        List<String> args = new ArrayList<>(mode);
                        args.addAll(strict);
                        args.addAll(command);
                        all.add(args);
                    }
                }
            }
            return all;
        }
    }

    static Stream<Subject> subjects() {
        return Stream.of(
                new Subject(SeedFacts.FIXTURE, "mysql:5.7.5", "mediawiki_mysql_1", "nickstenning/mediawiki",
                        "mediawiki_mediawiki_1"),
                new Subject("legacy-1.9-volumes", "nginx:1.9.6", "/web", "busybox", "legacy_db"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("subjects")
    void everyCommandLeavesTheRootExactlyAsItWas(Subject subject) {
        Path root = Fixtures.materialize(subject.fixture(), temp);
        TreeSnapshot before = TreeSnapshot.of(temp);
        assertThat(before.entries()).hasSizeGreaterThan(50);
        runEveryCommand(subject, root);
        assertThat(before.differencesTo(TreeSnapshot.of(temp))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("subjects")
    void everyCommandSucceedsOnARootNobodyMayWrite(Subject subject) throws IOException {
        Path root = Fixtures.materialize(subject.fixture(), temp);
        try {
            makeReadOnly(root);
            TreeSnapshot before = TreeSnapshot.of(temp);
            runEveryCommand(subject, root);
            assertThat(before.differencesTo(TreeSnapshot.of(temp))).isEmpty();
        } finally {
            forEachNode(root, EvidenceUnchangedTest::addOwnerWrite);
        }
    }

    /** Runs each command and checks it succeeded with output and no problem. */
    private static void runEveryCommand(Subject subject, Path root) {
        List<List<String>> commands = subject.commands();
        assertThat(commands).hasSize(60);
        for (List<String> args : commands) {
            ContractCli run = ContractCli.run(root, args.toArray(String[]::new));
            assertThat(run.code()).as(run.toString()).isZero();
            // a log's stderr records go to stderr, so the last record may be there
            assertThat(run.out() + run.err()).as(run.toString()).isNotBlank();
            assertThat(run.err()).as(run.toString()).doesNotContain("drydock:");
            if (args.contains("--json") || args.contains("inspect")) {
                assertThat(run.json().isContainerNode()).as(run.toString()).isTrue();
            }
        }
    }

    /**
     * {@code chmod -R a-w}: removes every write bit (symlinks have none of their own). With root's
     * privileges (uid 0) the bits are not enforced: then the test only re-checks the snapshot.
     */
    private static void makeReadOnly(Path root) throws IOException {
        forEachNode(root, path -> {
            Set<PosixFilePermission> permissions = EnumSet.copyOf(Files.getPosixFilePermissions(path,
                    LinkOption.NOFOLLOW_LINKS));
            permissions.removeAll(Set.of(PosixFilePermission.OWNER_WRITE, PosixFilePermission.GROUP_WRITE,
                    PosixFilePermission.OTHERS_WRITE));
            Files.setPosixFilePermissions(path, permissions);
        });
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root))).doesNotContain("w");
    }

    private static void addOwnerWrite(Path path) throws IOException {
        Set<PosixFilePermission> permissions = EnumSet.copyOf(Files.getPosixFilePermissions(path,
                LinkOption.NOFOLLOW_LINKS));
        permissions.add(PosixFilePermission.OWNER_WRITE);
        Files.setPosixFilePermissions(path, permissions);
    }

    /** Something done to one file or folder. */
    private interface NodeAction {
        void apply(Path path) throws IOException;
    }

    /** Applies an action to every folder and file under {@code top} (top included), never to a symlink. */
    private static void forEachNode(Path top, NodeAction action) {
        try {
            Files.walkFileTree(top, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    action.apply(dir);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    if (!attrs.isSymbolicLink()) {
                        action.apply(file);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
