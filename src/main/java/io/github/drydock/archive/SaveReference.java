package io.github.drydock.archive;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A tagged image reference as {@code docker save} records it, normalised like
 * distribution/reference {@code ParseNormalizedNamed}: {@code ubuntu} is {@code docker.io/library/ubuntu:latest},
 * and its familiar form is {@code ubuntu:latest}.
 *
 * @param domain the registry ({@code docker.io} by default)
 * @param path   the repository path inside the registry ({@code library/ubuntu}, {@code example/app})
 * @param tag    the tag ({@code latest} by default)
 */
public record SaveReference(String domain, String path, String tag) {
    private static final String DEFAULT_DOMAIN = "docker.io";
    private static final String LEGACY_DEFAULT_DOMAIN = "index.docker.io";
    private static final String OFFICIAL_PREFIX = "library/";
    private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
    private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
    private static final Pattern DOMAIN = Pattern.compile("(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)"
            + "(?:\\.(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?))*(?::[0-9]+)?");

    /** Validates every part. */
    public SaveReference {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(tag, "tag");
        if (!DOMAIN.matcher(domain).matches() || !TAG.matcher(tag).matches()) {
            throw new IllegalArgumentException("invalid reference " + domain + "/" + path + ":" + tag);
        }
        for (String component : path.split("/", -1)) {
            if (!COMPONENT.matcher(component).matches()) {
                throw new IllegalArgumentException("invalid repository name " + path
                        + " (lowercase letters, digits and separators only)");
            }
        }
    }

    /**
     * Parses {@code name[:tag]} as the Docker CLI does; a digest ({@code name@sha256:…}) is not a tag.
     *
     * @param reference e.g. {@code example/app:1}, {@code ubuntu}, {@code quay.io/x/y:2}
     * @return the normalised reference
     * @throws IllegalArgumentException when it is not a valid tagged reference
     */
    public static SaveReference parse(String reference) {
        String text = reference.trim();
        if (text.contains("@")) {
            throw new IllegalArgumentException("a digest reference has no tag to record: " + reference);
        }
        String tag = "latest";
        int colon = text.lastIndexOf(':');
        if (colon > text.lastIndexOf('/')) {
            tag = text.substring(colon + 1);
            text = text.substring(0, colon);
        }
        String domain = DEFAULT_DOMAIN;
        String path = text;
        int slash = text.indexOf('/');
        if (slash > 0) {
            String first = text.substring(0, slash);
            if (first.contains(".") || first.contains(":") || first.equals("localhost") || !first.equals(first.toLowerCase(Locale.ROOT))) {
                domain = first.equals(LEGACY_DEFAULT_DOMAIN) ? DEFAULT_DOMAIN : first;
                path = text.substring(slash + 1);
            }
        }
        if (domain.equals(DEFAULT_DOMAIN) && !path.contains("/")) {
            path = OFFICIAL_PREFIX + path;
        }
        return new SaveReference(domain, path, tag);
    }

    /** @return the familiar repository name: {@code ubuntu}, {@code example/app}, {@code quay.io/x/y} */
    public String familiarName() {
        if (!domain.equals(DEFAULT_DOMAIN)) {
            return domain + "/" + path;
        }
        if (path.startsWith(OFFICIAL_PREFIX) && path.indexOf('/', OFFICIAL_PREFIX.length()) < 0) {
            return path.substring(OFFICIAL_PREFIX.length());
        }
        return path;
    }

    /** @return {@code familiarName:tag}, as {@code RepoTags} holds it */
    public String familiarString() {
        return familiarName() + ":" + tag;
    }

    /** @return the full reference, e.g. {@code docker.io/library/ubuntu:latest} */
    public String fullString() {
        return domain + "/" + path + ":" + tag;
    }

    @Override
    public String toString() {
        return familiarString();
    }
}
