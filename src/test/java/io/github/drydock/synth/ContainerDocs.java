package io.github.drydock.synth;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON documents of a synthetic container, in the shapes Docker 1.6 and 20.10 write. */
final class ContainerDocs {
    private ContainerDocs() {
    }

    /** A container's facts shared by both shapes. */
    record Facts(String id, int index, String imageId, String imageRef, String driver, String volumeName,
                 String volumePath, boolean anonymous) {
    }

    static Map<String, Object> state(int j) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("Running", false);
        s.put("Paused", false);
        s.put("Restarting", false);
        s.put("OOMKilled", j % 17 == 0);
        s.put("Dead", false);
        s.put("Pid", 0);
        s.put("ExitCode", j % 3 == 0 ? 0 : (j % 3 == 1 ? 1 : 137));
        s.put("Error", "");
        s.put("StartedAt", j % 11 == 0 ? "0001-01-01T00:00:00Z" : SynthIds.time(100_000 + j));
        s.put("FinishedAt", j % 11 == 0 ? "0001-01-01T00:00:00Z" : SynthIds.time(100_030 + j));
        return s;
    }

    static Map<String, Object> runConfig(Facts f, boolean legacy) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("Hostname", f.id().substring(0, 12));
        c.put("Domainname", "");
        c.put("User", "");
        c.put("Env", List.of("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "SYNTH=" + f.index()));
        c.put("Cmd", List.of("/bin/sh", "-c", "run-service --id " + f.index()));
        c.put("Image", f.imageRef());
        c.put("Volumes", f.volumeName() == null ? null : Map.of("/data", Map.of()));
        c.put("WorkingDir", "/srv");
        c.put("Entrypoint", null);
        c.put("Labels", Map.of("synth.container", Integer.toString(f.index())));
        if (legacy) {
            c.put("ExposedPorts", Map.of("80/tcp", Map.of()));
        }
        return c;
    }

    /** {@code config.v2.json} of Docker 20.10. */
    static Map<String, Object> configV2(Facts f, String dockerRoot) {
        Map<String, Object> c = common(f, dockerRoot);
        c.put("Image", "sha256:" + f.imageId());
        c.put("OS", "linux");
        c.put("HasBeenStartedBefore", true);
        Map<String, Object> mounts = new LinkedHashMap<>();
        if (f.volumeName() != null) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("Source", f.anonymous() ? "" : f.volumePath());
            m.put("Destination", "/data");
            m.put("RW", true);
            m.put("Name", f.volumeName());
            m.put("Driver", "local");
            m.put("Type", "volume");
            m.put("Relabel", "z");
            m.put("Spec", Map.of("Type", "volume", "Source", f.anonymous() ? "" : f.volumeName(), "Target", "/data"));
            mounts.put("/data", m);
        }
        c.put("MountPoints", mounts);
        return c;
    }

    /** {@code config.json} of Docker 1.6 (volumes as {@code Volumes}/{@code VolumesRW} host paths). */
    static Map<String, Object> configV1(Facts f, String dockerRoot) {
        Map<String, Object> c = common(f, dockerRoot);
        c.put("Image", f.imageId());
        c.put("ExecDriver", "native-0.2");
        c.put("Volumes", f.volumeName() == null ? Map.of() : Map.of("/data", f.volumePath()));
        c.put("VolumesRW", f.volumeName() == null ? Map.of() : Map.of("/data", true));
        return c;
    }

    private static Map<String, Object> common(Facts f, String dockerRoot) {
        String dir = dockerRoot + "/containers/" + f.id() + "/";
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("State", state(f.index()));
        c.put("ID", f.id());
        c.put("Created", SynthIds.time(90_000 + f.index()));
        c.put("Path", "/bin/sh");
        c.put("Args", List.of("-c", "run-service --id " + f.index()));
        c.put("Config", runConfig(f, false));
        c.put("NetworkSettings", Map.of("IPAddress", "", "Ports", Map.of()));
        c.put("ResolvConfPath", dir + "resolv.conf");
        c.put("HostnamePath", dir + "hostname");
        c.put("HostsPath", dir + "hosts");
        c.put("LogPath", dir + f.id() + "-json.log");
        c.put("Name", "/synth_" + f.index());
        c.put("Driver", f.driver());
        c.put("RestartCount", 0);
        return c;
    }

    /** {@code hostconfig.json}. */
    static Map<String, Object> hostConfig(Facts f) {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("Binds", f.volumeName() == null || f.anonymous() ? null : List.of(f.volumeName() + ":/data"));
        h.put("ContainerIDFile", "");
        h.put("LogConfig", Map.of("Type", "json-file", "Config", Map.of()));
        h.put("NetworkMode", "default");
        h.put("PortBindings", f.index() % 5 == 0
                ? Map.of("80/tcp", List.of(Map.of("HostIp", "", "HostPort", Integer.toString(8000 + f.index()))))
                : Map.of());
        h.put("RestartPolicy", Map.of("Name", f.index() % 2 == 0 ? "no" : "always", "MaximumRetryCount", 0));
        h.put("AutoRemove", false);
        h.put("Privileged", false);
        return h;
    }

    /** @return json-file log lines */
    static String log(int j, int lines) {
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < lines; k++) {
            String stream = k % 4 == 3 ? "stderr" : "stdout";
            b.append("{\"log\":\"synth container ").append(j).append(" line ").append(k)
                    .append(" \\u003cok\\u003e\\n\",\"stream\":\"").append(stream).append("\",\"time\":\"")
                    .append(SynthIds.time(100_000 + j).replace("123456789", String.format("%09d", k)))
                    .append("\"}\n");
        }
        return b.toString();
    }

    static List<String> lines(String text) {
        return new ArrayList<>(List.of(text.split("\n")));
    }
}
