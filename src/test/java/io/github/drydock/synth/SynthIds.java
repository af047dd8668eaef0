package io.github.drydock.synth;

import io.github.drydock.json.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/** Ids, times and small-file helpers of the generator. */
final class SynthIds {
    private static final Instant EPOCH = Instant.parse("2023-01-01T00:00:00Z");

    private SynthIds() {
    }

    /** @return a reproducible 64-hex id standing for Docker's random ones */
    static String hex(long seed, String kind, long index) {
        return sha256((seed + ":" + kind + ":" + index).getBytes(StandardCharsets.UTF_8));
    }

    /** @return sha256 hex */
    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return the chain id of a layer ({@code parentChain} null for a base), hex without prefix */
    static String chainId(String parentChain, String diffId) {
        return parentChain == null ? diffId
                : sha256(("sha256:" + parentChain + " sha256:" + diffId).getBytes(StandardCharsets.UTF_8));
    }

    /** @return a creation time {@code minutes} after 2023-01-01 as Docker writes it */
    static String time(long minutes) {
        return EPOCH.plusSeconds(minutes * 60).plusNanos(123_456_789).toString();
    }

    /** @return seconds since the epoch of {@link #time} */
    static long seconds(long minutes) {
        return EPOCH.getEpochSecond() + minutes * 60;
    }

    static Path write(Path file, String text) {
        return write(file, text.getBytes(StandardCharsets.UTF_8));
    }

    static Path write(Path file, byte[] bytes) {
        try {
            Files.createDirectories(file.getParent());
            return Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path mkdirs(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void symlink(Path link, String target) {
        try {
            Files.createDirectories(link.getParent());
            Files.createSymbolicLink(link, Path.of(target));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] json(Object value) {
        try {
            return Json.MAPPER.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies a snapshot folder as old Docker's vfs did ({@code cp -a}, holes and hard links kept). */
    static void copyTree(Path from, Path to) {
        try {
            Files.createDirectories(to);
            Process p = new ProcessBuilder("cp", "-a", "--sparse=always", from + "/.", to.toString())
                    .inheritIO().start();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("cp -a " + from + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
