package io.github.drydock.archive;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * SHA-256 digests as Docker writes them: image ids, diff ids and chain ids are 64 lowercase hex
 * digits, shown with a {@code sha256:} prefix in JSON and messages. Methods here accept either form
 * and return the bare hex unless they say otherwise.
 */
public final class Digests {
    /** The algorithm prefix of every digest Docker writes. */
    public static final String SHA256_PREFIX = "sha256:";
    /**
     * The diff id of an empty layer tar (1024 zero bytes): the usual diff id of metadata-only legacy
     * layers (moby {@code layer/empty.go}).
     */
    public static final String EMPTY_LAYER_DIFF_ID = "5f70bf18a086007016e948b04aed3b82103a36bea41755b6cddfaf10ace3c6ef";

    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    private Digests() {
    }

    /** @return a fresh SHA-256 digester */
    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /**
     * @param bytes any bytes
     * @return their SHA-256 as 64 hex digits
     */
    public static String sha256Hex(byte[] bytes) {
        return HexFormat.of().formatHex(sha256().digest(bytes));
    }

    /**
     * @param digester a digester that has seen everything
     * @return its value as 64 hex digits (the digester is reset)
     */
    public static String hex(MessageDigest digester) {
        return HexFormat.of().formatHex(digester.digest());
    }

    /**
     * @param digest {@code sha256:<hex>} or bare hex
     * @return true when it is a well-formed SHA-256 digest in either form
     */
    public static boolean isDigest(String digest) {
        return digest != null && HEX64.matcher(strip(digest)).matches();
    }

    /**
     * @param digest {@code sha256:<hex>} or bare hex (any case)
     * @return the 64 lowercase hex digits
     * @throws IllegalArgumentException when it is not a SHA-256 digest
     */
    public static String hex(String digest) {
        String hex = digest == null ? "" : strip(digest.trim()).toLowerCase(Locale.ROOT);
        if (!HEX64.matcher(hex).matches()) {
            throw new IllegalArgumentException("not a sha256 digest: " + digest);
        }
        return hex;
    }

    /**
     * @param digest {@code sha256:<hex>} or bare hex
     * @return {@code sha256:<hex>}
     */
    public static String prefixed(String digest) {
        return SHA256_PREFIX + hex(digest);
    }

    /**
     * The chain id of a layer on top of a parent chain, as {@code layer/layer.go}
     * {@code createChainIDFromParent} computes it: {@code sha256(parentChainId + " " + diffId)} over the
     * {@code sha256:}-prefixed strings; the chain id of a base layer is its diff id.
     *
     * @param parentChainId the chain id below, or null for a base layer
     * @param diffId        the layer's diff id
     * @return the chain id as 64 hex
     */
    public static String chainId(String parentChainId, String diffId) {
        if (parentChainId == null) {
            return hex(diffId);
        }
        String text = prefixed(parentChainId) + " " + prefixed(diffId);
        return sha256Hex(text.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * @param diffIds diff ids, base first
     * @return the chain id of every prefix of the list, base first (64 hex each)
     */
    public static List<String> chainIds(List<String> diffIds) {
        List<String> chain = new ArrayList<>(diffIds.size());
        String parent = null;
        for (String diffId : diffIds) {
            parent = chainId(parent, diffId);
            chain.add(parent);
        }
        return List.copyOf(chain);
    }

    private static String strip(String digest) {
        return digest.startsWith(SHA256_PREFIX) ? digest.substring(SHA256_PREFIX.length()) : digest;
    }
}
