package io.github.drydock.archive;

import io.github.drydock.model.DockerStorageException;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes archive members with the tar headers {@code docker save} produces: Go's {@code archive/tar} in
 * USTAR format as moby {@code pkg/archive} fills it (mode with the file-type bits, e.g. {@code 0040755},
 * uid/gid 0 named {@code root}, mtime in whole seconds, device numbers {@code 0000000}), no record padding
 * after the two zero blocks that end the archive. A member too large for USTAR's 8 GiB size field gets a
 * PAX {@code size} record in {@code <dir>/PaxHeaders.0/<name>}, as Go writes it.
 *
 * <p>Pushes bytes into the caller's stream and never closes it.
 */
final class SaveTarWriter implements SaveSink {
    private static final int BLOCK = 512;
    private static final long MAX_OCTAL_SIZE = 077777777777L;
    private static final int MODE_FOLDER = 040755;
    private static final int MODE_FILE = 0100644;
    private static final int MODE_SYMLINK = 0120777;
    private static final String OWNER = "root";

    private final OutputStream out;
    private long bytes;

    /** @param out the caller's stream (buffered here, flushed by {@link #finish()}, never closed) */
    SaveTarWriter(OutputStream out) {
        this.out = new BufferedOutputStream(new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        }, 1 << 16);
    }

    @Override
    public void write(SaveEntry entry) throws IOException {
        if (entry instanceof SaveEntry.Folder folder) {
            header(folder.name() + "/", MODE_FOLDER, 0, folder.mtime(), '5', "");
        } else if (entry instanceof SaveEntry.Symlink link) {
            header(link.name(), MODE_SYMLINK, 0, link.mtime(), '2', link.target());
        } else if (entry instanceof SaveEntry.Bytes file) {
            header(file.name(), MODE_FILE, file.content().length, file.mtime(), '0', "");
            emit(file.content(), file.content().length);
            pad(file.content().length);
        } else {
            layer((SaveEntry.LayerTar) entry);
        }
    }

    @Override
    public void finish() throws IOException {
        emit(new byte[2 * BLOCK], 2 * BLOCK);
        out.flush();
    }

    @Override
    public long bytes() {
        return bytes;
    }

    private void layer(SaveEntry.LayerTar layer) throws IOException {
        long size = layer.source().size();
        header(layer.name(), MODE_FILE, size, layer.mtime(), '0', "");
        long before = bytes;
        layer.source().writeTo(new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (bytes - before + len > size) {
                    throw new DockerStorageException("layer " + layer.name() + " grew past its planned " + size
                            + " bytes while being written", null);
                }
                emit(b, len, off);
            }

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void close() {
                // the layer source must not close the archive
            }
        });
        if (bytes - before != size) {
            throw new DockerStorageException("layer " + layer.name() + " produced " + (bytes - before)
                    + " bytes, " + size + " were planned", null);
        }
        pad(size);
    }

    private void header(String name, int mode, long size, long mtime, char type, String link) throws IOException {
        if (size > MAX_OCTAL_SIZE) {
            paxSize(name, size);
        }
        byte[] block = new byte[BLOCK];
        put(block, 0, 100, name);
        octal(block, 100, 8, mode);
        octal(block, 108, 8, 0);
        octal(block, 116, 8, 0);
        octal(block, 124, 12, size > MAX_OCTAL_SIZE ? 0 : size);
        octal(block, 136, 12, mtime);
        block[156] = (byte) type;
        put(block, 157, 100, link);
        put(block, 257, 6, "ustar");
        put(block, 263, 2, "00");
        put(block, 265, 32, OWNER);
        put(block, 297, 32, OWNER);
        octal(block, 329, 8, 0);
        octal(block, 337, 8, 0);
        checksum(block);
        emit(block, BLOCK);
    }

    /** Go's {@code writePAXHeader}: an {@code x} member with the records, then the real header. */
    private void paxSize(String name, long size) throws IOException {
        String record = paxRecord("size", Long.toString(size));
        byte[] content = record.getBytes(StandardCharsets.UTF_8);
        int slash = name.lastIndexOf('/');
        String paxName = name.substring(0, slash + 1) + "PaxHeaders.0/" + name.substring(slash + 1);
        byte[] block = new byte[BLOCK];
        put(block, 0, 100, paxName);
        octal(block, 100, 8, 0);
        octal(block, 108, 8, 0);
        octal(block, 116, 8, 0);
        octal(block, 124, 12, content.length);
        octal(block, 136, 12, 0);
        block[156] = 'x';
        put(block, 257, 6, "ustar");
        put(block, 263, 2, "00");
        checksum(block);
        emit(block, BLOCK);
        emit(content, content.length);
        pad(content.length);
    }

    /** {@code "<length> key=value\n"} where the length counts itself. */
    static String paxRecord(String key, String value) {
        int size = key.length() + value.length() + 3;
        size += Integer.toString(size).length();
        String record = size + " " + key + "=" + value + "\n";
        if (record.length() != size) {
            record = record.length() + " " + key + "=" + value + "\n";
        }
        return record;
    }

    private static void put(byte[] block, int offset, int length, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > length) {
            throw new IllegalStateException("tar header field too long: " + text);
        }
        System.arraycopy(bytes, 0, block, offset, bytes.length);
    }

    /** Go's {@code formatOctal}: zero-padded digits filling all but the last byte, which is NUL. */
    private static void octal(byte[] block, int offset, int length, long value) {
        String digits = Long.toOctalString(value);
        put(block, offset, length - 1, "0".repeat(length - 1 - digits.length()) + digits);
    }

    private static void checksum(byte[] block) {
        for (int i = 148; i < 156; i++) {
            block[i] = ' ';
        }
        long sum = 0;
        for (byte b : block) {
            sum += b & 0xff;
        }
        String digits = String.format("%06o", sum);
        put(block, 148, 6, digits);
        block[154] = 0;
        block[155] = ' ';
    }

    private void pad(long size) throws IOException {
        int padding = (int) ((BLOCK - size % BLOCK) % BLOCK);
        emit(new byte[padding], padding);
    }

    private void emit(byte[] b, int length) throws IOException {
        emit(b, length, 0);
    }

    private void emit(byte[] b, int length, int offset) throws IOException {
        out.write(b, offset, length);
        bytes += length;
    }
}
