#!/usr/bin/env bash
# docker-load-check.sh - load archives written by drydock into a real, EMPTY dockerd and compare
# what the daemon reports (docker image inspect: Id, RepoTags, RootFS.Layers) with what drydock
# reported when it wrote them (save/commit --json). Writes testdata/docker-load-check.md.
#
# Archives checked (all written by drydock from the fixture roots of this repository):
#   1. a modern save (Docker 1.10-24 layout):  --root testdata/dockerd-overlay2 save example/app:1 example/app:latest
#   2. an OCI save (Docker 25+ layout):         --root testdata/dockerd-vfs save --format oci example/multi:2
#   3. a commit of a container:                 --root testdata/dockerd-overlay2 commit c-run drydock/c-run:1
#   4. a legacy image, no tar-split (fallback): --root testdata/legacy-aufs-mediawiki save mysql:5.7.5
#
# Requirements: root, dockerd + containerd + runc, docker CLI, jq, java (and mvn when the drydock jar
# must be built). No network access is needed or used. CI does not run this script.
#
# Usage:  sudo testdata/docker-load-check.sh
#         DRIVER=vfs (default overlay2) picks the storage driver of the private daemon;
#         DRYDOCK=/path/to/drydock picks the launcher (default: the repository's ./drydock);
#         KEEP_WORK=1 keeps the work folder for inspection (daemons are stopped anyway).
#
# Side effects outside the work folder that dockerd/containerd cause and that this script cannot
# redirect: dockerd writes /etc/docker/key.json (removed again if /etc/docker did not exist before)
# and creates /run/docker/plugins; the runc shim creates /run/containerd/s/.

set -Eeuo pipefail
trap 'printf "ERROR: command failed (exit %s) at %s line %s: %s\n" "$?" "${BASH_SOURCE[0]}" "$LINENO" "$BASH_COMMAND" >&2' ERR

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(dirname "$HERE")
DRIVER=${DRIVER:-overlay2}
DRYDOCK=${DRYDOCK:-$REPO/drydock}
REPORT=$HERE/docker-load-check.md

log() { printf '==> %s\n' "$*" >&2; }
die() { printf 'ERROR: %s\n' "$*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || die "must run as root"
for t in dockerd containerd runc docker jq java; do
    command -v "$t" >/dev/null || die "missing tool: $t"
done
[ -x "$DRYDOCK" ] || die "no drydock launcher at $DRYDOCK"

WORK=$(mktemp -d /tmp/drydock-load-check.XXXXXX)
ETC_DOCKER_EXISTED=0
[ -e /etc/docker ] && ETC_DOCKER_EXISTED=1
CTRD_PID=""
DOCKERD_PID=""
SOCK=""

# --- daemon start/stop, shared with make-dockerd-roots.sh (private containerd, stop by PID) ---------------
. "$(dirname "${BASH_SOURCE[0]}")/dockerd-daemons.sh"

cleanup() {
    local rc=$?
    set +e
    stop_daemons
    if [ -d "$WORK" ]; then
        unmount_below "$WORK"
        if [ "${KEEP_WORK:-0}" != 1 ]; then
            rm -rf --one-file-system "$WORK"
        else
            log "work folder kept: $WORK"
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
export DOCKER_CONFIG=$WORK/cli-config # keep the CLI away from ~/.docker
mkdir -p "$DOCKER_CONFIG"

# --- 1. archives written by drydock ---------------------------------------------------------------------
A=$WORK/archives
mkdir -p "$A"
cd "$REPO"
drydock() { "$DRYDOCK" "$@"; }
log "writing archives with drydock ($DRYDOCK)"
drydock --root testdata/dockerd-overlay2 --json save example/app:1 example/app:latest -o "$A/app.tar" >"$A/app.json"
drydock --root testdata/dockerd-vfs --json save --format oci example/multi:2 -o "$A/multi-oci.tar" >"$A/multi-oci.json"
drydock --root testdata/dockerd-overlay2 --json commit -m "commit of c-run by drydock" c-run drydock/c-run:1 \
    -o "$A/c-run.tar" >"$A/c-run.json"
drydock --root testdata/legacy-aufs-mediawiki --json save mysql:5.7.5 -o "$A/mysql.tar" >"$A/mysql.json" 2>"$A/mysql.err"

# --- 2. a private daemon on an empty data root -------------------------------------------------------------
log "starting containerd + dockerd ($DRIVER) on an empty data root"
start_daemons "$DRIVER" "$WORK/daemon"
[ "$(dk images -aq | wc -l)" = 0 ] || die "the data root is not empty"
SERVER=$(dk version --format '{{.Server.Version}}')
CLIENT=$(dk version --format '{{.Client.Version}}')

# --- 3. load each archive and compare --------------------------------------------------------------------
ROWS=()
FAILED=0
check() { # check NAME COMMAND-DESCRIPTION
    local name=$1 what=$2 json=$A/$1.json load id want_tags want_layers got got_tags got_layers verdict
    log "docker load -i $name.tar"
    load=$(dk load -i "$A/$name.tar" 2>&1) || { ROWS+=("| \`$name.tar\` | $what | **load failed**: ${load//$'\n'/ } | | | | FAIL |"); FAILED=1; return; }
    while read -r id; do
        want_tags=$(jq -c --arg id "$id" '.items[] | select(.writtenImageId == $id) | .repoTags | sort' "$json")
        want_layers=$(jq -c --arg id "$id" '[.items[] | select(.writtenImageId == $id) | .layers[].writtenDiffId
            | "sha256:" + .]' "$json")
        if ! got=$(dk image inspect "sha256:$id" 2>&1); then
            ROWS+=("| \`$name.tar\` | $what | $(printf '%s' "$load" | tr '\n' ' ') | \`${id:0:12}\` not found | | | FAIL |")
            FAILED=1
            continue
        fi
        got_tags=$(jq -c '.[0].RepoTags | sort' <<<"$got")
        got_layers=$(jq -c '.[0].RootFS.Layers' <<<"$got")
        verdict=ok
        [ "$(jq -r '.[0].Id' <<<"$got")" = "sha256:$id" ] || verdict=FAIL
        [ "$got_tags" = "$want_tags" ] || verdict=FAIL
        [ "$got_layers" = "$want_layers" ] || verdict=FAIL
        [ "$verdict" = ok ] || FAILED=1
        ROWS+=("| \`$name.tar\` | $what | $(printf '%s' "$load" | tr '\n' ' ' | sed 's/ *$//') | \`sha256:$id\` = \`$(jq -r '.[0].Id' <<<"$got")\` | \`$got_tags\` (drydock: \`$want_tags\`) | $(jq 'length' <<<"$got_layers") diff ids, $([ "$got_layers" = "$want_layers" ] && echo "all equal to drydock's" || echo "**differ**: \`$got_layers\` vs \`$want_layers\`") | $verdict |")
    done < <(jq -r '.items[].writtenImageId' "$json")
}
check app "modern save (overlay2 fixture)"
check multi-oci "OCI save (vfs fixture)"
check c-run "commit of container c-run (overlay2 fixture)"
check mysql "legacy save, no tar-split (seed fixture)"
ALL_IMAGES=$(dk images --format '{{.Repository}}:{{.Tag}} {{.ID}}' | sort)

# --- 4. the report ---------------------------------------------------------------------------------------------
app_exact=$(jq -r '.exact' "$A/app.json")
mysql_orig=$(jq -r '.items[0].originalImageId' "$A/mysql.json")
{
    echo "# \`docker load\` of archives written by drydock"
    echo
    echo "Generated by \`testdata/docker-load-check.sh\` on $(date -u +%Y-%m-%dT%H:%M:%SZ). Do not edit by hand: rerun the"
    echo "script (as root). It writes four archives with drydock from the fixture roots of this repository, starts a"
    echo "private containerd and dockerd on an **empty** data root (storage driver \`$DRIVER\`, no network), runs"
    echo "\`docker load -i\` on each archive and compares \`docker image inspect\` (\`Id\`, \`RepoTags\`, \`RootFS.Layers\`)"
    echo "with what drydock reported when it wrote the archive (\`--json\`: \`writtenImageId\`, \`repoTags\`,"
    echo "\`layers[].writtenDiffId\`)."
    echo
    echo "* Daemon: Docker Engine \`$SERVER\` (\`$(dockerd --version)\`), client \`$CLIENT\`, \`$(containerd --version)\`,"
    echo "  kernel \`$(uname -sr)\`."
    echo "* drydock: \`$(drydock --version 2>/dev/null | head -n 1)\`."
    echo
    echo "| archive | what | \`docker load\` said | image id (drydock = docker) | RepoTags | RootFS.Layers | result |"
    echo "|---|---|---|---|---|---|---|"
    printf '%s\n' "${ROWS[@]}"
    echo
    echo "Notes:"
    echo
    echo "* \`app.tar\`: drydock rebuilt every layer byte for byte from tar-split (\`exact\`: $app_exact), so the image"
    echo "  keeps the id dockerd 20.10 gave it when it built the fixture."
    echo "* \`c-run.tar\`: the image drydock's commit made (its last layer is the container's read-write layer)."
    echo "* \`mysql.tar\`: the seed root (Docker 1.6.2, aufs) has no tar-split, so every layer is drydock's tar of the"
    echo "  layer folder; metadata-only layers are the empty tar (\`sha256:5f70bf18…\`). Original image id as drydock"
    echo "  reported it: \`$mysql_orig\` (a pre-1.8 image has no recorded diff ids, so the id a Docker 1.10 migration"
    echo "  would have given cannot be known). Its id differs from one checkout to the next: the layer tars hold"
    echo "  the files' modification times, and git sets those to the time of the checkout (two saves from one"
    echo "  checkout are byte-identical)."
    echo
    echo "Images in the daemon after the loads (\`docker images\`):"
    echo
    echo '```'
    echo "$ALL_IMAGES"
    echo '```'
    echo
    echo "Overall: $([ "$FAILED" = 0 ] && echo "**every archive loaded; ids, tags and diff ids equal drydock's report**" || echo "**FAILED** (see the rows above)")."
} >"$REPORT"
log "wrote $REPORT"
stop_daemons
[ "$FAILED" = 0 ] || die "a check failed; see $REPORT"
log "all checks passed"
