package io.github.drydock.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One line of a tar-split file ({@code layerdb/sha256/<chain id>/tar-split.json.gz} or legacy
 * {@code graph/<id>/tar-data.json.gz}, gunzipped): vbatts/tar-split {@code tar/storage/entry.go}
 * {@code Entry}, written by Go's {@code json.Encoder}, one object per line, keys in this order.
 *
 * @param type     {@code 1} = file (its payload lives on disk), {@code 2} = segment (raw tar bytes)
 * @param name     the member name as in the tar header; absent when empty or when {@code name_raw} is used
 * @param nameRaw  the member name as bytes (base64 in JSON) when it is not valid UTF-8 (tar-split 0.9.11+)
 * @param size     the file payload size; absent when 0
 * @param payload  segment: the raw bytes; file: the 8-byte big-endian CRC-64/ISO of the content, or
 *                 null for size 0 (base64 in JSON)
 * @param position the 0-based index of the entry in the file
 */
@JsonPropertyOrder({"type", "name", "name_raw", "size", "payload", "position"})
public record TarSplitEntryJson(
        @JsonProperty("type") int type,
        @JsonProperty("name") @JsonInclude(JsonInclude.Include.NON_EMPTY) String name,
        @JsonProperty("name_raw") @JsonInclude(JsonInclude.Include.NON_EMPTY) byte[] nameRaw,
        @JsonProperty("size") @JsonInclude(JsonInclude.Include.NON_DEFAULT) long size,
        @JsonProperty("payload") @JsonInclude(JsonInclude.Include.ALWAYS) byte[] payload,
        @JsonProperty("position") long position) {
    /** {@code type} of an entry whose payload is a file on disk. */
    public static final int FILE_TYPE = 1;
    /** {@code type} of an entry that holds raw tar bytes. */
    public static final int SEGMENT_TYPE = 2;
}
