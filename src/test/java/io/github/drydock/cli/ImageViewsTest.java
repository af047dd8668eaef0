package io.github.drydock.cli;

import io.github.drydock.model.HistoryEntry;
import io.github.drydock.model.Image;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.github.drydock.cli.CliFixtures.BASE;
import static io.github.drydock.cli.CliFixtures.DEBIAN;
import static io.github.drydock.cli.CliFixtures.MEDIAWIKI;
import static io.github.drydock.cli.CliFixtures.MYSQL;
import static io.github.drydock.cli.CliFixtures.at;
import static io.github.drydock.cli.CliFixtures.id;
import static io.github.drydock.cli.CliFixtures.image;
import static org.assertj.core.api.Assertions.assertThat;

class ImageViewsTest {
    private static final Image BASE_IMAGE = image(BASE, null, "2013-06-13T14:03:50Z", 0);
    private static final Image DEBIAN_IMAGE = image(DEBIAN, BASE, "2015-03-20T09:00:00Z", 84_980_000);
    private static final Image MYSQL_IMAGE = image(MYSQL, DEBIAN, "2015-03-20T10:00:00Z", 322_800_000, "mysql:5.7.5");
    private static final Image WIKI_IMAGE = image(MEDIAWIKI, null, "2015-03-25T08:30:00Z", 619_500_000,
            "nickstenning/mediawiki:latest", "localhost:5000/wiki");
    private static final Image DANGLING = image(id('0'), DEBIAN, null, -1);
    private static final List<Image> ALL = List.of(BASE_IMAGE, DANGLING, DEBIAN_IMAGE, MYSQL_IMAGE, WIKI_IMAGE);

    @Test
    void defaultListingShowsTaggedAndDanglingImagesNewestFirst() {
        assertThat(ImageViews.visible(ALL, false)).containsExactly(WIKI_IMAGE, MYSQL_IMAGE, DANGLING);
    }

    @Test
    void allAddsIntermediateImages() {
        assertThat(ImageViews.visible(ALL, true))
                .containsExactly(WIKI_IMAGE, MYSQL_IMAGE, DEBIAN_IMAGE, BASE_IMAGE, DANGLING);
    }

    @Test
    void imagesTableHasOneRowPerTagAndNoneForUntagged() {
        String text = ImageViews.imagesTable(ImageViews.visible(ALL, false), false);
        assertThat(text).isEqualTo("""
                REPOSITORY              TAG     IMAGE ID      CREATED              VIRTUAL SIZE
                nickstenning/mediawiki  latest  d32d732341b0  2015-03-25 08:30:00  619.5 MB
                localhost:5000/wiki     <none>  d32d732341b0  2015-03-25 08:30:00  619.5 MB
                mysql                   5.7.5   c171a2256c3b  2015-03-20 10:00:00  322.8 MB
                <none>                  <none>  000000000000  -                    -
                """);
    }

    @Test
    void noTruncShowsFullIds() {
        String text = ImageViews.imagesTable(List.of(MYSQL_IMAGE), true);
        assertThat(text.lines().skip(1).findFirst().orElseThrow())
                .isEqualTo("mysql       5.7.5  " + MYSQL + "  2015-03-20 10:00:00  322.8 MB");
    }

    @Test
    void registryPortIsNotATag() {
        assertThat(ImageViews.splitRepoTag("localhost:5000/wiki:1.0")).containsExactly("localhost:5000/wiki", "1.0");
        assertThat(ImageViews.splitRepoTag("localhost:5000/wiki")).containsExactly("localhost:5000/wiki", "<none>");
        assertThat(ImageViews.splitRepoTag("mysql:5.7.5")).containsExactly("mysql", "5.7.5");
    }

    @Test
    void legacyHistoryIsNewestFirstWithTruncatedCommands() {
        Image mysql = CliFixtures.withHistory(MYSQL_IMAGE, List.of(
                new HistoryEntry(BASE, at("2013-06-13T14:03:50Z"), "", "Imported from -", null, false, 0),
                new HistoryEntry(DEBIAN, at("2015-03-20T09:00:00Z"),
                        "/bin/sh -c #(nop) ADD file:0123456789abcdef0123456789abcdef in /", null, null, false,
                        84_980_000),
                new HistoryEntry(MYSQL, at("2015-03-20T10:00:00Z"), "/bin/sh -c #(nop) CMD [\"mysqld\"]", null,
                        null, false, 0)));
        assertThat(history(mysql, false)).isEqualTo("""
                IMAGE         CREATED              CREATED BY                                     SIZE      COMMENT
                c171a2256c3b  2015-03-20 10:00:00  /bin/sh -c #(nop) CMD ["mysqld"]               0 B
                36669626e49c  2015-03-20 09:00:00  /bin/sh -c #(nop) ADD file:0123456789abcde...  84.98 MB
                511136ea3c5a  2013-06-13 14:03:50                                                 0 B       Imported from -
                """);
    }

    @Test
    void noTruncKeepsTheWholeCommandAndId() {
        Image mysql = CliFixtures.withHistory(MYSQL_IMAGE, List.of(new HistoryEntry(MYSQL,
                at("2015-03-20T10:00:00Z"), "/bin/sh -c\tapt-get update && apt-get install -y mysql-server-5.7", null,
                null, false, 1000)));
        assertThat(history(mysql, true).lines().skip(1).findFirst().orElseThrow()).isEqualTo(
                MYSQL + "  2015-03-20 10:00:00  /bin/sh -c apt-get update && apt-get install -y mysql-server-5.7  1 kB");
    }

    @Test
    void modernHistoryWalksTheParentChainUntilAParentIsMissing() {
        // top (2 steps) -> middle (1 step) -> gone (not in the store): Docker labels one step per image.
        Image middle = image(id('b'), id('a'), "2019-12-31T00:00:00Z", 5_000_000);
        Image top = CliFixtures.withHistory(image(id('e'), id('b'), "2020-01-01T00:00:00Z", 5_000_000, "app:1"),
                List.of(new HistoryEntry(null, at("2019-12-30T00:00:00Z"), "/bin/sh -c #(nop) ADD file:abc in / ",
                                null, null, false, 5_000_000),
                        new HistoryEntry(null, at("2019-12-30T00:00:01Z"), "/bin/sh -c #(nop)  CMD [\"sh\"]", null,
                                null, true, -1),
                        new HistoryEntry(null, at("2019-12-31T00:00:00Z"), "/bin/sh -c #(nop)  LABEL a=b", null,
                                null, true, 0),
                        new HistoryEntry(null, at("2020-01-01T00:00:00Z"), "/bin/sh -c #(nop)  USER app", null,
                                null, true, 0)));
        List<HistoryEntry> steps = ImageViews.historyAsDockerShowsIt(top, Map.of(top.id(), top, middle.id(), middle));
        assertThat(steps).extracting(HistoryEntry::imageId).containsExactly(id('e'), id('b'), null, null);
        assertThat(ImageViews.historyTable(steps, false)).isEqualTo("""
                IMAGE         CREATED              CREATED BY                            SIZE  COMMENT
                eeeeeeeeeeee  2020-01-01 00:00:00  /bin/sh -c #(nop)  USER app           0 B
                bbbbbbbbbbbb  2019-12-31 00:00:00  /bin/sh -c #(nop)  LABEL a=b          0 B
                <missing>     2019-12-30 00:00:01  /bin/sh -c #(nop)  CMD ["sh"]         0 B
                <missing>     2019-12-30 00:00:00  /bin/sh -c #(nop) ADD file:abc in /   5 MB
                """);
    }

    @Test
    void historyWalkIsBoundedByTheStepsEvenInAParentCycle() {
        Image a = CliFixtures.withHistory(image(id('a'), id('a'), null, 0), List.of(
                new HistoryEntry(null, null, "one", null, null, true, 0),
                new HistoryEntry(null, null, "two", null, null, true, 0)));
        assertThat(ImageViews.historyAsDockerShowsIt(a, Map.of(a.id(), a)))
                .extracting(HistoryEntry::imageId).containsExactly(id('a'), id('a'));
    }

    private static String history(Image image, boolean noTrunc) {
        Map<String, Image> byId = new HashMap<>();
        ALL.forEach(i -> byId.put(i.id(), i));
        return ImageViews.historyTable(ImageViews.historyAsDockerShowsIt(image, byId), noTrunc);
    }
}
