package io.github.drydock.driver;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.github.drydock.json.Json;
import io.github.drydock.json.TarSplitEntryJson;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * The opaque folders of one image layer, as its tar-split records them. Docker writes an overlay2 opaque
 * folder ({@code trusted.overlay.opaque=y}) into the layer tar in the aufs form, as an empty member
 * {@code <folder>/.wh..wh..opq}; the tar-split keeps every member name. Reading those names tells which
 * folders are opaque without reading {@code trusted.*} attributes, which needs root.
 *
 * <p>The file is streamed token by token: only {@code type}, {@code name} and {@code name_raw} are
 * decoded, segment payloads are skipped unread, so memory stays flat whatever the layer's size. The
 * file is evidence and may be hostile: names with {@code ..} are ignored, and more than
 * {@link #MAX_FOLDERS} markers, a damaged file or malformed JSON give an empty set plus a reason.
 *
 * @param folders the opaque folders as view paths ({@code /opt/replace-me}; {@code /} for the layer root)
 * @param failure why the file could not be read (then {@code folders} is empty), or empty when it was
 */
public record TarSplitOpaqueMarkers(Set<String> folders, Optional<String> failure) {
    /** Most markers accepted from one tar-split; more means a hostile file, and the whole set is refused. */
    public static final int MAX_FOLDERS = 1_000_000;

    /** Copies the set defensively. */
    public TarSplitOpaqueMarkers {
        folders = Set.copyOf(folders);
        Objects.requireNonNull(failure, "failure");
    }

    /**
     * Reads the opaque markers of a tar-split file. Never throws: any failure is the reason of an empty result.
     *
     * @param tarSplit the gzip-compressed tar-split file ({@code tar-split.json.gz}); must be a regular file,
     *                 not reached through a symlink
     * @return the folders, or an empty set and the reason
     */
    public static TarSplitOpaqueMarkers read(Path tarSplit) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(tarSplit, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            if (!attributes.isRegularFile()) {
                return failed(tarSplit, "not a regular file");
            }
            try (InputStream raw = Files.newInputStream(tarSplit, LinkOption.NOFOLLOW_LINKS);
                 JsonParser parser = Json.MAPPER.getFactory().createParser(
                         new BufferedInputStream(new GZIPInputStream(raw, 65536), 65536))) {
                return collect(tarSplit, parser);
            }
        } catch (IOException | RuntimeException e) {
            return failed(tarSplit, firstLine(e));
        }
    }

    /**
     * Tells whether a folder is opaque in this layer.
     *
     * @param viewPath the folder's path in the view ({@code /} or {@code /a/b})
     * @return true when the tar-split marks it opaque
     */
    public boolean isOpaque(String viewPath) {
        return folders.contains(viewPath);
    }

    /**
     * The folder a tar member name marks opaque, normalised lexically to a view path.
     *
     * @param name a tar member name ({@code opt/replace-me/.wh..wh..opq}, {@code ./a/.wh..wh..opq})
     * @return the view path of the opaque folder, or empty when the name is no opaque marker or holds
     *         {@code ..} or a NUL byte
     */
    public static Optional<String> opaqueFolder(String name) {
        if (name.indexOf('\0') >= 0) {
            return Optional.empty();
        }
        List<String> kept = new ArrayList<>();
        for (String part : name.split("/")) {
            if (part.equals("..")) {
                return Optional.empty();
            }
            if (!part.isEmpty() && !part.equals(".")) {
                kept.add(part);
            }
        }
        if (kept.isEmpty() || !kept.get(kept.size() - 1).equals(WhiteoutEncoding.OPAQUE_MARKER)) {
            return Optional.empty();
        }
        return Optional.of("/" + String.join("/", kept.subList(0, kept.size() - 1)));
    }

    private static TarSplitOpaqueMarkers collect(Path tarSplit, JsonParser parser) throws IOException {
        Set<String> folders = new HashSet<>();
        long index = 0;
        for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
            if (token != JsonToken.START_OBJECT) {
                return failed(tarSplit, "entry " + index + " is not a JSON object");
            }
            Optional<String> folder = fileName(parser).flatMap(TarSplitOpaqueMarkers::opaqueFolder);
            if (folder.isPresent() && folders.add(folder.get()) && folders.size() > MAX_FOLDERS) {
                return failed(tarSplit, "more than " + MAX_FOLDERS + " opaque markers");
            }
            index++;
        }
        return new TarSplitOpaqueMarkers(folders, Optional.empty());
    }

    /** Reads one entry object; returns the member name of a file entry (type 1), payloads left unread. */
    private static Optional<String> fileName(JsonParser parser) throws IOException {
        int type = 0;
        String name = null;
        byte[] nameRaw = null;
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
            if (token == null) {
                throw new IOException("the last entry is cut short");
            }
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if ("type".equals(field) && value == JsonToken.VALUE_NUMBER_INT) {
                type = parser.getIntValue();
            } else if ("name".equals(field) && value == JsonToken.VALUE_STRING) {
                name = parser.getText();
            } else if ("name_raw".equals(field) && value == JsonToken.VALUE_STRING) {
                nameRaw = parser.getBinaryValue();
            } else {
                // an unread string (a segment's payload) is skipped without being buffered
                parser.skipChildren();
            }
        }
        if (type != TarSplitEntryJson.FILE_TYPE) {
            return Optional.empty();
        }
        // like tar-split itself: name_raw (not valid UTF-8) wins over name
        if (nameRaw != null && nameRaw.length > 0) {
            return Optional.of(new String(nameRaw, StandardCharsets.UTF_8));
        }
        return Optional.ofNullable(name);
    }

    private static TarSplitOpaqueMarkers failed(Path tarSplit, String why) {
        return new TarSplitOpaqueMarkers(Set.of(), Optional.of("cannot read tar-split " + tarSplit + ": " + why));
    }

    private static String firstLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
