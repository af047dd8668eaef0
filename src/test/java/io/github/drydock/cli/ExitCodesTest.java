package io.github.drydock.cli;

import io.github.drydock.model.Problem;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.github.drydock.cli.CliFixtures.DB;
import static io.github.drydock.cli.CliFixtures.MYSQL;
import static org.assertj.core.api.Assertions.assertThat;

class ExitCodesTest {
    private static final Problem DB_PROBLEM = new Problem("/r/containers/" + DB + "/hostconfig.json",
            "cannot parse host config: unexpected end of input");
    private static final Problem MYSQL_PROBLEM = new Problem("/r/repositories-aufs",
            "tag mysql:5.7.5 points at c171a2256c3b, which has no graph entry");

    @Test
    void problemsFailOnlyWhenStrict() {
        assertThat(ExitCodes.afterOutput(List.of(DB_PROBLEM), true)).isEqualTo(ExitCodes.FAILED);
        assertThat(ExitCodes.afterOutput(List.of(DB_PROBLEM), false)).isEqualTo(ExitCodes.OK);
        assertThat(ExitCodes.afterOutput(List.of(), true)).isEqualTo(ExitCodes.OK);
    }

    @Test
    void problemsAboutAnObjectNameItsIdInPathOrMessage() {
        List<Problem> all = List.of(DB_PROBLEM, MYSQL_PROBLEM);
        assertThat(ExitCodes.about(all, DB)).containsExactly(DB_PROBLEM);
        assertThat(ExitCodes.about(all, MYSQL)).containsExactly(MYSQL_PROBLEM);
        assertThat(ExitCodes.about(all, "f".repeat(64))).isEmpty();
    }
}
