package io.github.drydock.json;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Map;

/**
 * A container's {@code hostconfig.json} (0.7+; {@code runconfig/hostconfig.go} 0.9–1.9,
 * {@code api/types/container/hostconfig.go} today): the keys drydock reads. See
 * spec/docker-legacy-layout.md §6.4.
 *
 * @param binds         {@code Binds}: {@code host:ctr[:ro|rw]} or {@code volume:ctr}
 * @param portBindings  {@code PortBindings}: {@code {"3306/tcp":[{"HostIp":"","HostPort":"3306"}]}}
 * @param links         {@code Links}: {@code name:alias} (legacy) or {@code /child:/parent/alias} (1.10+)
 * @param restartPolicy {@code RestartPolicy} (1.2+)
 * @param logConfig     {@code LogConfig} (1.6+)
 * @param tmpfs         {@code Tmpfs} (1.10+): container path → mount options
 */
public record HostConfigJson(
        @JsonProperty("Binds") List<String> binds,
        @JsonProperty("PortBindings") Map<String, List<PortBindingJson>> portBindings,
        @JsonProperty("Links") List<String> links,
        @JsonProperty("RestartPolicy") RestartPolicyJson restartPolicy,
        @JsonProperty("LogConfig") LogConfigJson logConfig,
        @JsonProperty("Tmpfs") Map<String, String> tmpfs) {

    /**
     * One published port.
     *
     * @param hostIp   {@code HostIp}
     * @param hostPort {@code HostPort}
     */
    public record PortBindingJson(@JsonProperty("HostIp") String hostIp,
                                  @JsonProperty("HostPort") String hostPort) {
    }

    /**
     * The restart policy.
     *
     * @param name              {@code Name}: {@code no}, {@code always}, {@code unless-stopped},
     *                          {@code on-failure}, or empty
     * @param maximumRetryCount {@code MaximumRetryCount}
     */
    public record RestartPolicyJson(@JsonProperty("Name") String name,
                                    @JsonProperty("MaximumRetryCount") int maximumRetryCount) {
    }

    /**
     * The log driver.
     *
     * @param type   {@code Type}: {@code json-file} (the default, also when empty), {@code journald}, ...
     * @param config {@code Config}: driver options such as {@code max-file}
     */
    public record LogConfigJson(@JsonProperty("Type") String type,
                                @JsonProperty("Config") Map<String, String> config) {
    }
}
