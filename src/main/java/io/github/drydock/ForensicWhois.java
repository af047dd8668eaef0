package io.github.drydock;

import io.github.drydock.layout.LayerInventory;
import io.github.drydock.model.Container;
import io.github.drydock.model.ContainerLayer;
import io.github.drydock.model.Generation;
import io.github.drydock.model.IdKind;
import io.github.drydock.model.IdLookup;
import io.github.drydock.model.IdMatch;
import io.github.drydock.model.Image;
import io.github.drydock.model.Layer;
import io.github.drydock.model.LayerFolder;
import io.github.drydock.model.Owner;
import io.github.drydock.model.OwnerType;
import io.github.drydock.model.Volume;
import io.github.drydock.model.VolumeUse;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Every id that appears on disk or in the metadata, with what it names, for reverse lookups: image
 * ids, chain ids, diff ids, legacy v1 ids, cache ids, mount ids, init ids, overlay2 short links,
 * container ids, volume names, and the names of layer folders nobody owns.
 */
final class ForensicWhois {
    private static final String DIGEST_PREFIX = "sha256:";
    private static final String LINK_PREFIX = "l/";
    private static final int SHORT_ID = 12;

    private final List<IdMatch> index = new ArrayList<>();
    private final Set<String> seen = new HashSet<>();

    ForensicWhois(DockerRoot root, ForensicOwners owners, List<LayerFolder> folders,
                  List<LayerInventory.ShortLink> links) {
        Map<String, LayerFolder> folderById = new LinkedHashMap<>();
        folders.forEach(f -> folderById.putIfAbsent(f.driver() + "/" + f.id(), f));
        root.images().forEach(this::image);
        layers(root, owners);
        root.containers().forEach(c -> container(c, folderById));
        root.volumes().forEach(this::volume);
        folders.forEach(this::folder);
        for (LayerInventory.ShortLink link : links) {
            shortLink(link, folderById.get(link.driver() + "/" + link.cacheId()));
        }
    }

    /**
     * Looks an id up: exact matches when there are any, else every match of the prefix; sorted by kind
     * (as {@link IdKind} lists them), then id.
     *
     * @param query what the user typed: an id, a prefix, {@code sha256:<hex>}, {@code l/<short name>}
     * @return the matches
     */
    IdLookup lookup(String query) {
        String wanted = normalize(query);
        List<IdMatch> exact = new ArrayList<>();
        List<IdMatch> prefix = new ArrayList<>();
        for (IdMatch match : index) {
            String id = match.id().toLowerCase(Locale.ROOT);
            if (id.equals(wanted)) {
                exact.add(match);
            } else if (!wanted.isEmpty() && id.startsWith(wanted)) {
                prefix.add(match);
            }
        }
        List<IdMatch> matches = new ArrayList<>(exact.isEmpty() ? prefix : exact);
        matches.sort(Comparator.comparing(IdMatch::kind).thenComparing(IdMatch::id));
        long distinct = matches.stream().map(m -> m.id().toLowerCase(Locale.ROOT)).distinct().count();
        return new IdLookup(query, matches, distinct > 1);
    }

    private static String normalize(String query) {
        String q = query.strip();
        if (q.regionMatches(true, 0, DIGEST_PREFIX, 0, DIGEST_PREFIX.length())) {
            q = q.substring(DIGEST_PREFIX.length());
        } else if (q.startsWith(LINK_PREFIX)) {
            q = q.substring(LINK_PREFIX.length());
        }
        return q.toLowerCase(Locale.ROOT);
    }

    private void image(Image image) {
        Owner owner = ForensicOwners.imageOwner(image);
        String names = image.repoTags().isEmpty() ? "untagged" : String.join(" ", owner.tags());
        add(new IdMatch(IdKind.IMAGE, image.id(), "image " + names + ", " + image.layers().size()
                + (image.layers().size() == 1 ? " layer" : " layers"),
                image.source(), List.of(owner)));
    }

    private void layers(DockerRoot root, ForensicOwners owners) {
        boolean legacy = root.generation() == Generation.LEGACY;
        for (Layer layer : root.layers()) {
            List<Owner> users = layer.cacheId() == null || layer.driver() == null ? List.of()
                    : owners.owners(layer.driver(), layer.cacheId());
            Path where = layer.tarSplit() != null ? layer.tarSplit().getParent() : layer.path();
            String what = (legacy ? "legacy layer (v1 image id)" : "layer chain id") + ", cache id "
                    + orDash(layer.cacheId()) + ", " + summary(users);
            add(new IdMatch(legacy ? IdKind.V1_ID : IdKind.CHAIN_ID, layer.id(), what, where, users));
            if (layer.diffId() != null) {
                add(new IdMatch(IdKind.DIFF_ID, layer.diffId(), "diff id of layer " + shortId(layer.id())
                        + ", cache id " + orDash(layer.cacheId()) + ", " + summary(users), where, users));
            }
        }
    }

    private void container(Container container, Map<String, LayerFolder> folders) {
        Owner owner = new Owner(OwnerType.CONTAINER, container.id(), container.name(), List.of());
        String status = container.state() == null ? "state unknown" : container.state().status()
                + (container.state().finishedAt() != null ? " (exit " + container.state().exitCode() + ")" : "");
        add(new IdMatch(IdKind.CONTAINER, container.id(), "container " + name(container) + ", " + status,
                container.source() == null ? null : container.source().getParent(), List.of(owner)));
        ContainerLayer layer = container.layer();
        if (layer == null || layer.mountId() == null) {
            return;
        }
        LayerFolder rw = folders.get(layer.driver() + "/" + layer.mountId());
        add(new IdMatch(IdKind.MOUNT_ID, layer.mountId(), layer.driver() + " read-write layer of container "
                + name(container), rw == null ? layer.path() : rw.path(), List.of(owner)));
        if (layer.initId() != null) {
            LayerFolder init = folders.get(layer.driver() + "/" + layer.initId());
            add(new IdMatch(IdKind.INIT_ID, layer.initId(), layer.driver() + " init layer of container "
                    + name(container), init == null ? layer.initPath() : init.path(),
                    List.of(new Owner(OwnerType.CONTAINER_INIT, container.id(), container.name(), List.of()))));
        }
    }

    private void volume(Volume volume) {
        List<String> uses = volume.containers().stream().map(ForensicWhois::use).toList();
        String description = "volume " + volume.name() + (uses.isEmpty() ? ", mounted by no container"
                : ", mounted by " + String.join(", ", uses));
        add(new IdMatch(IdKind.VOLUME, volume.name(), description, volume.path(),
                List.of(ForensicOwners.volumeOwner(volume))));
    }

    /** A layer folder: a cache id when an image owns it, else a folder of its own (orphans, legacy volumes). */
    private void folder(LayerFolder folder) {
        boolean image = folder.owners().stream().anyMatch(o -> o.type() == OwnerType.IMAGE);
        if (image) {
            add(new IdMatch(IdKind.CACHE_ID, folder.id(), folder.driver() + " folder of an image layer, "
                    + summary(folder.owners()), folder.path(), folder.owners()));
        } else if (folder.owners().stream().noneMatch(o -> o.type() == OwnerType.CONTAINER
                || o.type() == OwnerType.CONTAINER_INIT)) {
            String state = folder.orphan() ? "orphan: " + folder.reason().description() : summary(folder.owners());
            add(new IdMatch(IdKind.LAYER_FOLDER, folder.id(), folder.driver() + " folder, " + state, folder.path(),
                    folder.owners()));
        }
    }

    private void shortLink(LayerInventory.ShortLink link, LayerFolder target) {
        String to = link.cacheId() == null ? "nothing (dangling or refused)" : "cache id " + link.cacheId()
                + (target == null ? " (folder missing)" : ", " + summary(target.owners()));
        String description = link.driver() + " short link to " + to;
        add(new IdMatch(IdKind.SHORT_LINK, link.name(), description, link.path(),
                target == null ? List.of() : target.owners()));
    }

    /**
     * Who owns something, in a few words: {@code owned by image example/app:1 and 3 more},
     * {@code read-write layer of container /c-run}.
     */
    private static String summary(List<Owner> owners) {
        if (owners.isEmpty()) {
            return "owned by nothing";
        }
        Owner first = owners.get(0);
        String name = first.name() != null ? first.name() : shortId(first.id());
        String more = owners.size() > 1 ? " and " + (owners.size() - 1) + " more" : "";
        return switch (first.type()) {
            case IMAGE -> "owned by image " + name + more;
            case CONTAINER -> "read-write layer of container " + name;
            case CONTAINER_INIT -> "init layer of container " + name;
            case VOLUME -> "data of volume " + name;
        };
    }

    private void add(IdMatch match) {
        if (seen.add(match.kind() + "/" + match.id() + "/" + match.path())) {
            index.add(match);
        }
    }

    private static String use(VolumeUse use) {
        String who = use.name() != null ? use.name() : shortId(use.id());
        return who + (use.destination() != null ? " at " + use.destination() : "");
    }

    private static String name(Container container) {
        return container.name() != null && !container.name().isEmpty() ? container.name() : container.shortId();
    }

    private static String orDash(String text) {
        return text == null ? "-" : text;
    }

    private static String shortId(String id) {
        return id.length() > SHORT_ID ? id.substring(0, SHORT_ID) : id;
    }
}
