package io.github.drydock.json;

import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class V1ImageJsonTest {
    /** Shape A as Docker 1.3 wrote it for a build step (spec §3.2, §12). */
    private static final String SHAPE_A = """
            {"id":"bbbb17","parent":"bbbb16","created":"2014-10-02T10:11:12.123456789Z",
             "container":"cafe","container_config":{"Hostname":"cafe","Cmd":["/bin/sh","-c","#(nop) CMD [mysqld]"],
             "Volumes":{"/var/lib/mysql":{}},"ExposedPorts":{"3306/tcp":{}}},
             "docker_version":"1.2.0","author":"me","config":{"Entrypoint":["/entrypoint.sh"],"Cmd":["mysqld"],
             "WorkingDir":"/usr/local/mysql","Env":["A=1"],"Labels":null,"OnBuild":null},
             "architecture":"amd64","os":"linux","Size":"not trusted, not mapped"}""";

    @Test
    void shapeAKeepsIdParentAndBothConfigs() throws Exception {
        V1ImageJson json = Json.MAPPER.readValue(SHAPE_A, V1ImageJson.class);
        assertThat(json.id()).isEqualTo("bbbb17");
        assertThat(json.parent()).isEqualTo("bbbb16");
        assertThat(json.contentAddressed()).isFalse();
        assertThat(json.created()).isEqualTo("2014-10-02T10:11:12.123456789Z");
        assertThat(json.containerConfig().cmd()).containsExactly("/bin/sh", "-c", "#(nop) CMD [mysqld]");
        assertThat(json.containerConfig().volumes()).containsOnlyKeys("/var/lib/mysql");
        assertThat(json.config().entrypoint()).containsExactly("/entrypoint.sh");
        assertThat(json.config().labels()).isNull();
        assertThat(json.dockerVersion()).isEqualTo("1.2.0");
    }

    @Test
    void shapeBHasParentIdAndLayerIdButNoId() throws Exception {
        V1ImageJson json = Json.MAPPER.readValue("{\"architecture\":\"amd64\",\"created\":\"2015-11-20T19:33:47Z\","
                + "\"layer_id\":\"sha256:abc\",\"parent_id\":\"sha256:def\"}", V1ImageJson.class);
        assertThat(json.contentAddressed()).isTrue();
        assertThat(json.layerId()).isEqualTo("sha256:abc");
        assertThat(json.parentId()).isEqualTo("sha256:def");
        assertThat(json.id()).isNull();
    }

    @Test
    void cmdAcceptsAStringAnArrayOrNull() throws Exception {
        assertThat(config("{\"Cmd\":\"echo hi\"}").cmd()).containsExactly("echo hi");
        assertThat(config("{\"Cmd\":[\"echo\",null,\"hi\"]}").cmd()).containsExactly("echo", "hi");
        assertThat(config("{\"Cmd\":null,\"Entrypoint\":null}").cmd()).isNull();
        assertThat(config("{\"Entrypoint\":\"/run.sh\"}").entrypoint()).containsExactly("/run.sh");
        assertThat(config("{}").cmd()).isNull();
    }

    @Test
    void cmdOfAnyOtherShapeIsAnError() {
        assertThatThrownBy(() -> config("{\"Cmd\":{\"a\":1}}")).isInstanceOf(MismatchedInputException.class)
                .hasMessageContaining("expected a string or an array of strings");
        assertThatThrownBy(() -> config("{\"Cmd\":[[\"nested\"]]}")).isInstanceOf(MismatchedInputException.class)
                .hasMessageContaining("expected a string in the array");
    }

    @Test
    void repositoriesKeepTagsAndDigestKeys() throws Exception {
        LegacyRepositoriesJson store = Json.MAPPER.readValue("{\"Repositories\":{\"busybox\":{\"latest\":\"b3\","
                + "\"sha256:16a2\":\"b3\"},\"registry\":{\"2\":\"5d\"}}}", LegacyRepositoriesJson.class);
        assertThat(store.repositories()).containsOnlyKeys("busybox", "registry");
        assertThat(store.repositories().get("busybox")).isEqualTo(Map.of("latest", "b3", "sha256:16a2", "b3"));
    }

    private static ImageConfigJson config(String json) throws Exception {
        return Json.MAPPER.readValue(json, ImageConfigJson.class);
    }
}
