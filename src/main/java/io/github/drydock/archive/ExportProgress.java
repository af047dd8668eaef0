package io.github.drydock.archive;

/**
 * How far an export got, for a progress line drawn by another thread: members produced and file content
 * bytes read so far. Counted where the members are made, so it works whatever the tar is written to (a
 * counting stream wrapped around the output would hide the file or pipe underneath, and with it the
 * copies inside the kernel).
 */
public final class ExportProgress {
    private volatile long entries;
    private volatile long bytes;

    /** @return tar members made so far */
    public long entries() {
        return entries;
    }

    /** @return file content bytes made or handed over so far */
    public long bytes() {
        return bytes;
    }

    /** Called by the export's one producing thread only. */
    void add(long members, long contentBytes) {
        entries += members; // one writer: no lost update
        bytes += contentBytes;
    }
}
