package io.github.drydock.layout;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.drydock.json.ContainerJson;
import io.github.drydock.json.HostConfigJson;
import io.github.drydock.json.RunConfigJson;
import io.github.drydock.json.StateJson;
import io.github.drydock.model.Container;
import io.github.drydock.model.ContainerConfig;
import io.github.drydock.model.ContainerState;
import io.github.drydock.model.PortBinding;

import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Turns one container's parsed {@code config(.v2).json} and {@code hostconfig.json} into a
 * {@link Container}. Pure mapping, no file I/O besides what {@link ContainerMounts} and
 * {@link ContainerStore#logPath} look up.
 */
final class ContainerMapper {
    /** Docker's prefix of content-addressed ids (1.10+). */
    static final String SHA256_PREFIX = "sha256:";
    /** The storage driver of containers made before 0.7, which recorded none. */
    static final String PRE_07_DRIVER = "aufs";
    /** What a config without {@code State} is read as: never started. */
    private static final StateJson NO_STATE = new StateJson(false, false, false, false, false, false, 0, 0,
            null, null, null);

    private ContainerMapper() {
    }

    /**
     * Maps one container. Links are left empty: names and links are settled across all containers later.
     *
     * @param context the opened root, for problems and rebasing
     * @param id      the container id (its folder name)
     * @param file    the config file read
     * @param json    its content
     * @param host    the hostconfig, or null when missing or damaged
     * @return the container
     */
    static Container map(RootContext context, String id, Path file, ContainerJson json, HostConfigJson host) {
        String shortId = shortId(id);
        if (json.id() != null && !json.id().equals(id)) {
            context.problem(file, "container " + shortId + ": config records ID " + json.id()
                    + " but its folder is " + id + ": the folder name is used");
        }
        RunConfigJson run = json.config();
        String driver = ContainerMounts.blankToNull(json.driver()) == null ? PRE_07_DRIVER : json.driver();
        return new Container(id, name(json.name()), imageId(json.image()), run == null ? null : run.image(),
                created(context, file, shortId, json.created()), state(json.state()), json.path(),
                nonNull(json.args()), config(run), portBindings(host), restartPolicy(host), driver,
                ContainerStore.logPath(context, id, json.logPath()), ContainerMounts.read(context, json, host),
                List.of(), null, file);
    }

    /** @return the first 12 characters of an id, as Docker prints it */
    static String shortId(String id) {
        return id.length() > 12 ? id.substring(0, 12) : id;
    }

    private static String name(String recorded) {
        String name = ContainerMounts.blankToNull(recorded);
        return name == null || name.startsWith("/") ? name : "/" + name;
    }

    private static String imageId(String recorded) {
        String image = ContainerMounts.blankToNull(recorded);
        return image != null && image.startsWith(SHA256_PREFIX) ? image.substring(SHA256_PREFIX.length()) : image;
    }

    private static Instant created(RootContext context, Path file, String shortId, String recorded) {
        try {
            return DockerTime.parse(recorded).orElse(null);
        } catch (DateTimeParseException e) {
            context.problem(file, "container " + shortId + ": unreadable Created time '" + recorded + "' in " + file);
            return null;
        }
    }

    /**
     * Docker's {@code State.StateString()}: running (paused, restarting), removing, dead, created
     * (never started: StartedAt is zero), else exited.
     */
    static ContainerState state(StateJson json) {
        StateJson s = json == null ? NO_STATE : json;
        Instant started = DockerTime.lenient(s.startedAt());
        String status;
        if (s.running()) {
            status = s.paused() ? "paused" : s.restarting() ? "restarting" : "running";
        } else if (s.removalInProgress()) {
            status = "removing";
        } else if (s.dead()) {
            status = "dead";
        } else {
            status = started == null ? "created" : "exited";
        }
        return new ContainerState(status, s.running(), s.paused(), s.restarting(), s.oomKilled(), s.dead(),
                s.pid(), s.exitCode(), ContainerMounts.blankToNull(s.error()), started,
                DockerTime.lenient(s.finishedAt()));
    }

    private static ContainerConfig config(RunConfigJson run) {
        if (run == null) {
            return ContainerConfig.EMPTY;
        }
        Map<String, String> labels = new LinkedHashMap<>();
        if (run.labels() != null) {
            run.labels().forEach((k, v) -> {
                if (k != null && v != null) {
                    labels.put(k, v);
                }
            });
        }
        return new ContainerConfig(ContainerMounts.blankToNull(run.user()), nonNull(run.env()), nonNull(run.cmd()),
                nonNull(run.entrypoint()), ContainerMounts.blankToNull(run.workingDir()), keys(run.exposedPorts()),
                keys(run.volumes()), labels, ContainerMounts.blankToNull(run.hostname()));
    }

    /** {@code {"3306/tcp": {}}} gives its keys; an array (some very old files) gives its elements. */
    private static List<String> keys(JsonNode node) {
        List<String> keys = new ArrayList<>();
        if (node != null && node.isObject()) {
            Iterator<String> names = node.fieldNames();
            names.forEachRemaining(keys::add);
        } else if (node != null && node.isArray()) {
            node.forEach(element -> {
                if (element.isValueNode() && !element.isNull()) {
                    keys.add(element.asText());
                }
            });
        }
        keys.sort(null);
        return keys;
    }

    private static List<PortBinding> portBindings(HostConfigJson host) {
        if (host == null || host.portBindings() == null) {
            return List.of();
        }
        List<PortBinding> result = new ArrayList<>();
        new TreeMap<>(withoutNullKeys(host.portBindings())).forEach((port, bindings) -> {
            if (bindings != null) {
                bindings.stream().filter(Objects::nonNull).forEach(b -> result.add(new PortBinding(port,
                        Objects.requireNonNullElse(b.hostIp(), ""), Objects.requireNonNullElse(b.hostPort(), ""))));
            }
        });
        return result;
    }

    /** {@code no}, {@code always}, {@code unless-stopped}, {@code on-failure[:N]}; null when not recorded. */
    static String restartPolicy(HostConfigJson host) {
        if (host == null || host.restartPolicy() == null) {
            return null;
        }
        String name = ContainerMounts.blankToNull(host.restartPolicy().name());
        if (name == null) {
            return "no";
        }
        int retries = host.restartPolicy().maximumRetryCount();
        return name.equals("on-failure") && retries > 0 ? name + ":" + retries : name;
    }

    private static <V> Map<String, V> withoutNullKeys(Map<String, V> map) {
        Map<String, V> copy = new LinkedHashMap<>(map);
        copy.remove(null);
        return copy;
    }

    private static List<String> nonNull(Collection<String> values) {
        return values == null ? List.of() : values.stream().filter(Objects::nonNull).toList();
    }
}
