package io.github.drydock.driver;

import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks of the ids that name driver folders. A {@code cache-id}, {@code mount-id} or {@code init-id}
 * is read from evidence and may be hostile: it must be one path segment that cannot climb out of the
 * driver home.
 */
public final class ModernDriverIds {
    /** A driver id: 64 hex for overlay2/vfs/aufs, {@code <id>-init} for init layers, legacy ids after migration. */
    private static final Pattern DRIVER_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,199}");

    private ModernDriverIds() {
    }

    /**
     * @param id a value read from a {@code cache-id}, {@code mount-id}, {@code init-id} or {@code lower-id} file
     * @return true when it is one safe path segment
     */
    public static boolean isDriverId(String id) {
        return id != null && DRIVER_ID.matcher(id).matches();
    }

    /**
     * Resolves {@code base/<id>/<tail...>} when the id is safe.
     *
     * @param base the folder the id names a child of
     * @param id   the id
     * @param tail further fixed segments
     * @return the path, or empty for an unsafe id
     */
    static Optional<Path> under(Path base, String id, String... tail) {
        if (!isDriverId(id)) {
            return Optional.empty();
        }
        Path path = base.resolve(id);
        for (String part : tail) {
            path = path.resolve(part);
        }
        return Optional.of(path);
    }
}
