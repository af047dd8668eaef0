package io.github.drydock.contract;

import java.util.List;
import java.util.stream.Stream;

/**
 * The founding scenario's facts, written down from {@code shared/spec/seed-scenario.md} and
 * {@code testdata/legacy-aufs-mediawiki/README.md} (both agree): the 37 image ids of {@code graph/} in
 * {@code docker images --tree} order, each with the virtual size Docker 1.6 printed, and the ids of
 * the containers and volumes the story is about.
 */
final class SeedFacts {
    /** The fixture root that imitates the scenario's {@code /var/lib/docker}. */
    static final String FIXTURE = "legacy-aufs-mediawiki";
    /** {@code mysql:5.7.5}. */
    static final String MYSQL_IMAGE = "c171a2256c3b9d13c77b2b3773eaaad95a9b4a8735613ce46722f79fa29fa366";
    /** {@code nickstenning/mediawiki:latest}. */
    static final String WIKI_IMAGE = "d32d732341b07cfc87006d09ea75514d8c10774dfbc83c74034ac28b1491557b";
    /** {@code /mediawiki_mysql_1}. */
    static final String MYSQL_CONTAINER = "fafda563ea121987c80b962e0cf86e57cb2bdafcd453d2175a554fd79936abd5";
    /** {@code /mediawiki_mediawiki_1}. */
    static final String WIKI_CONTAINER = "1ddb3aaa204514c7a479d361ff7a6c9e61270576b78bf30c0d32c1fa82bf84bd";
    /** The lost MySQL data: {@code /var/lib/mysql} of the mysql container. */
    static final String MYSQL_VOLUME = "cb4012594631102fc8a69aa6cb4a9aa2dd2be3d39d2564c94ae91ac5e3eb4aec";
    /** {@code /data} of the wiki container. */
    static final String WIKI_VOLUME = "9b144a7715920c139c59703d624ee2bedd87ac5f9bb0ce00764e661098f742b8";
    /** A volume no container refers to. */
    static final String ORPHAN_VOLUME = "2f9cbf01a8c9ab9db7b7a8e967745409a33672b27dd304588b2d4e71c6bf78ac";
    /** What the owner found in {@code vfs/dir/cb40…} (folders end with {@code /}). */
    static final List<String> MYSQL_FILES = List.of("auto.cnf", "ibdata1", "ib_logfile0", "ib_logfile1", "ibtmp1",
            "mysql/", "my_wiki/", "performance_schema/");

    /**
     * One row of the scenario's image table.
     *
     * @param id          the image id
     * @param virtualSize as {@code docker images --tree} printed it
     */
    record Row(String id, String virtualSize) {
    }

    /** The mysql chain, base first: rows 1–16 of the table. */
    static final List<Row> MYSQL_CHAIN = List.of(
            new Row("511136ea3c5a64f264b78b5433614aec563103b4d4702f3ba7d4d2698e22c158", "0 B"),
            new Row("36669626e49c623f3b2aea41052bbc9de0506807d92137bf76c0fd3264eaff34", "84.98 MB"),
            new Row("d5570ef1464a43fe282dd2705b38a2d739812b0b8036a49cfa09811737cfbed4", "84.98 MB"),
            new Row("170ff2cfa64adbd757c0dad0c1cb4bbb61e11301a16cd8f29b40cb3217ec7254", "85.3 MB"),
            new Row("ef7c16d26957dc5dea9ad23433c7dd6400ab0a1a5cf461a080312dfaea50eeee", "116.7 MB"),
            new Row("3749ee37c2a6df4df9f720c7c07ecc5af695a2a5853bac1f8ba6450ddc310343", "116.8 MB"),
            new Row("5431d6b9bc80429667488287e8189cc4d4b14791e43e45b374e132e340fb15db", "116.8 MB"),
            new Row("0dc7d82401208db703d519db581d7dddb39a090e2bf0dd6b5a64dcf9a743e6aa", "116.8 MB"),
            new Row("a37379b8d1ce392404d50d97a02afb92bd774a45191b3dc98c512fa6af394335", "116.8 MB"),
            new Row("cad6baf3ee5b2798947cdcfbdd3bf4c38c3f094bfbec876fb27da426528107fa", "322.8 MB"),
            new Row("facdf830563864336b80233167577315520bca3fbbd86d8f995e40f0e81e238c", "322.8 MB"),
            new Row("a10cdfaf13cf8dbaa07798f29265ec37a5bec4dc5f2b6f8c449edb2658b0a571", "322.8 MB"),
            new Row("444b88bd8367b8fc2d023b5ceb77cec3784963bbfc03d1d30f96b97a22cfbc44", "322.8 MB"),
            new Row("83dfd5776ff844e112fa504701370e7a0e20ecdf43afc75cf9018f05c6e46699", "322.8 MB"),
            new Row("7d0b9c0b29d271a8be6ca9252da15ae4f01dd386ac2b452563232aaaddd5eaf9", "322.8 MB"),
            new Row("c171a2256c3b9d13c77b2b3773eaaad95a9b4a8735613ce46722f79fa29fa366", "322.8 MB"));
    /** The mediawiki chain, base first: rows 17–37 of the table. */
    static final List<Row> WIKI_CHAIN = List.of(
            new Row("8dbd9e392a964056420e5d58ca5cc376ef18e2de93b5cc90e868a1bbc8318c1c", "128 MB"),
            new Row("be647841828f846812df2968e24aa9db46c1a2033c0c60577e2b91fdcf7d4c09", "128 MB"),
            new Row("7f06ad8f23b10227423823e3acc7e368c012f41a30660c3fbad661a9a4f8fe67", "272.5 MB"),
            new Row("9fc1b767f7ff6d935efd6e897882d202fcbd041a154c400b595b9e0f1b2092dc", "383.1 MB"),
            new Row("46af893ffb5fe47b7de23a3f2f8972dbf51e78a0327ca46b7848c1cdfd48f97d", "439.2 MB"),
            new Row("00a79ad7ea4a77bac24386226563b86ee92db49073e6417ce10dbe175777b7ff", "439.2 MB"),
            new Row("69f7b013792e1f9c63176a7e348cb38277182f8bcf3d1d6d2c26ff9c4885b4ec", "439.2 MB"),
            new Row("854a5bd5be7280e1a53d451e3806aaf202a4cfffdf1701cf10cd1036bccb6bdc", "439.2 MB"),
            new Row("c219ca4d0d536c79955628e17aa8d6e6b6a61bc50c486bcd304a70a790985627", "439.2 MB"),
            new Row("42c69a7e8ad3ba37bfddeaf52ea54381d487311ba5c75d6a91811abeaad8438b", "439.2 MB"),
            new Row("09652ed5f7efeb035c7f29e7fe16b600ff4066362ea95f678974d7940f89f021", "459.6 MB"),
            new Row("814a97e8dc1c5b86b3a4a21e2c64abac2e69ad1214f084c60e78b7b9b4d91e75", "539.6 MB"),
            new Row("a7bc400b42c28673642376884b7a8a93c76548198ebb4c4993a65cdfaf81ccd2", "539.6 MB"),
            new Row("68013db1eb6d12803db7cbb52e95e6f29c8141c095b8cb50d245925d7f70d774", "619.5 MB"),
            new Row("ca839611a34f4eb30e582694d9a1cdabf11d96b4c36bf69c1a82fb069ba0509a", "619.5 MB"),
            new Row("63e9d31943ea386e435763524d9ea3a8cb253747113abbb53191121b815572da", "619.5 MB"),
            new Row("1b95e1c4efd993116df499fa9951b865ec99e8a455427cffc9c61364bc3c5295", "619.5 MB"),
            new Row("9df1e07fdf780918f8fafaba0f5470d1c6357232617e42b6d190383fd0710e37", "619.5 MB"),
            new Row("3e8e8966dcfba21708e772ec165edcb617061028572e279decf7b374f4f3a866", "619.5 MB"),
            new Row("3e0c3340e16e991af227912b27441b392762476f15d6749c3c1333fab63c5927", "619.5 MB"),
            new Row("d32d732341b07cfc87006d09ea75514d8c10774dfbc83c74034ac28b1491557b", "619.5 MB"));

    private SeedFacts() {
    }

    /** @return the ids of a chain, base first */
    static List<String> ids(List<Row> chain) {
        return chain.stream().map(Row::id).toList();
    }

    /** @return every image id of the scenario, sorted */
    static List<String> allImageIds() {
        return Stream.concat(MYSQL_CHAIN.stream(), WIKI_CHAIN.stream()).map(Row::id).sorted().toList();
    }
}
