package io.github.drydock.cli;

import io.github.drydock.model.LayerFolder;
import io.github.drydock.model.Owner;

import java.nio.file.Path;
import java.util.List;

/** {@code layers} as a pure function of model records. */
public final class LayerViews {
    /** OWNER cell of a folder nobody owns. */
    public static final String NOBODY = "-";

    private LayerViews() {
    }

    /**
     * @param folders every folder
     * @param orphans true to keep only orphans
     * @return the folders kept, in order
     */
    public static List<LayerFolder> filter(List<LayerFolder> folders, boolean orphans) {
        return orphans ? folders.stream().filter(LayerFolder::orphan).toList() : folders;
    }

    /**
     * Renders the {@code layers} table: one row per folder.
     *
     * @param folders the folders, in order
     * @param root    the Docker root, to show paths relative to it
     * @return the table
     */
    public static String table(List<LayerFolder> folders, Path root) {
        Table table = new Table("DRIVER", "FOLDER", "KIND", "SIZE", "OWNER", "ORPHAN", "PATH");
        for (LayerFolder folder : folders) {
            table.row(folder.driver(), folderId(folder.id()), folder.kind().label(), HumanSize.format(folder.size()),
                    owners(folder.owners()), folder.orphan() ? folder.reason().label() : "",
                    Text.relative(folder.path(), root));
        }
        return table.render();
    }

    /**
     * @param id a folder name
     * @return a 64-hex name cut to 12 characters, keeping a suffix such as {@code -init} or {@code -removing}
     */
    public static String folderId(String id) {
        if (id.length() > 64 && id.substring(0, 64).matches("[0-9a-f]{64}")) {
            return id.substring(0, Text.SHORT_ID) + id.substring(64);
        }
        return id.matches("[0-9a-f]{64}") ? Text.shortId(id) : id;
    }

    /**
     * @param owners the owners of a folder, principal first
     * @return e.g. {@code image example/app:1 (+3)}, {@code container /c-run}, {@code init of /c-run},
     *         {@code volume namedvol}, or {@value #NOBODY}
     */
    public static String owners(List<Owner> owners) {
        if (owners.isEmpty()) {
            return NOBODY;
        }
        String first = owner(owners.get(0));
        return owners.size() == 1 ? first : first + " (+" + (owners.size() - 1) + ")";
    }

    /**
     * @param owner an owner
     * @return how a table names it
     */
    public static String owner(Owner owner) {
        String name = owner.name() != null ? folderId(owner.name()) : Text.shortId(owner.id());
        return switch (owner.type()) {
            case IMAGE -> "image " + name;
            case CONTAINER -> "container " + name;
            case CONTAINER_INIT -> "init of " + name;
            case VOLUME -> "volume " + name;
        };
    }
}
