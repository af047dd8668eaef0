package io.github.drydock.driver;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Checks of the ids that name driver folders. A {@code cache-id}, {@code mount-id} or {@code init-id}
 * is read from evidence and may be hostile: it must be one path segment that cannot climb out of the
 * driver home.
 */
public final class ModernDriverIds {
    /** The longest id accepted; Docker's are 64 hex, or 69 with {@code -init}. */
    private static final int MAX_LENGTH = 200;

    private ModernDriverIds() {
    }

    /**
     * @param id a value read from a {@code cache-id}, {@code mount-id}, {@code init-id} or {@code lower-id} file
     * @return true when it is one safe path segment: a letter or digit, then letters, digits, {@code . _ -}
     */
    public static boolean isDriverId(String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_LENGTH || !isAlphanumeric(id.charAt(0))) {
            return false;
        }
        for (int i = 1; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!isAlphanumeric(c) && c != '.' && c != '_' && c != '-') {
                return false;
            }
        }
        return true;
    }

    private static boolean isAlphanumeric(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
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
