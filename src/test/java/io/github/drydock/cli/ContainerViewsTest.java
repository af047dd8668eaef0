package io.github.drydock.cli;

import io.github.drydock.model.Container;
import io.github.drydock.model.ContainerState;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.github.drydock.cli.CliFixtures.DB;
import static io.github.drydock.cli.CliFixtures.MEDIAWIKI;
import static io.github.drydock.cli.CliFixtures.MYSQL;
import static io.github.drydock.cli.CliFixtures.WIKI;
import static io.github.drydock.cli.CliFixtures.container;
import static io.github.drydock.cli.CliFixtures.exited;
import static io.github.drydock.cli.CliFixtures.id;
import static io.github.drydock.cli.CliFixtures.state;
import static org.assertj.core.api.Assertions.assertThat;

class ContainerViewsTest {
    private static final Container DB_CONTAINER = container(DB, "/db", MYSQL, "mysql:5.7.5", "2015-03-21T10:00:00Z",
            exited(3, "2015-04-01T12:00:00Z"), "/entrypoint.sh", List.of("mysqld"), List.of());
    private static final Container WIKI_CONTAINER = container(WIKI, "/wiki", MEDIAWIKI, null, "2015-03-22T09:00:00Z",
            state("running"), "apache2-foreground", List.of(), List.of());
    private static final Container NEW_CONTAINER = container(id('7'), "/new", null, "busybox", null,
            state("created"), "sh", List.of("-c", "echo \"hi\""), List.of());

    @Test
    void tableListsNewestFirstWithQuotedTruncatedCommands() {
        String text = ContainerViews.table(ContainerViews.sorted(List.of(NEW_CONTAINER, DB_CONTAINER, WIKI_CONTAINER)),
                false);
        assertThat(text).isEqualTo("""
                CONTAINER ID  IMAGE         COMMAND                 CREATED              STATUS                          NAMES
                9f1c2ab3c4d5  d32d732341b0  "apache2-foreground"    2015-03-22 09:00:00  Up (at copy time)               wiki
                3b03d0aa1e9b  mysql:5.7.5   "/entrypoint.sh my..."  2015-03-21 10:00:00  Exited (3) 2015-04-01 12:00:00  db
                777777777777  busybox       "sh -c echo \\"hi\\""     -                    Created                         new
                """);
    }

    @Test
    void noTruncShowsFullIdsAndCommands() {
        String line = ContainerViews.table(List.of(DB_CONTAINER), true).lines().skip(1).findFirst().orElseThrow();
        assertThat(line).isEqualTo(DB + "  mysql:5.7.5  \"/entrypoint.sh mysqld\"  2015-03-21 10:00:00"
                + "  Exited (3) 2015-04-01 12:00:00  db");
    }

    @Test
    void statusesSayWhatWasRecordedAndThatNothingRunsNow() {
        assertThat(ContainerViews.status(state("created"))).isEqualTo("Created");
        assertThat(ContainerViews.status(state("running"))).isEqualTo("Up (at copy time)");
        assertThat(ContainerViews.status(state("paused"))).isEqualTo("Up (Paused) (at copy time)");
        assertThat(ContainerViews.status(state("dead"))).isEqualTo("Dead");
        assertThat(ContainerViews.status(exited(137, null))).isEqualTo("Exited (137)");
        assertThat(ContainerViews.status(new ContainerState("restarting", true, false, true, false, false, 1, 2, null,
                null, null))).isEqualTo("Restarting (2) (at copy time)");
        assertThat(ContainerViews.status(null)).isEqualTo("Unknown");
        assertThat(ContainerViews.status(state("removing"))).isEqualTo("removing");
    }

    @Test
    void imageColumnFallsBackToTheImageIdThenNone() {
        assertThat(ContainerViews.image(WIKI_CONTAINER, false)).isEqualTo("d32d732341b0");
        assertThat(ContainerViews.image(WIKI_CONTAINER, true)).isEqualTo(MEDIAWIKI);
        Container bare = container(id('8'), "/bare", null, " ", null, state("created"), null, List.of(), List.of());
        assertThat(ContainerViews.image(bare, false)).isEqualTo("<none>");
        assertThat(ContainerViews.command(bare)).isEmpty();
    }
}
