# Shared by make-dockerd-roots.sh and docker-load-check.sh (sourced, not run): start a private
# containerd + dockerd on a data root of our own and stop them again by PID. Callers define log, die,
# and dk (docker against $SOCK) and keep CTRD_PID, DOCKERD_PID and SOCK as globals.
# shellcheck shell=bash

stop_daemons() {
    if [ -n "$DOCKERD_PID" ]; then
        kill -TERM "$DOCKERD_PID" 2>/dev/null || true
        wait "$DOCKERD_PID" 2>/dev/null || true
        DOCKERD_PID=""
    fi
    if [ -n "$CTRD_PID" ]; then
        kill -TERM "$CTRD_PID" 2>/dev/null || true
        wait "$CTRD_PID" 2>/dev/null || true
        CTRD_PID=""
    fi
}

# unmount everything mounted at or below $1 (deepest first)
unmount_below() {
    local prefix=$1 m
    awk -v p="$prefix" '$5 == p || index($5, p "/") == 1 { print $5 }' /proc/self/mountinfo |
        sort -r | while read -r m; do
            umount "$m" 2>/dev/null || umount -l "$m"
        done
}

# start_daemons DRIVER WORKDIR: containerd and dockerd with everything under WORKDIR
start_daemons() {
    local driver=$1 W=$2 i
    mkdir -p "$W/ctrd-state" "$W/ctrd-opt" "$W/exec"
    cat >"$W/containerd.toml" <<EOF
version = 2
root = "$W/root/containerd/daemon"
state = "$W/ctrd-state"
disabled_plugins = ["io.containerd.grpc.v1.cri"]
[grpc]
  address = "$W/containerd.sock"
[ttrpc]
  address = "$W/containerd.sock.ttrpc"
[plugins."io.containerd.internal.v1.opt"]
  path = "$W/ctrd-opt"
EOF
    echo '{}' >"$W/daemon.json"
    containerd --config "$W/containerd.toml" >"$W/containerd.log" 2>&1 &
    CTRD_PID=$!
    for i in $(seq 1 100); do
        [ -S "$W/containerd.sock" ] && break
        kill -0 "$CTRD_PID" 2>/dev/null || die "containerd died; see $W/containerd.log"
        sleep 0.1
    done
    [ -S "$W/containerd.sock" ] || die "containerd did not come up"

    SOCK=$W/docker.sock
    dockerd --config-file "$W/daemon.json" --storage-driver="$driver" --iptables=false --bridge=none \
        --data-root "$W/root" --exec-root "$W/exec" --pidfile "$W/dockerd.pid" \
        -H "unix://$SOCK" --containerd "$W/containerd.sock" >"$W/dockerd.log" 2>&1 &
    DOCKERD_PID=$!
    for i in $(seq 1 300); do
        dk version >/dev/null 2>&1 && break
        kill -0 "$DOCKERD_PID" 2>/dev/null || die "dockerd died; see $W/dockerd.log"
        sleep 0.2
    done
    dk version >/dev/null || die "dockerd did not come up"
}
