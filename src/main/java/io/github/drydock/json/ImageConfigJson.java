package io.github.drydock.json;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code config} and {@code container_config} objects of a legacy image JSON
 * ({@code graph/<id>/json}): Docker's {@code runconfig.Config} as each 0.7–1.9 release wrote it.
 * Only the keys drydock shows are mapped; every release wrote its own set, the rest is ignored.
 * Source: {@code runconfig/config.go} (v0.8.1 … v1.9.1), spec/docker-legacy-layout.md §6.3.
 *
 * @param hostname     {@code Hostname}, or null
 * @param domainname   {@code Domainname}, or null
 * @param user         {@code User}, or null
 * @param env          {@code Env}: {@code K=V} strings, or null
 * @param cmd          {@code Cmd}: null, an array, or (accepted by 1.7+) a single string
 * @param entrypoint   {@code Entrypoint}: same three forms as {@code Cmd}
 * @param workingDir   {@code WorkingDir}, or null
 * @param exposedPorts {@code ExposedPorts}: {@code {"3306/tcp": {}}}, or null
 * @param volumes      {@code Volumes}: {@code {"/path": {}}}, or null
 * @param labels       {@code Labels} (1.6+), or null
 * @param image        {@code Image}: the name the build or run started from, or null
 * @param onBuild      {@code OnBuild} (0.8+) triggers, or null
 */
public record ImageConfigJson(
        @JsonProperty("Hostname") String hostname,
        @JsonProperty("Domainname") String domainname,
        @JsonProperty("User") String user,
        @JsonProperty("Env") List<String> env,
        @JsonProperty("Cmd") @JsonDeserialize(using = ImageConfigJson.StringOrArray.class) List<String> cmd,
        @JsonProperty("Entrypoint") @JsonDeserialize(using = ImageConfigJson.StringOrArray.class)
        List<String> entrypoint,
        @JsonProperty("WorkingDir") String workingDir,
        @JsonProperty("ExposedPorts") Map<String, Object> exposedPorts,
        @JsonProperty("Volumes") Map<String, Object> volumes,
        @JsonProperty("Labels") Map<String, String> labels,
        @JsonProperty("Image") String image,
        @JsonProperty("OnBuild") List<String> onBuild) {

    /**
     * Reads {@code Cmd}/{@code Entrypoint}: an array of strings, or one string that becomes a
     * one-element list, exactly as Docker 1.7+ {@code Command}/{@code Entrypoint} and 1.9
     * {@code StrSlice} decode it ({@code pkg/stringutils/strslice.go} v1.9.1). {@code null}
     * elements are dropped; any other shape is an error.
     */
    public static final class StringOrArray extends JsonDeserializer<List<String>> {
        @Override
        public List<String> deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            JsonToken token = parser.currentToken();
            if (token == JsonToken.VALUE_STRING) {
                return List.of(parser.getText());
            }
            if (token != JsonToken.START_ARRAY) {
                return context.reportInputMismatch(List.class,
                        "expected a string or an array of strings, found %s", token);
            }
            List<String> parts = new ArrayList<>();
            for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
                if (t == JsonToken.VALUE_STRING) {
                    parts.add(parser.getText());
                } else if (t != JsonToken.VALUE_NULL) {
                    return context.reportInputMismatch(List.class, "expected a string in the array, found %s", t);
                }
            }
            return parts;
        }

        @Override
        public List<String> getNullValue(DeserializationContext context) {
            return null;
        }
    }
}
