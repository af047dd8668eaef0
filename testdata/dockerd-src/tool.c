/*
 * tool.c - the only executable inside the drydock dockerd fixture images.
 *
 * The fixture images have no shell, so Dockerfile RUN steps and container
 * runs call this program in exec form. It takes a list of operations on the
 * command line and runs them left to right:
 *
 *   write PATH TEXT      create/truncate PATH, write TEXT plus a newline
 *   append PATH TEXT     append TEXT plus a newline to PATH (created if absent)
 *   rm PATH              delete a file, symlink or (recursively) a directory
 *   mkdir PATH           create a directory (parents too), mode 0755
 *   link OLD NEW         make hard link NEW to OLD
 *   symlink TARGET NEW   make symlink NEW whose content is TARGET
 *   chmod MODE PATH      change mode (MODE in octal, e.g. 0640)
 *   cat PATH             copy the contents of PATH to stdout
 *   out TEXT             print TEXT plus a newline to stdout
 *   err TEXT             print TEXT plus a newline to stderr
 *   exit CODE            exit immediately with CODE (decimal)
 *
 * Any failing operation prints a message to stderr and exits with 100.
 * Without operations the program exits 0. Output is written with write(2)
 * directly (no buffering), so stdout/stderr lines keep their order.
 *
 * No C library is used: the program talks to the kernel with raw system
 * calls (x86_64 and aarch64), which keeps the static binary a few KB.
 * Build: gcc -static -Os -nostdlib -ffreestanding -fno-stack-protector \
 *            -fno-asynchronous-unwind-tables -Wl,--build-id=none -s \
 *            -o tool tool.c
 */

typedef unsigned long size_t;
typedef long ssize_t;

#define AT_FDCWD (-100)
#define AT_REMOVEDIR 0x200
#define O_RDONLY 0
#define O_WRONLY 1
#define O_CREAT 0100
#define O_TRUNC 01000
#define O_APPEND 02000
#define O_DIRECTORY 0200000
#define O_NOFOLLOW 0400000
#define O_CLOEXEC 02000000
#define EEXIST 17
#define ENOENT 2
#define ENOTDIR 20
#define EISDIR 21
#define DT_DIR 4
#define PATH_MAX 4096

#if defined(__x86_64__)
#define SYS_read 0
#define SYS_write 1
#define SYS_close 3
#define SYS_getdents64 217
#define SYS_exit_group 231
#define SYS_openat 257
#define SYS_mkdirat 258
#define SYS_unlinkat 263
#define SYS_linkat 265
#define SYS_symlinkat 266
#define SYS_fchmodat 268

static long sys6(long n, long a, long b, long c, long d, long e)
{
    long ret;
    register long r10 __asm__("r10") = d;
    register long r8 __asm__("r8") = e;
    __asm__ volatile("syscall"
                     : "=a"(ret)
                     : "a"(n), "D"(a), "S"(b), "d"(c), "r"(r10), "r"(r8)
                     : "rcx", "r11", "memory");
    return ret;
}

__asm__(".text\n"
        ".global _start\n"
        "_start:\n"
        "  xor %rbp, %rbp\n"
        "  mov %rsp, %rdi\n"
        "  and $-16, %rsp\n"
        "  call start_c\n"
        "  hlt\n");
#elif defined(__aarch64__)
#define SYS_read 63
#define SYS_write 64
#define SYS_close 57
#define SYS_getdents64 61
#define SYS_exit_group 94
#define SYS_openat 56
#define SYS_mkdirat 34
#define SYS_unlinkat 35
#define SYS_linkat 37
#define SYS_symlinkat 36
#define SYS_fchmodat 53

static long sys6(long n, long a, long b, long c, long d, long e)
{
    register long x8 __asm__("x8") = n;
    register long x0 __asm__("x0") = a;
    register long x1 __asm__("x1") = b;
    register long x2 __asm__("x2") = c;
    register long x3 __asm__("x3") = d;
    register long x4 __asm__("x4") = e;
    __asm__ volatile("svc 0"
                     : "+r"(x0)
                     : "r"(x8), "r"(x1), "r"(x2), "r"(x3), "r"(x4)
                     : "memory");
    return x0;
}

__asm__(".text\n"
        ".global _start\n"
        "_start:\n"
        "  mov x29, #0\n"
        "  mov x30, #0\n"
        "  mov x0, sp\n"
        "  and sp, x0, #-16\n"
        "  bl start_c\n"
        "  brk #0\n");
#else
#error "unsupported architecture (x86_64 and aarch64 only)"
#endif

/* gcc may emit calls to these even in freestanding mode */
void *memset(void *d, int c, size_t n)
{
    unsigned char *p = d;
    while (n--)
        *p++ = (unsigned char)c;
    return d;
}

void *memcpy(void *d, const void *s, size_t n)
{
    unsigned char *p = d;
    const unsigned char *q = s;
    while (n--)
        *p++ = *q++;
    return d;
}

static size_t slen(const char *s)
{
    size_t n = 0;
    while (s[n])
        n++;
    return n;
}

static int seq(const char *a, const char *b)
{
    while (*a && *a == *b) {
        a++;
        b++;
    }
    return *a == *b;
}

static void die(int code) __attribute__((noreturn));
static void die(int code)
{
    for (;;)
        sys6(SYS_exit_group, code, 0, 0, 0, 0);
}

static int write_all(int fd, const char *buf, size_t n)
{
    while (n > 0) {
        long w = sys6(SYS_write, fd, (long)buf, (long)n, 0, 0);
        if (w < 0)
            return (int)w;
        buf += w;
        n -= (size_t)w;
    }
    return 0;
}

/* write "a b c\n" as one write(2) so a log line is never split */
static void line(int fd, const char *a, const char *b, const char *c)
{
    char buf[PATH_MAX * 2];
    size_t n = 0;
    const char *parts[3] = {a, b, c};
    for (int i = 0; i < 3; i++) {
        if (!parts[i])
            continue;
        if (i > 0 && n > 0 && n < sizeof buf)
            buf[n++] = ' ';
        for (const char *p = parts[i]; *p && n < sizeof buf - 1; p++)
            buf[n++] = *p;
    }
    buf[n++] = '\n';
    write_all(fd, buf, n);
}

static void fail(const char *op, const char *arg, long err)
{
    char num[24];
    int i = sizeof num - 1;
    unsigned long e = (unsigned long)(err < 0 ? -err : err);
    num[i] = 0;
    do {
        num[--i] = (char)('0' + e % 10);
        e /= 10;
    } while (e && i > 6);
    num[--i] = '=';
    num[--i] = 'o';
    num[--i] = 'n';
    num[--i] = 'r';
    num[--i] = 'r';
    num[--i] = 'e';
    line(2, op, arg ? arg : "", num + i);
    die(100);
}

static void put_file(const char *path, const char *text, int flags)
{
    long fd = sys6(SYS_openat, AT_FDCWD, (long)path,
                   flags | O_WRONLY | O_CREAT | O_CLOEXEC, 0644, 0);
    if (fd < 0)
        fail("open", path, fd);
    size_t n = slen(text);
    int r = write_all((int)fd, text, n);
    if (r == 0)
        r = write_all((int)fd, "\n", 1);
    if (r < 0)
        fail("write", path, r);
    sys6(SYS_close, fd, 0, 0, 0, 0);
}

static void cat_file(const char *path)
{
    char buf[4096];
    long fd = sys6(SYS_openat, AT_FDCWD, (long)path, O_RDONLY | O_CLOEXEC, 0, 0);
    if (fd < 0)
        fail("open", path, fd);
    for (;;) {
        long r = sys6(SYS_read, fd, (long)buf, sizeof buf, 0, 0);
        if (r < 0)
            fail("read", path, r);
        if (r == 0)
            break;
        write_all(1, buf, (size_t)r);
    }
    sys6(SYS_close, fd, 0, 0, 0, 0);
}

static void mkdir_p(const char *path)
{
    char buf[PATH_MAX];
    size_t n = slen(path);
    if (n == 0 || n >= sizeof buf)
        fail("mkdir", path, 36);
    memcpy(buf, path, n + 1);
    for (size_t i = 1; i <= n; i++) {
        if (buf[i] == '/' || buf[i] == 0) {
            char saved = buf[i];
            buf[i] = 0;
            long r = sys6(SYS_mkdirat, AT_FDCWD, (long)buf, 0755, 0, 0);
            if (r < 0 && r != -EEXIST)
                fail("mkdir", buf, r);
            buf[i] = saved;
        }
    }
}

struct dirent64 {
    unsigned long long d_ino;
    long long d_off;
    unsigned short d_reclen;
    unsigned char d_type;
    char d_name[];
};

static void rm_rf(const char *path);

static void rm_children(const char *dir)
{
    char buf[2048];
    char child[PATH_MAX];
    size_t dl = slen(dir);
    for (;;) {
        /* reopen after each batch: entries shift while we delete */
        long fd = sys6(SYS_openat, AT_FDCWD, (long)dir,
                       O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC, 0, 0);
        if (fd < 0)
            fail("opendir", dir, fd);
        long n = sys6(SYS_getdents64, fd, (long)buf, sizeof buf, 0, 0);
        if (n < 0)
            fail("getdents64", dir, n);
        int removed = 0;
        for (long off = 0; off < n;) {
            struct dirent64 *d = (struct dirent64 *)(buf + off);
            off += d->d_reclen;
            if (seq(d->d_name, ".") || seq(d->d_name, ".."))
                continue;
            size_t nl = slen(d->d_name);
            if (dl + 1 + nl >= sizeof child)
                fail("rm", d->d_name, 36);
            memcpy(child, dir, dl);
            child[dl] = '/';
            memcpy(child + dl + 1, d->d_name, nl + 1);
            rm_rf(child);
            removed++;
        }
        sys6(SYS_close, fd, 0, 0, 0, 0);
        if (n == 0 || removed == 0)
            return;
    }
}

static void rm_rf(const char *path)
{
    long r = sys6(SYS_unlinkat, AT_FDCWD, (long)path, 0, 0, 0);
    if (r == 0)
        return;
    if (r != -EISDIR && r != -1 /* EPERM on some kernels for dirs */)
        fail("unlink", path, r);
    rm_children(path);
    r = sys6(SYS_unlinkat, AT_FDCWD, (long)path, AT_REMOVEDIR, 0, 0);
    if (r < 0)
        fail("rmdir", path, r);
}

static long parse_num(const char *s, int base, const char *op)
{
    long v = 0;
    int neg = 0;
    if (*s == '-') {
        neg = 1;
        s++;
    }
    if (!*s)
        fail(op, "bad number", 22);
    for (; *s; s++) {
        if (*s < '0' || *s >= '0' + base)
            fail(op, "bad number", 22);
        v = v * base + (*s - '0');
    }
    return neg ? -v : v;
}

static void need(int have, int want, const char *op)
{
    if (have < want)
        fail(op, "missing argument", 22);
}

__attribute__((used)) void start_c(long *sp)
{
    int argc = (int)sp[0];
    char **argv = (char **)(sp + 1);
    int i = 1;
    while (i < argc) {
        const char *op = argv[i++];
        int left = argc - i;
        long r;
        if (seq(op, "write")) {
            need(left, 2, op);
            put_file(argv[i], argv[i + 1], O_TRUNC);
            i += 2;
        } else if (seq(op, "append")) {
            need(left, 2, op);
            put_file(argv[i], argv[i + 1], O_APPEND);
            i += 2;
        } else if (seq(op, "rm")) {
            need(left, 1, op);
            rm_rf(argv[i]);
            i += 1;
        } else if (seq(op, "mkdir")) {
            need(left, 1, op);
            mkdir_p(argv[i]);
            i += 1;
        } else if (seq(op, "link")) {
            need(left, 2, op);
            r = sys6(SYS_linkat, AT_FDCWD, (long)argv[i], AT_FDCWD, (long)argv[i + 1], 0);
            if (r < 0)
                fail("link", argv[i + 1], r);
            i += 2;
        } else if (seq(op, "symlink")) {
            need(left, 2, op);
            r = sys6(SYS_symlinkat, (long)argv[i], AT_FDCWD, (long)argv[i + 1], 0, 0);
            if (r < 0)
                fail("symlink", argv[i + 1], r);
            i += 2;
        } else if (seq(op, "chmod")) {
            need(left, 2, op);
            r = sys6(SYS_fchmodat, AT_FDCWD, (long)argv[i + 1],
                     parse_num(argv[i], 8, op), 0, 0);
            if (r < 0)
                fail("chmod", argv[i + 1], r);
            i += 2;
        } else if (seq(op, "cat")) {
            need(left, 1, op);
            cat_file(argv[i]);
            i += 1;
        } else if (seq(op, "out")) {
            need(left, 1, op);
            line(1, argv[i], 0, 0);
            i += 1;
        } else if (seq(op, "err")) {
            need(left, 1, op);
            line(2, argv[i], 0, 0);
            i += 1;
        } else if (seq(op, "exit")) {
            need(left, 1, op);
            die((int)parse_num(argv[i], 10, op));
        } else {
            fail("unknown operation", op, 22);
        }
    }
    die(0);
}
