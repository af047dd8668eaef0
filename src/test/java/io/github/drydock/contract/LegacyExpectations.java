package io.github.drydock.contract;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What each legacy fixture root must answer, written down from its generated {@code README.md}
 * ({@code testdata/<root>/README.md}) and {@code testdata/README.md}. Virtual sizes of the seed root come
 * from the scenario; the others are the sum of the {@code layersize} files of the chain (the READMEs do
 * not print them), which {@link LegacyRootContractTest} also recomputes from disk.
 */
final class LegacyExpectations {
    private LegacyExpectations() {
    }

    /**
     * One root's expected answers.
     *
     * @param fixture      the folder under {@code testdata/}
     * @param activeDriver the driver whose metadata is read
     * @param driverNames  every driver folder found, sorted
     * @param chains       image id → its ids base first (itself last); together they name every image
     * @param tags         {@code repo:tag} → image id
     * @param digests      {@code repo@sha256:…} → image id
     * @param virtualSizes {@code repo:tag} → its virtual size as {@code docker images} printed it
     * @param containers   every container
     * @param volumes      every volume, orphans included
     */
    record Root(String fixture, String activeDriver, List<String> driverNames, Map<String, List<String>> chains,
                Map<String, String> tags, Map<String, String> digests, Map<String, String> virtualSizes,
                List<ContainerFacts> containers, List<VolumeFacts> volumes) {
        /** @return every image id, sorted */
        List<String> imageIds() {
            return chains.values().stream().flatMap(List::stream).distinct().sorted().toList();
        }

        /** @return the images without a parent, sorted */
        List<String> baseImages() {
            return chains.values().stream().map(c -> c.get(0)).distinct().sorted().toList();
        }

        @Override
        public String toString() {
            return fixture;
        }
    }

    /**
     * One container.
     *
     * @param id       full id
     * @param name     with its leading slash
     * @param imageId  the image it was created from
     * @param imageRef what the user typed ({@code Config.Image})
     * @param status   {@code exited}, {@code running}, …
     * @param exitCode the recorded exit code
     * @param mounts   {@code <destination> -> volume <name> rw|ro} or
     *                 {@code <destination> -> bind <source> rw|ro}, sorted
     */
    record ContainerFacts(String id, String name, String imageId, String imageRef, String status, int exitCode,
                          List<String> mounts) {
    }

    /**
     * One volume.
     *
     * @param name        its name or 64-hex id
     * @param path        its data folder relative to the root
     * @param container   the name of the container that mounts it, or null for an orphan
     * @param destination where that container mounts it, or null
     * @param files       entries that must exist in the data folder (folders end with {@code /})
     */
    record VolumeFacts(String name, String path, String container, String destination, List<String> files) {
    }

    /** The four legacy roots. */
    static Stream<Root> all() {
        return Stream.of(seed(), vfs13(), overlay18(), volumes19());
    }

    /** {@code legacy-aufs-mediawiki}: the founding scenario on Docker 1.6.2 (aufs). */
    static Root seed() {
        String mysql = SeedFacts.MYSQL_IMAGE;
        String wiki = SeedFacts.WIKI_IMAGE;
        return new Root(SeedFacts.FIXTURE, "aufs", List.of("aufs", "vfs"),
                Map.of(mysql, SeedFacts.ids(SeedFacts.MYSQL_CHAIN), wiki, SeedFacts.ids(SeedFacts.WIKI_CHAIN)),
                Map.of("mysql:5.7.5", mysql, "nickstenning/mediawiki:latest", wiki), Map.of(),
                Map.of("mysql:5.7.5", "322.8 MB", "nickstenning/mediawiki:latest", "619.5 MB"),
                List.of(new ContainerFacts(SeedFacts.MYSQL_CONTAINER, "/mediawiki_mysql_1", mysql, "mysql:5.7.5",
                                "exited", 0, List.of("/var/lib/mysql -> volume " + SeedFacts.MYSQL_VOLUME + " rw")),
                        new ContainerFacts(SeedFacts.WIKI_CONTAINER, "/mediawiki_mediawiki_1", wiki,
                                "nickstenning/mediawiki", "exited", 137,
                                List.of("/data -> volume " + SeedFacts.WIKI_VOLUME + " rw"))),
                List.of(new VolumeFacts(SeedFacts.MYSQL_VOLUME, "vfs/dir/" + SeedFacts.MYSQL_VOLUME,
                                "/mediawiki_mysql_1", "/var/lib/mysql", SeedFacts.MYSQL_FILES),
                        new VolumeFacts(SeedFacts.WIKI_VOLUME, "vfs/dir/" + SeedFacts.WIKI_VOLUME,
                                "/mediawiki_mediawiki_1", "/data", List.of("LocalSettings.php", "images/README")),
                        new VolumeFacts(SeedFacts.ORPHAN_VOLUME, "vfs/dir/" + SeedFacts.ORPHAN_VOLUME, null, null,
                                List.of("NOTES", "my_wiki-2015-04-30.sql"))));
    }

    /** {@code legacy-vfs-1.3}: Docker 1.3.3, vfs, a bind-mount record beside a managed volume. */
    static Root vfs13() {
        String scratch = "511136ea3c5a64f264b78b5433614aec563103b4d4702f3ba7d4d2698e22c158";
        String rootfs = "5e8b03b086f74d1a531a59bb276711198b116061cf3846e1c48cb17821162c92";
        String busybox = "4ef0d05368b088fe3cac4c4dedb35cdf9a908bb9e04cfcd190ff0a21958a66db";
        String webapp = "558e2cb40423552e93882690920ae19096d095ae6ac62a873b64b75900ea5f10";
        String volume = "5698a73d704aa28ade79b6fe7cc2b28136313b032bc70f4784b27f442cc21038";
        return new Root("legacy-vfs-1.3", "vfs", List.of("vfs"),
                Map.of(busybox, List.of(scratch, rootfs, busybox), webapp, List.of(scratch, rootfs, busybox, webapp)),
                Map.of("busybox:latest", busybox, "webapp:1.0", webapp), Map.of(),
                // layersize: scratch 0, rootfs 226, CMD 0, webapp 20
                Map.of("busybox:latest", "226 B", "webapp:1.0", "246 B"),
                List.of(new ContainerFacts("2555fb3064c74dd8256c3fde97e936c1dd294507cd69aba66eda568fc9f1e7e6", "/web",
                        webapp, "webapp:1.0", "exited", 0,
                        List.of("/data -> volume " + volume + " rw", "/var/log/webapp -> bind /srv/logs rw"))),
                List.of(new VolumeFacts(volume, "vfs/dir/" + volume, "/web", "/data",
                        List.of("visits.txt", "uploads/logo.txt"))));
    }

    /** {@code legacy-overlay-1.8}: Docker 1.8.2, overlay v1, a 1.7+ local volume. */
    static Root overlay18() {
        String rootfs = "d7a73cd12dc6c8a9486070b7ef53da238d392e3ed63df4e3a0b5a2f61e15845d";
        String alpine = "7e2c088cd745961480ee88e803700f86b39a1262ac0e299b58c3a0ffaac63ebf";
        String redis = "a860e32243d187a42db6136d2efc6b7dc0ac8be6313ca51c375fb819ebf02476";
        String volumeStep = "b7b2bf7a6a501b728de211bdf66543c739a8d1a48fbb9bd616badcd9100d21d0";
        String myredis = "72813cf9736cf1ea7138ef7ea09626c45850c8ca39f6522507014ca225683101";
        String volume = "bb43b3ba3af7cc87ab0b0f1849c8794825c98a7343fd9b071e1ac0503157db0b";
        return new Root("legacy-overlay-1.8", "overlay", List.of("overlay"),
                Map.of(alpine, List.of(rootfs, alpine), myredis, List.of(rootfs, alpine, redis, volumeStep, myredis)),
                Map.of("alpine:3.2", alpine, "myredis:latest", myredis), Map.of(),
                // layersize: rootfs 163, apk add redis 58, the rest 0
                Map.of("alpine:3.2", "163 B", "myredis:latest", "221 B"),
                List.of(new ContainerFacts("2d5eff9c0044deb07b34962fb13f668438b54dbe0e86d8eeebe1af50d4eee510", "/cache",
                        myredis, "myredis", "exited", 0, List.of("/data -> volume " + volume + " rw"))),
                List.of(new VolumeFacts(volume, "volumes/" + volume + "/_data", "/cache", "/data",
                        List.of("dump.rdb"))));
    }

    /** {@code legacy-1.9-volumes}: Docker 1.9.1 (aufs), root moved to /srv/docker-root, migrated volumes. */
    static Root volumes19() {
        String busyboxBase = "0e974dace5f7f933ad30e43dd7448e1f02d99d213b27f73745be1ee3af728473";
        String oldBusybox = "67cbc80f47f29e1e70d564c08218631b930e1098f670c232c7024696ad2e499a";
        String busybox = "96e319c802a75d462964d58e338a4f5d3e61cb79948e1140be65a80eecea0f8b";
        String nginxBase = "31f748a27802fc77bebdf5bc65a9ccb2207908de638361ab599f49d69bbff6b6";
        String nginxMid = "971c727878836118af6cf95d4f4b21d89e3869ed53f34b39ac433685ecc4f0a1";
        String nginx = "d5ba431383cc79ea12c684fe913737d6c22f37b416c4de306829522bee892231";
        String migrated = "46d17bb32e381abc96ce5211e24e5efd6fcd7bcb7a47a297c04bc6394bc5379a";
        String anonymous = "388077ad0d570c37c384e0ef78fd526a366713b78626ed72b1c6e71ed4b8b673";
        return new Root("legacy-1.9-volumes", "aufs", List.of("aufs", "vfs"),
                Map.of(oldBusybox, List.of(busyboxBase, oldBusybox), busybox, List.of(busyboxBase, busybox),
                        nginx, List.of(nginxBase, nginxMid, nginx)),
                Map.of("busybox:latest", busybox, "nginx:1.9.6", nginx),
                Map.of("nginx@sha256:dd3be41c9169256ab1aca3ba2ebc0aac2f98791ea703e537f05d38a44ded3de5", nginx),
                // layersize: busybox base 59, busybox top 28; nginx 18 + 53 + 0
                Map.of("busybox:latest", "87 B", "nginx:1.9.6", "71 B"),
                List.of(new ContainerFacts("34f2959715865e9f1ddc695398ac2994212bd081c0168bbe4dba2e6cf42a92d0",
                                "/legacy_db", oldBusybox, "busybox", "exited", 0,
                                List.of("/data -> volume " + migrated + " rw")),
                        new ContainerFacts("885da295ce85004f228704854ed9e84b4f188f3b410fbce74130827d906f2ecd", "/web",
                                nginx, "nginx:1.9.6", "exited", 0,
                                List.of("/data -> volume mydata rw", "/usr/share/nginx/html -> bind /srv/www ro",
                                        "/var/cache/nginx -> volume " + anonymous + " rw"))),
                List.of(new VolumeFacts(migrated, "vfs/dir/" + migrated, "/legacy_db", "/data", List.of("ticks")),
                        new VolumeFacts("mydata", "volumes/mydata/_data", "/web", "/data", List.of("notes.txt")),
                        new VolumeFacts(anonymous, "volumes/" + anonymous + "/_data", "/web", "/var/cache/nginx",
                                List.of("proxy_temp/1/00/0000000001"))));
    }
}
