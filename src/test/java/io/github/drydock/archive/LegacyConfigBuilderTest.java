package io.github.drydock.archive;

import io.github.drydock.model.DockerStorageException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Test vectors from moby v1.10.3 {@code migrate/v1/migratev1_test.go} {@code TestMigrateImages}: the image
 * ids the real 1.10 migration gave to two busybox chains (all layers empty, diff id {@code 5f70bf18…}).
 */
class LegacyConfigBuilderTest {
    /** busybox pulled by Docker 1.9 (content-addressed "shape B" JSON with layer_id / parent_id). */
    private static final String BUSYBOX_19_BASE = "{\"architecture\":\"amd64\",\"config\":{\"Hostname\":\"23304fc829f9\",\"Domainname\":\"\",\"User\":\"\",\"AttachStdin\":false,\"AttachStdout\":false,\"AttachStderr\":false,\"Tty\":false,\"OpenStdin\":false,\"StdinOnce\":false,\"Env\":null,\"Cmd\":null,\"Image\":\"\",\"Volumes\":null,\"WorkingDir\":\"\",\"Entrypoint\":null,\"OnBuild\":null,\"Labels\":null},\"container\":\"23304fc829f9b9349416f6eb1afec162907eba3a328f51d53a17f8986f865d65\",\"container_config\":{\"Hostname\":\"23304fc829f9\",\"Domainname\":\"\",\"User\":\"\",\"AttachStdin\":false,\"AttachStdout\":false,\"AttachStderr\":false,\"Tty\":false,\"OpenStdin\":false,\"StdinOnce\":false,\"Env\":null,\"Cmd\":[\"/bin/sh\",\"-c\",\"#(nop) ADD file:a3bc1e842b69636f9df5256c49c5374fb4eef1e281fe3f282c65fb853ee171c5 in /\"],\"Image\":\"\",\"Volumes\":null,\"WorkingDir\":\"\",\"Entrypoint\":null,\"OnBuild\":null,\"Labels\":null},\"created\":\"2015-10-31T22:22:54.690851953Z\",\"docker_version\":\"1.8.2\",\"layer_id\":\"sha256:55dc925c23d1ed82551fd018c27ac3ee731377b6bad3963a2a4e76e753d70e57\",\"os\":\"linux\"}";
    private static final String BUSYBOX_19_TOP = "{\"architecture\":\"amd64\",\"config\":{\"Hostname\":\"23304fc829f9\",\"Domainname\":\"\",\"User\":\"\",\"AttachStdin\":false,\"AttachStdout\":false,\"AttachStderr\":false,\"Tty\":false,\"OpenStdin\":false,\"StdinOnce\":false,\"Env\":null,\"Cmd\":[\"sh\"],\"Image\":\"d1592a710ac323612bd786fa8ac20727c58d8a67847e5a65177c594f43919498\",\"Volumes\":null,\"WorkingDir\":\"\",\"Entrypoint\":null,\"OnBuild\":null,\"Labels\":null},\"container\":\"349b014153779e30093d94f6df2a43c7a0a164e05aa207389917b540add39b51\",\"container_config\":{\"Hostname\":\"23304fc829f9\",\"Domainname\":\"\",\"User\":\"\",\"AttachStdin\":false,\"AttachStdout\":false,\"AttachStderr\":false,\"Tty\":false,\"OpenStdin\":false,\"StdinOnce\":false,\"Env\":null,\"Cmd\":[\"/bin/sh\",\"-c\",\"#(nop) CMD [\\\"sh\\\"]\"],\"Image\":\"d1592a710ac323612bd786fa8ac20727c58d8a67847e5a65177c594f43919498\",\"Volumes\":null,\"WorkingDir\":\"\",\"Entrypoint\":null,\"OnBuild\":null,\"Labels\":null},\"created\":\"2015-10-31T22:22:55.613815829Z\",\"docker_version\":\"1.8.2\",\"layer_id\":\"sha256:a3ed95caeb02ffe68cdd9fd84406680ae93d633cb16422d00e8a7c22955b46d4\",\"os\":\"linux\",\"parent_id\":\"sha256:039b63dd2cbaa10d6015ea574392530571ed8d7b174090f032211285a71881d0\"}";
    /** busybox stored by Docker 1.8.2 (v1 JSON with id / parent, PublishService, VolumeDriver, Size). */
    private static final String BUSYBOX_182_BASE = "{\"id\":\"d1592a710ac323612bd786fa8ac20727c58d8a67847e5a65177c594f43919498\",\"created\":\"2015-10-31T22:22:54.690851953Z\",\"container\":\"23304fc829f9b9349416f6eb1afec162907eba3a328f51d53a17f8986f865d65\",\"container_config\":{\"Hostname\":\"23304fc829f9\",\"Domainname\":\"\",\"User\":\"\",\"AttachStdin\":false,\"AttachStdout\":false,\"AttachStderr\":false,\"ExposedPorts\":null,\"PublishService\":\"\",\"Tty\":false,\"OpenStdin\":false,\"StdinOnce\":false,\"Env\":null,\"Cmd\":[\"/bin/sh\",\"-c\",\"#(nop) ADD file:a3bc1e842b69636f9df5256c49c5374fb4eef1e281fe3f282c65fb853ee171c5 in /\"],\"Image\":\"\",\"Volumes\":null,\"VolumeDriver\":\"\",\"WorkingDir\":\"\",\"Entrypoint\":null,\"NetworkDisabled\":false,\"MacAddress\":\"\",\"OnBuild\":null,\"Labels\":null},\"docker_version\":\"1.8.2\",\"config\":{\"Hostname\":\"23304fc829f9\",\"Domainname\":\"\",\"User\":\"\",\"AttachStdin\":false,\"AttachStdout\":false,\"AttachStderr\":false,\"ExposedPorts\":null,\"PublishService\":\"\",\"Tty\":false,\"OpenStdin\":false,\"StdinOnce\":false,\"Env\":null,\"Cmd\":null,\"Image\":\"\",\"Volumes\":null,\"VolumeDriver\":\"\",\"WorkingDir\":\"\",\"Entrypoint\":null,\"NetworkDisabled\":false,\"MacAddress\":\"\",\"OnBuild\":null,\"Labels\":null},\"architecture\":\"amd64\",\"os\":\"linux\",\"Size\":1108935}";
    private static final String BUSYBOX_182_TOP = "{\"id\":\"17583c7dd0dae6244203b8029733bdb7d17fccbb2b5d93e2b24cf48b8bfd06e2\",\"parent\":\"d1592a710ac323612bd786fa8ac20727c58d8a67847e5a65177c594f43919498\",\"created\":\"2015-10-31T22:22:55.613815829Z\",\"container\":\"349b014153779e30093d94f6df2a43c7a0a164e05aa207389917b540add39b51\",\"container_config\":{\"Hostname\":\"23304fc829f9\",\"Domainname\":\"\",\"User\":\"\",\"AttachStdin\":false,\"AttachStdout\":false,\"AttachStderr\":false,\"ExposedPorts\":null,\"PublishService\":\"\",\"Tty\":false,\"OpenStdin\":false,\"StdinOnce\":false,\"Env\":null,\"Cmd\":[\"/bin/sh\",\"-c\",\"#(nop) CMD [\\\"sh\\\"]\"],\"Image\":\"d1592a710ac323612bd786fa8ac20727c58d8a67847e5a65177c594f43919498\",\"Volumes\":null,\"VolumeDriver\":\"\",\"WorkingDir\":\"\",\"Entrypoint\":null,\"NetworkDisabled\":false,\"MacAddress\":\"\",\"OnBuild\":null,\"Labels\":null},\"docker_version\":\"1.8.2\",\"config\":{\"Hostname\":\"23304fc829f9\",\"Domainname\":\"\",\"User\":\"\",\"AttachStdin\":false,\"AttachStdout\":false,\"AttachStderr\":false,\"ExposedPorts\":null,\"PublishService\":\"\",\"Tty\":false,\"OpenStdin\":false,\"StdinOnce\":false,\"Env\":null,\"Cmd\":[\"sh\"],\"Image\":\"d1592a710ac323612bd786fa8ac20727c58d8a67847e5a65177c594f43919498\",\"Volumes\":null,\"VolumeDriver\":\"\",\"WorkingDir\":\"\",\"Entrypoint\":null,\"NetworkDisabled\":false,\"MacAddress\":\"\",\"OnBuild\":null,\"Labels\":null},\"architecture\":\"amd64\",\"os\":\"linux\",\"Size\":0}";

    private static LegacyConfigBuilder.Step step(String json) {
        return new LegacyConfigBuilder.Step(json.getBytes(StandardCharsets.UTF_8), Digests.EMPTY_LAYER_DIFF_ID, null);
    }

    @Test
    void givesTheImageIdsOfDocker110sMigrationForA19Chain() throws DockerStorageException {
        List<LegacyConfigBuilder.Result> results = LegacyConfigBuilder.buildChain(List.of(step(BUSYBOX_19_BASE), step(BUSYBOX_19_TOP)));
        assertThat(results).extracting(LegacyConfigBuilder.Result::imageId).containsExactly(
                "ca406eaf9c26898414ff5b7b3a023c33310759d6203be0663dbf1b3a712f432d",
                "a488bec94bb96b26a968f913d25ef7d8d204d727ca328b52b4b059c7d03260b6");
    }

    /**
     * The same busybox stored by 1.8.2: its JSON goes through the V1Image struct too (docker_version &lt; 1.8.3),
     * which drops id, parent, Size and the empty PublishService / VolumeDriver / NetworkDisabled / MacAddress, so
     * the configs and ids equal those of the 1.9 chain. (moby's test lists c091bb33… / d963020e… for these
     * images but never compares them with the mappings: those values are stale.)
     */
    @Test
    void a182ChainNormalisesToTheSameConfigsAsThe19Chain() throws DockerStorageException {
        List<LegacyConfigBuilder.Result> results = LegacyConfigBuilder.buildChain(List.of(step(BUSYBOX_182_BASE), step(BUSYBOX_182_TOP)));
        assertThat(results).extracting(LegacyConfigBuilder.Result::imageId).containsExactly(
                "ca406eaf9c26898414ff5b7b3a023c33310759d6203be0663dbf1b3a712f432d",
                "a488bec94bb96b26a968f913d25ef7d8d204d727ca328b52b4b059c7d03260b6");
        LegacyConfigBuilder.Result top = results.get(1);
        assertThat(top.chainIds()).containsExactly(Digests.EMPTY_LAYER_DIFF_ID,
                Digests.chainId(Digests.EMPTY_LAYER_DIFF_ID, Digests.EMPTY_LAYER_DIFF_ID));
        String config = new String(top.config(), StandardCharsets.UTF_8);
        assertThat(config).startsWith("{\"architecture\":\"amd64\",\"config\":{")
                .contains("\"history\":[{\"created\":\"2015-10-31T22:22:54.690851953Z\",\"created_by\":\"/bin/sh -c #(nop) ADD file:")
                .contains("{\"created\":\"2015-10-31T22:22:55.613815829Z\",\"created_by\":\"/bin/sh -c #(nop) CMD [\\\"sh\\\"]\"}]")
                .doesNotContain("\"id\"", "\"parent\"", "Size", "PublishService", "VolumeDriver", "empty_layer")
                .endsWith(",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"sha256:" + Digests.EMPTY_LAYER_DIFF_ID
                        + "\",\"sha256:" + Digests.EMPTY_LAYER_DIFF_ID + "\"]}}");
    }

    @Test
    void theChainIdVectorOfTheMigrationTestHolds() {
        assertThat(Digests.chainId("sha256:c6f988f4874bb0add23a778f753c65efe992244e148a1d2ec2a8b664fb66bbd1",
                Digests.EMPTY_LAYER_DIFF_ID)).isEqualTo("c3191d32a37d7159b2e30830937d2e30268ad6c375a773a8994911a3aba9b93f");
    }

    @Test
    void newerJsonKeepsRawValuesCompactedWithGoEscapingAndDropsOnlyTheListedKeys() throws DockerStorageException {
        String json = "{ \"id\": \"aa\", \"parent\":\"bb\", \"Size\": 5, \"throwaway\": true, \"docker_version\": \"1.9.1\",\n"
                + "  \"created\": \"2015-12-01T10:00:00.100Z\", \"comment\": \"a <b> & c \\/ \\u00e9\",\n"
                + "  \"container_config\": { \"Cmd\": [ \"/bin/sh\", \"-c\", \"make && install\" ] },\n"
                + "  \"custom\": 1.50, \"size\": 7 }";
        LegacyConfigBuilder.Result result = LegacyConfigBuilder.build(List.of(step(json)));
        assertThat(new String(result.config(), StandardCharsets.UTF_8)).isEqualTo("{\"comment\":\"a \\u003cb\\u003e \\u0026 c \\/ \\u00e9\","
                + "\"container_config\":{\"Cmd\":[\"/bin/sh\",\"-c\",\"make \\u0026\\u0026 install\"]},"
                + "\"created\":\"2015-12-01T10:00:00.100Z\",\"custom\":1.50,\"docker_version\":\"1.9.1\","
                + "\"history\":[{\"created\":\"2015-12-01T10:00:00.1Z\",\"created_by\":\"/bin/sh -c make \\u0026\\u0026 install\","
                + "\"comment\":\"a \\u003cb\\u003e \\u0026 c / é\"}],"
                + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"sha256:" + Digests.EMPTY_LAYER_DIFF_ID + "\"]},\"size\":7}");
        assertThat(result.imageId()).isEqualTo(Digests.sha256Hex(result.config()));
    }

    @Test
    void comparesDockerVersionsAsMobyDoes() {
        assertThat(LegacyConfigBuilder.versionLess("1.8.2", "1.8.3")).isTrue();
        assertThat(LegacyConfigBuilder.versionLess("", "1.8.3")).isTrue();
        assertThat(LegacyConfigBuilder.versionLess("1.8.3-dev", "1.8.3")).isTrue();
        assertThat(LegacyConfigBuilder.versionLess("1.8.3", "1.8.3")).isFalse();
        assertThat(LegacyConfigBuilder.versionLess("1.10.0", "1.8.3")).isFalse();
    }

    @Test
    void refusesJsonThatIsNotAnObject() {
        assertThatThrownBy(() -> LegacyConfigBuilder.build(List.of(step("[1]"))))
                .isInstanceOf(DockerStorageException.class).hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> LegacyConfigBuilder.build(List.of(step("{\"id\":"))))
                .isInstanceOf(DockerStorageException.class).hasMessageContaining("cannot parse legacy image JSON");
    }
}
