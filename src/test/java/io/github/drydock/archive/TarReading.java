package io.github.drydock.archive;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads a tar back with commons-compress for assertions. */
final class TarReading {
    private TarReading() {
    }

    /** One member: header fields and content. */
    record Member(String name, char type, int mode, long uid, long gid, long size, long mtime, String link,
                  int major, int minor, String text) {
        @Override
        public String toString() {
            return type + " " + name + (link.isEmpty() ? "" : " -> " + link);
        }
    }

    static List<Member> read(byte[] tar) throws IOException {
        List<Member> members = new ArrayList<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
            TarArchiveEntry e;
            while ((e = in.getNextEntry()) != null) {
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                members.add(new Member(e.getName(), (char) linkFlag(e), e.getMode(), e.getLongUserId(),
                        e.getLongGroupId(), e.getSize(), e.getLastModifiedTime().toMillis() / 1000, e.getLinkName(),
                        e.getDevMajor(), e.getDevMinor(), text));
            }
        }
        return members;
    }

    private static byte linkFlag(TarArchiveEntry e) {
        if (e.isDirectory()) {
            return '5';
        }
        if (e.isSymbolicLink()) {
            return '2';
        }
        if (e.isLink()) {
            return '1';
        }
        if (e.isCharacterDevice()) {
            return '3';
        }
        if (e.isBlockDevice()) {
            return '4';
        }
        if (e.isFIFO()) {
            return '6';
        }
        return '0';
    }

    static List<String> names(List<Member> members) {
        return members.stream().map(Member::name).toList();
    }

    static Member member(List<Member> members, String name) {
        return members.stream().filter(m -> m.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no member " + name + " in " + names(members)));
    }
}
