package io.github.drydock.archive;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;

/**
 * Whether standard output is a file an export may write at any offset (see {@link ChannelSink#positional}):
 * {@code drydock export C > c.tar}, as one would run {@code docker export}. Java cannot tell a file from a
 * pipe, nor see the append flag, so Linux's {@code /proc/self} is asked: fd 1 must be a regular file and
 * not opened for appending ({@code >>}), where the kernel would put every write at the end whatever its
 * offset. Anywhere that cannot be told (no {@code /proc}), the answer is no and the tar is written in order.
 */
public final class SeekableOutput {
    /**
     * {@code O_APPEND} in the octal {@code flags:} line of {@code /proc/self/fdinfo/N}: 02000 on the Linux
     * architectures listed in {@link #APPEND_02000}; others (alpha, mips, parisc, sparc) use other values,
     * and there the answer is no.
     */
    private static final int O_APPEND = 02000;
    private static final Set<String> APPEND_02000 = Set.of("amd64", "x86_64", "x86", "i386",
            "i686", "aarch64", "arm", "ppc64", "ppc64le", "s390x", "riscv64", "loongarch64");
    /** Set to {@code true} to write every tar in order (a file system that refuses writes out of order). */
    public static final String IN_ORDER_PROPERTY = "drydock.export.inOrder";
    private static volatile Boolean stdout;

    private SeekableOutput() {
    }

    /** @return true when standard output is a regular file opened without {@code O_APPEND} (asked once) */
    public static boolean stdout() {
        Boolean known = stdout;
        if (known == null) {
            known = allowed() && fd(Path.of("/proc/self"), 1);
            stdout = known;
        }
        return known;
    }

    /**
     * @return false when every tar must be written in order: {@value #IN_ORDER_PROPERTY} is {@code true}, or
     *         this is not a Linux architecture whose {@code O_APPEND} is known
     */
    public static boolean allowed() {
        return !Boolean.getBoolean(IN_ORDER_PROPERTY) && "Linux".equals(System.getProperty("os.name"))
                && APPEND_02000.contains(System.getProperty("os.arch", ""));
    }

    /**
     * Standard output (a file, {@link #stdout}) opened once more for writing, with a position of its own.
     *
     * @return the channel, or null when it cannot be opened (then big files are copied through a buffer)
     */
    public static FileChannel reopenStdout() {
        try {
            // opening /proc/self/fd/1 opens the file itself anew: same file, own offset, no truncation
            return FileChannel.open(Path.of("/proc/self/fd/1"), StandardOpenOption.WRITE);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * @param proc the {@code /proc/self} folder
     * @param fd   a file descriptor of this process
     * @return true when it is a regular file opened without {@code O_APPEND}; false when unknown
     */
    static boolean fd(Path proc, int fd) {
        try {
            // follows the magic link to the open file itself: a pipe, socket or device is not a regular file
            if (!Files.isRegularFile(proc.resolve("fd").resolve(Integer.toString(fd)))) {
                return false;
            }
            String info = Files.readString(proc.resolve("fdinfo").resolve(Integer.toString(fd)),
                    StandardCharsets.US_ASCII);
            Integer flags = flags(info);
            return flags != null && (flags & O_APPEND) == 0;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** @return the octal {@code flags:} value of an fdinfo text, or null when it has none */
    static Integer flags(String fdinfo) {
        for (String line : fdinfo.split("\n")) {
            if (line.startsWith("flags:")) {
                try {
                    return Integer.parseInt(line.substring("flags:".length()).trim(), 8);
                } catch (NumberFormatException e) {
                    return null;
                }
            }
        }
        return null;
    }
}
