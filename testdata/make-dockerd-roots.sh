#!/usr/bin/env bash
# make-dockerd-roots.sh - regenerate testdata/dockerd-vfs/ and testdata/dockerd-overlay2/.
#
# For each storage driver this starts a private containerd and a private dockerd on a
# fresh data root, imports a tiny base image built here from scratch, builds derived
# images with the classic builder, runs/creates containers, records the daemon's own
# answers (inspect, history, diff, logs, save, export, ...) into reference/, stops
# everything and packs the data root into root.tar.gz.
#
# Requirements: root, dockerd + containerd + runc, docker CLI, gcc, GNU tar, getfattr,
# tar-split, jq, sha256sum. No network access is needed or used.
#
# Usage:  sudo testdata/make-dockerd-roots.sh            # both drivers
#         sudo DRIVERS=vfs testdata/make-dockerd-roots.sh
#         KEEP_WORK=1 keeps /tmp/drydock-fixture for inspection (daemons are stopped anyway).
#
# Side effects outside the work dir that dockerd/containerd cause and that this script
# cannot redirect: dockerd writes /etc/docker/key.json (removed again if /etc/docker did
# not exist before), creates /run/docker/plugins; the runc shim creates /run/containerd/s/.

set -Eeuo pipefail
trap 'printf "ERROR: command failed (exit %s) at %s line %s: %s\n" "$?" "${BASH_SOURCE[0]}" "$LINENO" "$BASH_COMMAND" >&2' ERR

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SRC=$HERE/dockerd-src
WORK=${WORK:-/tmp/drydock-fixture}
# mtime of every entry of the base rootfs tar: 2023-11-14T22:13:20Z
EPOCH=1700000000
read -r -a DRIVERS <<<"${DRIVERS:-vfs overlay2}"

log() { printf '==> %s\n' "$*" >&2; }
die() { printf 'ERROR: %s\n' "$*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || die "must run as root"
for t in dockerd containerd runc docker gcc tar getfattr tar-split sha256sum jq; do
    command -v "$t" >/dev/null || die "missing tool: $t"
done
[ -e "$WORK" ] && die "$WORK exists; remove it first (umount anything below it)"
if [ -S /run/containerd/containerd.sock ]; then
    log "note: a system containerd socket exists; it is NOT used (dockerd gets --containerd)"
fi

ETC_DOCKER_EXISTED=0
[ -e /etc/docker ] && ETC_DOCKER_EXISTED=1

CTRD_PID=""
DOCKERD_PID=""
SOCK=""

. "$(dirname "${BASH_SOURCE[0]}")/dockerd-daemons.sh"

cleanup() {
    local rc=$?
    set +e
    stop_daemons
    if [ -d "$WORK" ]; then
        unmount_below "$WORK"
        if [ "${KEEP_WORK:-0}" != 1 ]; then
            rm -rf --one-file-system "$WORK"
        fi
    fi
    if [ "$ETC_DOCKER_EXISTED" = 0 ] && [ -d /etc/docker ]; then
        rm -f /etc/docker/key.json
        rmdir /etc/docker 2>/dev/null
    fi
    exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

dk() { docker -H "unix://$SOCK" "$@"; }

mkdir -p "$WORK"
export DOCKER_CONFIG=$WORK/cli-config # keep the CLI away from ~/.docker
mkdir -p "$DOCKER_CONFIG"

# ---------------------------------------------------------------------------------------
# 1. the tool and the base rootfs tar (identical for both drivers, byte-for-byte
#    reproducible given the same gcc)
# ---------------------------------------------------------------------------------------
log "compiling tool"
gcc -static -Os -nostdlib -ffreestanding -fno-stack-protector -fno-asynchronous-unwind-tables \
    -Wall -Wextra -Werror -Wl,--build-id=none -s -o "$WORK/tool" "$SRC/tool.c"
"$WORK/tool" out "tool ok" >/dev/null

log "building base rootfs tar"
S=$WORK/base-stage
put() { # put MODE PATH CONTENT...
    local mode=$1 path=$S/$2
    shift 2
    mkdir -p "$(dirname "$path")"
    printf '%s\n' "$@" >"$path"
    chmod "$mode" "$path"
}
mkdir -p "$S"
install -d -m 0755 "$S"/{bin,etc/config,data/sub,usr/share/doc,opt/replace-me/sub,var/empty,srv,home}
install -d -m 1777 "$S/tmp"
install -d -m 0700 "$S/root"
install -d -m 0750 "$S/home/user"
install -m 0755 "$WORK/tool" "$S/bin/tool"
ln -s ../bin "$S/usr/bin"
put 0644 etc/os-release 'NAME="Drydock Fixture Linux"' 'ID=drydock-fixture' 'VERSION_ID=1' \
    'PRETTY_NAME="Drydock Fixture Linux 1 (test data, not a real distribution)"'
put 0644 etc/passwd 'root:x:0:0:root:/root:/bin/tool' 'user:x:1000:1000:fixture user:/home/user:/bin/tool'
put 0644 etc/group 'root:x:0:' 'user:x:1000:'
put 0644 etc/config/a.conf '# a.conf from the base image' 'key=a'
put 0640 etc/config/b.conf '# b.conf from the base image' 'key=b'
put 0644 etc/delete-me.txt 'this file is deleted by a RUN step of example/app'
put 0644 data/seed.txt 'seed data from the base image'
put 0644 data/sub/nested.txt 'nested seed file'
put 0644 'data/name with spaces.txt' 'a file name with spaces'
put 0644 'data/ünïcödé.txt' 'a file name with non-ASCII UTF-8 characters'
put 0644 usr/share/doc/readme 'readme of the drydock fixture base image (hard-linked as readme.hardlink)'
ln "$S/usr/share/doc/readme" "$S/usr/share/doc/readme.hardlink"
put 0644 usr/share/doc/a-rather-long-directory-name-that-forces-gnu-long-name-headers/another-directory-level/long-file-name-in-the-base-image.txt \
    'path longer than 100 bytes'
put 0644 opt/replace-me/old1.txt 'old content, hidden when the directory is replaced'
put 0644 opt/replace-me/sub/old2.txt 'old nested content, hidden when the directory is replaced'
put 0640 home/user/notes.txt 'owned by uid 1000'
chown -R 0:0 "$S"
chown -h 1000:1000 "$S/home/user" "$S/home/user/notes.txt"
BASE_TAR=$WORK/base-rootfs.tar
tar --format=gnu --sort=name --mtime=@$EPOCH --numeric-owner -C "$S" -cf "$BASE_TAR" .
BASE_TAR_SHA=$(sha256sum "$BASE_TAR" | cut -d' ' -f1)
log "base rootfs tar sha256:$BASE_TAR_SHA ($(stat -c %s "$BASE_TAR") bytes)"

# ---------------------------------------------------------------------------------------
# 2. per driver
# ---------------------------------------------------------------------------------------

# "example/app:1" -> "example_app_1"
fname() { printf '%s' "$1" | tr '/:@' '___'; }

make_root() {
    local driver=$1
    local W=$WORK/$driver
    local D=$W/root
    local OUT=$HERE/dockerd-$driver
    local REF=$OUT/reference
    log "[$driver] starting containerd + dockerd on $D"
    mkdir -p "$W"
    start_daemons "$driver" "$W"
    dk info --format '{{.Driver}}' | grep -qx "$driver" || die "dockerd is not using $driver"

    rm -rf "$OUT"
    mkdir -p "$REF"

    # --- images -----------------------------------------------------------------------
    log "[$driver] docker import example/base:1"
    dk import -m "drydock fixture base rootfs" \
        -c 'ENV PATH=/bin:/usr/bin' \
        -c 'CMD ["/bin/tool", "out", "base image default command"]' \
        "$BASE_TAR" example/base:1 >/dev/null

    local CTX=$W/context
    cp -a "$SRC/context" "$CTX"
    cp "$SRC/Dockerfile.app" "$SRC/Dockerfile.multi" "$CTX/"
    find "$CTX" -exec touch -h -d @$EPOCH {} +

    log "[$driver] docker build example/app:1 example/app:latest"
    DOCKER_BUILDKIT=0 dk build --network=none -f "$CTX/Dockerfile.app" \
        -t example/app:1 -t example/app:latest "$CTX" >"$W/build-app.log" 2>&1 ||
        { cat "$W/build-app.log" >&2; die "build app failed"; }
    log "[$driver] docker build example/multi:2"
    DOCKER_BUILDKIT=0 dk build --network=none -f "$CTX/Dockerfile.multi" \
        -t example/multi:2 "$CTX" >"$W/build-multi.log" 2>&1 ||
        { cat "$W/build-multi.log" >&2; die "build multi failed"; }

    # --- volumes, bind source -------------------------------------------------------------
    dk volume create --label org.example.fixture=drydock namedvol >/dev/null
    local BIND=$W/bind-src
    mkdir -p "$BIND"
    printf 'file on the host, visible in c-run at /mnt/bind/host-file.txt\n' >"$BIND/host-file.txt"

    # --- c-run: runs once, changes its filesystem and the volumes, exits 3 ----------------
    log "[$driver] docker run c-run"
    local rc=0
    dk run --name c-run --hostname c-run-host \
        --log-driver json-file --log-opt max-size=1m --log-opt max-file=2 \
        --label org.example.container=run -e RUN_VAR=hello-from-run \
        --network none -p 8080:80 --restart no \
        -v namedvol:/data -v "$BIND:/mnt/bind" \
        example/app:1 /bin/tool \
        out "c-run: starting" \
        err "c-run: stderr line 1" \
        cat /data/seed.txt \
        cat /mnt/bind/host-file.txt \
        write /srv/app/new-file.txt "created by c-run" \
        append /etc/config/a.conf "appended by c-run" \
        rm /usr/share/doc/readme \
        rm /opt/replace-me/newsub \
        mkdir /var/newdir/deeper \
        write /var/newdir/deeper/deep.txt "new nested file from c-run" \
        symlink /srv/app/new-file.txt /srv/app/new-link \
        write /data/new-in-vol.txt "written into namedvol by c-run" \
        write /anon/anon-file.txt "written into the anonymous volume by c-run" \
        write /mnt/bind/from-container.txt "written through the bind mount by c-run" \
        out "c-run: stdout line 2" \
        err "c-run: stderr line 2" \
        out "c-run: done" \
        err "c-run: exiting with code 3" \
        exit 3 >"$W/run-attached.stdout" 2>"$W/run-attached.stderr" || rc=$?
    [ "$rc" = 3 ] || { cat "$W/run-attached.stderr" >&2; die "c-run exited $rc, expected 3"; }

    # --- c-created: created, never started ---------------------------------------------
    log "[$driver] docker create c-created"
    dk create --name c-created --restart on-failure:5 \
        --label org.example.container=created -e CREATED_VAR=never-started \
        --network none -v namedvol:/data:ro \
        example/multi:2 out "c-created never runs" >/dev/null

    # --- c-cp: created, never started, files added with docker cp ---------------------------
    log "[$driver] docker create c-cp + docker cp"
    dk create --name c-cp --network none --label org.example.container=cp example/base:1 >/dev/null
    mkdir -p "$W/cp-src/cpdir"
    printf 'copied into c-cp with docker cp\n' >"$W/cp-src/copied.txt"
    printf 'directory copied into c-cp with docker cp\n' >"$W/cp-src/cpdir/inner.txt"
    dk cp "$W/cp-src/copied.txt" c-cp:/etc/copied.txt
    dk cp "$W/cp-src/cpdir" c-cp:/opt/cpdir

    # --- commit ----------------------------------------------------------------------------
    log "[$driver] docker commit c-run example/committed:1"
    dk commit -m "commit of c-run" -c 'LABEL org.example.committed="yes"' c-run example/committed:1 >/dev/null

    # --- reference outputs ---------------------------------------------------------------
    log "[$driver] recording reference outputs"
    local id name ref
    dk version --format '{{json .}}' >"$REF/version.json"
    dk info --format '{{json .}}' >"$REF/info.json"
    dk images --digests --no-trunc -a --format '{{json .}}' >"$REF/images-list.jsonl"
    dk ps -a --no-trunc --format '{{json .}}' >"$REF/ps-a.jsonl"

    mapfile -t IMAGE_IDS < <(dk images -a -q --no-trunc | sort -u)
    dk image inspect "${IMAGE_IDS[@]}" >"$REF/images.json"
    for id in "${IMAGE_IDS[@]}"; do
        dk image inspect "$id" >"$REF/image-${id#sha256:}.json"
    done

    mapfile -t CONTAINERS < <(dk ps -a --format '{{.Names}}' | sort)
    dk container inspect "${CONTAINERS[@]}" >"$REF/containers.json"
    for name in "${CONTAINERS[@]}"; do
        dk container inspect "$name" >"$REF/container-$name.json"
        dk diff "$name" >"$REF/diff-$name.txt"
    done

    mapfile -t TAGS < <(dk images --format '{{.Repository}}:{{.Tag}}' | grep -v '<none>' | sort)
    for ref in "${TAGS[@]}"; do
        dk history --no-trunc --format '{{json .}}' "$ref" >"$REF/history-$(fname "$ref").jsonl"
    done

    dk logs c-run >"$REF/logs-c-run.stdout.txt" 2>"$REF/logs-c-run.stderr.txt"
    dk logs --timestamps c-run >"$REF/logs-c-run-timestamps.stdout.txt" 2>"$REF/logs-c-run-timestamps.stderr.txt"

    dk volume ls --format '{{json .}}' >"$REF/volume-ls.jsonl"
    mapfile -t VOLUMES < <(dk volume ls -q | sort)
    dk volume inspect "${VOLUMES[@]}" >"$REF/volumes.json"
    dk system df -v --format '{{json .}}' >"$REF/system-df.json"

    # saves: one archive per image (with all its tags), one with everything, one by id
    dk save -o "$REF/save-example_base_1.tar" example/base:1
    dk save -o "$REF/save-example_app_1+latest.tar" example/app:1 example/app:latest
    dk save -o "$REF/save-example_multi_2.tar" example/multi:2
    dk save -o "$REF/save-example_committed_1.tar" example/committed:1
    dk save -o "$REF/save-all.tar" example/base:1 example/app:1 example/app:latest example/multi:2 example/committed:1
    local BUILDER_ID
    BUILDER_ID=$(dk images -a -q --no-trunc --filter label=org.example.stage=builder | sort -u)
    [ "$(printf '%s\n' "$BUILDER_ID" | wc -l)" = 1 ] || die "expected one builder-stage image"
    dk save -o "$REF/save-by-id-builder-stage.tar" "$BUILDER_ID"

    dk export -o "$REF/export-c-run.tar" c-run
    dk export -o "$REF/export-c-cp.tar" c-cp

    # a few facts the README generator needs
    {
        echo "DRIVER=$driver"
        echo "DATA_ROOT=$D"
        echo "EXEC_ROOT=$W/exec"
        echo "DOCKER_SOCK=$SOCK"
        echo "GENERATED_AT=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
        echo "V_DOCKERD='$(dockerd --version)'"
        echo "V_CONTAINERD='$(containerd --version)'"
        echo "V_RUNC='$(runc --version | head -n1)'"
        echo "V_CLI='$(docker --version)'"
        echo "V_KERNEL='$(uname -srm)'"
        echo "V_GCC='$(gcc --version | head -n1)'"
        echo "V_TAR='$(tar --version | head -n1)'"
        echo "EPOCH=$EPOCH"
        echo "BIND_SRC=$BIND"
        echo "BUILDER_ID=$BUILDER_ID"
        echo "BASE_TAR_SHA=sha256:$BASE_TAR_SHA"
        echo "BASE_TAR_SIZE=$(stat -c %s "$BASE_TAR")"
        echo "TOOL_SHA=sha256:$(sha256sum "$WORK/tool" | cut -d' ' -f1)"
        echo "TOOL_SIZE=$(stat -c %s "$WORK/tool")"
    } >"$W/facts.env"
    # the bind-mount source lives outside the data root; keep a copy of it after the run
    cp -a "$BIND" "$REF/bind-src"
    cp "$W/run-attached.stdout" "$REF/run-attached.stdout.txt"
    cp "$W/run-attached.stderr" "$REF/run-attached.stderr.txt"
    for f in build-app build-multi; do
        # the classic builder's own progress output (ids of intermediate images/containers)
        cp "$W/$f.log" "$REF/$f.log"
    done

    # --- stop, unmount, pack ---------------------------------------------------------------
    log "[$driver] stopping dockerd and containerd"
    stop_daemons
    unmount_below "$D"
    if awk -v p="$D" 'index($5, p) == 1' /proc/self/mountinfo | grep -q .; then
        die "mounts remain below $D"
    fi

    # container -> RW layer ids, read from the stopped data root
    {
        printf '# container-id\tname\tmount-id (RW layer dir)\tinit-id\tparent (image top chain ID)\n'
        local m
        for m in "$D/image/$driver/layerdb/mounts"/*; do
            printf '%s\t%s\t%s\t%s\t%s\n' "$(basename "$m")" \
                "$(jq -r .Name "$D/containers/$(basename "$m")/config.v2.json")" \
                "$(cat "$m/mount-id")" "$(cat "$m/init-id")" "$(cat "$m/parent" 2>/dev/null || echo -)"
        done
    } >"$REF/layerdb-mounts.tsv"

    log "[$driver] listing + xattrs of the data root"
    (cd "$D" && find . -printf '%p\t%y %#m %U:%G nlink=%n size=%s -> %l\n' | LC_ALL=C sort) \
        >"$REF/root-listing.txt"
    (cd "$D" && find . \( -type c -o -type b \) -print0 | LC_ALL=C sort -z |
        xargs -0 -r stat -c '%n	%F major=%t minor=%T (hex) mode=%a owner=%u:%g') >"$REF/devices.txt"
    (cd "$D" && find . -print0 | LC_ALL=C sort -z |
        xargs -0 getfattr -h -d -m - --absolute-names 2>/dev/null || true) >"$REF/xattrs.txt"

    log "[$driver] packing root.tar.gz"
    tar --xattrs --xattrs-include='*' --acls --numeric-owner --sort=name \
        -cpzf "$OUT/root.tar.gz" -C "$D" .

    verify_root "$driver" "$W" "$OUT"
    write_readme "$driver" "$W" "$OUT"
}

# extract root.tar.gz again and check what must have survived; rebuild every layer
# from tar-split + driver dir and compare with its DiffID
verify_root() {
    local driver=$1 W=$2 OUT=$3
    local V=$W/verify R=$OUT/reference
    log "[$driver] verifying root.tar.gz"
    mkdir -p "$V"
    tar --xattrs --xattrs-include='*' --acls --numeric-owner -xpzf "$OUT/root.tar.gz" -C "$V"
    (cd "$V" && find . -printf '%p\t%y %#m %U:%G nlink=%n size=%s -> %l\n' | LC_ALL=C sort) >"$W/verify-listing.txt"
    # GNU tar does not archive hard-linked device nodes as hard links. The kernel's overlayfs
    # shares one whiteout inode between all whiteouts it creates in a container's upper dir
    # (nlink > 1); after extraction each is a separate node. Ignore nlink for char devices.
    local norm='s/^\(.*\tc [0-7]* [0-9]*:[0-9]*\) nlink=[0-9]* /\1 nlink=* /'
    diff -u <(sed "$norm" "$R/root-listing.txt") <(sed "$norm" "$W/verify-listing.txt") >&2 ||
        die "listing differs after extraction"
    (cd "$V" && find . -print0 | LC_ALL=C sort -z |
        xargs -0 getfattr -h -d -m - --absolute-names 2>/dev/null || true) >"$W/verify-xattrs.txt"
    diff -u "$R/xattrs.txt" "$W/verify-xattrs.txt" >&2 || die "xattrs differ after extraction"
    if [ "$driver" = overlay2 ]; then
        find "$V/overlay2" -type c | grep -q . || die "no whiteout char devices in overlay2/"
        grep -q '^trusted.overlay.opaque="y"' "$W/verify-xattrs.txt" || die "no opaque xattr in overlay2/"
    fi

    # what an unprivileged extraction gives (tests may run as non-root)
    if command -v setpriv >/dev/null; then
        local N=$W/nonroot nrc=0
        mkdir -p "$N"
        chown 65534:65534 "$N"
        setpriv --reuid=65534 --regid=65534 --clear-groups \
            tar --xattrs --xattrs-include='*' --numeric-owner -xpzf "$OUT/root.tar.gz" -C "$N" \
            2>"$W/nonroot.err" || nrc=$?
        {
            echo "# tar --xattrs --xattrs-include='*' --numeric-owner -xpzf root.tar.gz -C <empty dir owned by 65534>"
            echo "# run as uid/gid 65534 (setpriv --reuid=65534 --regid=65534 --clear-groups), kernel $(uname -r), $(tar --version | head -n1)"
            echo "exit_status=$nrc"
            echo "char_devices_in_root=$(awk -F'\t' '$2 ~ /^c /' "$R/root-listing.txt" | wc -l)"
            echo "char_devices_created=$(find "$N" -type c | wc -l)"
            echo "block_devices_in_root=$(awk -F'\t' '$2 ~ /^b /' "$R/root-listing.txt" | wc -l)"
            echo "block_devices_created=$(find "$N" -type b | wc -l)"
            echo "files_with_xattrs_in_root=$(grep -c '^# file:' "$R/xattrs.txt" || true)"
            echo "xattr_warnings=$(grep -c 'setxattrat: Cannot set' "$W/nonroot.err" || true)"
            echo "# tar's other messages:"
            grep -v 'setxattrat: Cannot set' "$W/nonroot.err" || true
        } >"$R/nonroot-extract.txt"
        rm -rf --one-file-system "$N"
    fi

    local layerdb=$V/image/$driver/layerdb/sha256 chain cache diffid got dir ok=0 bad=0
    {
        printf '# chainID\tdiffID\tcache-id\tsize\tparent\ttar-split-reassembly\n'
        for chain in $(ls "$layerdb"); do
            cache=$(cat "$layerdb/$chain/cache-id")
            diffid=$(cat "$layerdb/$chain/diff")
            if [ "$driver" = overlay2 ]; then dir=$V/overlay2/$cache/diff; else dir=$V/vfs/dir/$cache; fi
            got=sha256:$(tar-split asm --input "$layerdb/$chain/tar-split.json.gz" --path "$dir" 2>/dev/null | sha256sum | cut -d' ' -f1)
            if [ "$got" = "$diffid" ]; then
                res=ok
                ok=$((ok + 1))
            else
                res="MISMATCH($got)"
                bad=$((bad + 1))
            fi
            printf 'sha256:%s\t%s\t%s\t%s\t%s\t%s\n' "$chain" "$diffid" "$cache" \
                "$(cat "$layerdb/$chain/size")" "$(cat "$layerdb/$chain/parent" 2>/dev/null || echo -)" "$res"
        done
    } >"$R/layers.tsv"
    log "[$driver] tar-split reassembly: $ok ok, $bad mismatching"
    [ "$bad" = 0 ] || die "tar-split reassembly mismatch, see $R/layers.tsv"
    rm -rf --one-file-system "$V"
}

write_readme() {
    "$HERE/dockerd-src/write-readme.sh" "$@"
}

for driver in "${DRIVERS[@]}"; do
    case $driver in vfs | overlay2) ;; *) die "unsupported driver $driver" ;; esac
    make_root "$driver"
done
"$HERE/dockerd-src/write-summary.sh" "$HERE"
log "done"
