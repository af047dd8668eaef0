package io.github.drydock.layout;

import io.github.drydock.model.Container;
import io.github.drydock.model.Link;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Settles container names and legacy links across all containers: the config {@code Name} is kept
 * (a different name in {@code linkgraph.db} is a problem), the linkgraph name fills in when the config
 * has none; links come from {@code linkgraph.db} and from hostconfig {@code Links}
 * ({@code name:alias} as typed in 0.7–1.9, {@code /child:alias} after the 1.10 migration,
 * {@code /child:/parent/alias} from 1.10 on).
 */
final class ContainerLinks {
    private ContainerLinks() {
    }

    /**
     * Applies names and links.
     *
     * @param context    the opened root
     * @param containers the mapped containers (without links)
     * @param parsed     the parsed folders, for hostconfig {@code Links}
     * @param graph      the linkgraph, if one was read
     * @return the containers with final names and links, same order
     */
    static List<Container> apply(RootContext context, List<Container> containers, List<ContainerStore.Parsed> parsed,
                                 Optional<LinkGraph.Graph> graph) {
        Map<String, String> graphNames = graph.map(LinkGraph.Graph::names).orElse(Map.of());
        Map<String, String> names = names(context, containers, graphNames);
        Map<String, String> idsByName = new HashMap<>();
        names.forEach((id, name) -> idsByName.putIfAbsent(name, id));
        graphNames.forEach((id, name) -> idsByName.putIfAbsent(name, id));
        Map<String, List<Link>> links = new HashMap<>();
        for (LinkGraph.Edge edge : graph.map(LinkGraph.Graph::links).orElse(List.of())) {
            String childName = names.getOrDefault(edge.entityId(), graphNames.get(edge.entityId()));
            add(links, edge.parentId(), new Link(edge.entityId(), childName, edge.name()));
        }
        for (ContainerStore.Parsed p : parsed) {
            if (p.host() != null && p.host().links() != null) {
                p.host().links().stream().filter(Objects::nonNull)
                        .forEach(text -> add(links, p.id(), parse(text, idsByName)));
            }
        }
        List<Container> result = new ArrayList<>();
        for (Container c : containers) {
            List<Link> own = new ArrayList<>(links.getOrDefault(c.id(), List.of()));
            own.sort(Comparator.comparing(Link::alias, Comparator.nullsFirst(Comparator.naturalOrder())));
            result.add(c.withNameAndLinks(names.get(c.id()), own));
        }
        return result;
    }

    /** Container id → final name: the config's, else the linkgraph's; a disagreement is a problem. */
    private static Map<String, String> names(RootContext context, List<Container> containers,
                                             Map<String, String> graphNames) {
        Path db = context.root().resolve(LinkGraph.FILE);
        Map<String, String> names = new LinkedHashMap<>();
        for (Container c : containers) {
            String fromGraph = graphNames.get(c.id());
            if (c.name() != null && fromGraph != null && !c.name().equals(fromGraph)) {
                context.problem(db, "container " + c.shortId() + ": config name " + c.name() + " but " + LinkGraph.FILE
                        + " says " + fromGraph + ": the config name is kept");
            }
            String name = c.name() != null ? c.name() : fromGraph;
            if (name != null) {
                names.put(c.id(), name);
            }
        }
        return names;
    }

    /** Adds a link unless the parent already has one with the same alias (linkgraph first). */
    private static void add(Map<String, List<Link>> links, String parentId, Link link) {
        List<Link> own = links.computeIfAbsent(parentId, k -> new ArrayList<>());
        if (own.stream().noneMatch(l -> Objects.equals(l.alias(), link.alias()))) {
            own.add(link);
        }
    }

    /**
     * Parses one hostconfig {@code Links} entry.
     *
     * @param text      {@code db:db}, {@code /db:db}, {@code /db:/web/db} or {@code db}
     * @param idsByName container names (with slash) to ids
     * @return the link; its container id is null when no container has that name
     */
    static Link parse(String text, Map<String, String> idsByName) {
        int colon = text.indexOf(':');
        String child = colon < 0 ? text : text.substring(0, colon);
        String alias = colon < 0 ? child : text.substring(colon + 1);
        String name = child.startsWith("/") ? child : "/" + child;
        int slash = alias.lastIndexOf('/');
        alias = slash < 0 ? alias : alias.substring(slash + 1);
        return new Link(idsByName.get(name), name, alias);
    }
}
