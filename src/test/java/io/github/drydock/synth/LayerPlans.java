package io.github.drydock.synth;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * What each synthetic layer holds, derived only from its index and its parent's index, so the names a
 * child deletes or changes in its parent are known without remembering the parent. Every image layer
 * has its own folder {@link #layerDir(int)} with files {@code f0, f1, ...} (64 per subfolder), a second
 * name {@code f0.hl} for {@code f0} (hard link), a relative and an absolute symlink, a changed
 * {@code etc/release}; a child deletes its parent's {@code f1} (whiteout) or, every fifth layer, makes
 * its parent's folder opaque and puts one new file in it.
 */
final class LayerPlans {
    /** Regular files of one layer, at least: f0 (hard-linked), f1 (deleted by children), f2 (changed by containers). */
    static final int MIN_FILES = 3;
    private static final int PER_FOLDER = 64;
    private static final int PACKAGES = 200;

    private LayerPlans() {
    }

    /** @return the folder of image layer {@code i}'s own files */
    static String layerDir(int i) {
        return "usr/share/pkg" + (i % PACKAGES) + "/l" + i;
    }

    /**
     * @param i        layer index
     * @param parent   parent layer index, or -1
     * @param files    regular files to add (at least {@link #MIN_FILES})
     * @param large    large sparse files to add
     * @param largeSize their size
     * @param r        the layer's random source
     * @return the members, in tar order
     */
    static List<Member> imageLayer(int i, int parent, int files, int large, long largeSize, boolean dense, Random r) {
        List<Member> m = new ArrayList<>();
        if (parent >= 0) {
            if (i % 5 == 0) {
                m.add(Member.opaque(layerDir(parent)));
                m.add(Member.file(layerDir(parent) + "/reborn", 100, key(i, -1)));
            } else {
                m.add(Member.whiteout(layerDir(parent) + "/f1"));
            }
        }
        m.add(Member.file("etc/release", 40 + r.nextInt(40), key(i, -2)));
        String dir = layerDir(i);
        int count = Math.max(MIN_FILES, files);
        for (int k = 0; k < count; k++) {
            String sub = k < PER_FOLDER ? dir : dir + "/s" + (k / PER_FOLDER);
            m.add(Member.file(sub + "/f" + k, smallSize(r), key(i, k)));
        }
        m.add(Member.hardlink(dir + "/f0.hl", dir + "/f0"));
        m.add(Member.symlink("usr/bin/tool" + i, "../share/pkg" + (i % PACKAGES) + "/l" + i + "/f0"));
        m.add(Member.symlink("etc/alt/tool" + i, "/usr/bin/tool" + i));
        for (int j = 0; j < large; j++) {
            String blob = "opt/big/blob" + i + "_" + j + ".bin";
            long key = key(i, 1_000_000 + j);
            m.add(dense ? Member.file(blob, largeSize, key) : Member.sparse(blob, largeSize, key));
        }
        return m;
    }

    /** The placeholders Docker's {@code setupInitLayer} puts in every container's init layer. */
    static List<Member> initLayer() {
        return List.of(Member.file(".dockerenv", 0, 0), Member.file("dev/console", 0, 0), Member.dir("dev/pts"),
                Member.dir("dev/shm"), Member.file("etc/hostname", 0, 0), Member.file("etc/hosts", 0, 0),
                Member.file("etc/resolv.conf", 0, 0), Member.symlink("etc/mtab", "/proc/mounts"), Member.dir("proc"),
                Member.dir("sys"));
    }

    /**
     * A container's own changes over image layer {@code top}: added files, a changed file, a deleted
     * file, and every fourth container an opaque {@code etc/alt}.
     */
    static List<Member> containerLayer(int j, int top, Random r) {
        List<Member> m = new ArrayList<>();
        m.add(Member.file("root/.bash_history", 200 + r.nextInt(2000), key(-j - 1, 0)));
        for (int k = 0; k < 4; k++) {
            m.add(Member.file("var/log/app/c" + j + "/out" + k + ".log", smallSize(r), key(-j - 1, k + 1)));
        }
        m.add(Member.file(layerDir(top) + "/f2", 300, key(-j - 1, 9)));
        m.add(Member.whiteout(layerDir(top) + "/f1"));
        if (j % 4 == 0) {
            m.add(Member.opaque("etc/alt"));
            m.add(Member.file("etc/alt/mine", 10, key(-j - 1, 10)));
        }
        return m;
    }

    /** Many small files, a few bigger: 85 % under 1 KiB, 13 % 1–16 KiB, 2 % 16–128 KiB. */
    static int smallSize(Random r) {
        int p = r.nextInt(100);
        if (p < 85) {
            return r.nextInt(1024);
        }
        return p < 98 ? 1024 + r.nextInt(15 * 1024) : 16 * 1024 + r.nextInt(112 * 1024);
    }

    private static long key(int layer, int k) {
        return layer * 1_000_003L + k;
    }
}
