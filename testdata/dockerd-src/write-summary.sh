#!/usr/bin/env bash
# write-summary.sh TESTDATA_DIR - called by ../make-dockerd-roots.sh at the end; writes
# TESTDATA_DIR/dockerd-roots.md, a summary of dockerd-vfs/ and dockerd-overlay2/.
set -euo pipefail

T=$1
V=$T/dockerd-vfs
O=$T/dockerd-overlay2
if [ ! -f "$V/README.md" ] || [ ! -f "$O/README.md" ]; then
    echo "write-summary: need both dockerd-vfs/ and dockerd-overlay2/, skipping" >&2
    exit 0
fi

row() { # label cmd-producing-value-for-dir
    local label=$1 fn=$2
    printf '| %s | %s | %s |\n' "$label" "$($fn "$V" vfs)" "$($fn "$O" overlay2)"
}
f_tgz() { stat -c %s "$1/root.tar.gz"; }
f_dir() { du -sb "$1" | cut -f1; }
f_img() { jq length "$1/reference/images.json"; }
f_tagged() { jq '[.[] | select((.RepoTags | length) > 0)] | length' "$1/reference/images.json"; }
f_lay() { echo $(($(wc -l <"$1/reference/layers.tsv") - 1)); }
f_ok() { echo "$(grep -c $'\tok$' "$1/reference/layers.tsv") of $(f_lay "$1")"; }
f_ctr() { jq -r 'map(.Name[1:] + " (" + .State.Status + ")") | join(", ")' "$1/reference/containers.json"; }
f_vol() { jq length "$1/reference/volumes.json"; }
f_chr() { awk -F'\t' '$2 ~ /^c /' "$1/reference/root-listing.txt" | wc -l; }
f_xat() { grep -c '^# file:' "$1/reference/xattrs.txt" || true; }
f_ent() { wc -l <"$1/reference/root-listing.txt"; }
f_base() { awk -F'\t' '$5 == "-" { print "`" substr($2, 8, 12) "…`" }' "$1/reference/layers.tsv"; }
f_root() { jq -r '.DockerRootDir' "$1/reference/info.json"; }

common_diffids=$(comm -12 <(cut -f2 "$V/reference/layers.tsv" | grep '^sha256' | sort) \
    <(cut -f2 "$O/reference/layers.tsv" | grep '^sha256' | sort) | wc -l)
same_diff=$(if cmp -s "$V/reference/diff-c-run.txt" "$O/reference/diff-c-run.txt"; then echo identical
elif cmp -s <(sort "$V/reference/diff-c-run.txt") <(sort "$O/reference/diff-c-run.txt"); then echo "the same lines in a different order (docker does not sort it)"
else echo different; fi)
ovl_xattrs=$(grep -v '^#' "$O/reference/xattrs.txt" | grep = | cut -d= -f1 | sort -u | grep -v '^trusted.overlay.opaque$' | sed 's/.*/`&`/' | paste -sd, - | sed 's/,/, /g')
same_logs=$(cmp -s "$V/reference/logs-c-run.stdout.txt" "$O/reference/logs-c-run.stdout.txt" &&
    cmp -s "$V/reference/logs-c-run.stderr.txt" "$O/reference/logs-c-run.stderr.txt" && echo identical || echo different)

{
cat <<'EOF'
# Real dockerd data roots: `dockerd-vfs/` and `dockerd-overlay2/`

Two Docker storage roots (`/var/lib/docker` trees) written by a real Docker daemon (Debian `docker.io`
20.10.24 with containerd 1.6.20 and runc 1.1.5), one per storage driver, each packed as `root.tar.gz`
together with the same daemon's own answers about it (`reference/`). Both were made by the same run of
`testdata/make-dockerd-roots.sh`, with the same scenario, on fresh empty data roots.

Regenerate everything (as root, no network needed, about half a minute):

    sudo testdata/make-dockerd-roots.sh              # or DRIVERS=vfs / DRIVERS=overlay2

Ids (images, layers, containers, volumes) and timestamps change with every run; the base rootfs tar
and the tool binary are byte-for-byte reproducible with the same gcc and GNU tar.

## Files

* `make-dockerd-roots.sh` – the generator (starts a private containerd + dockerd per driver, builds
  the scenario, records the reference outputs, stops both daemons by PID, packs and re-verifies the root).
* `dockerd-src/tool.c` – the only executable in the images (a few KB, static, no libc): write/append/rm/
  mkdir/link/symlink/chmod/cat/print to stdout or stderr/exit N, so RUN steps and `docker run` need no shell.
* `dockerd-src/Dockerfile.app`, `dockerd-src/Dockerfile.multi`, `dockerd-src/context/` – build inputs.
* `dockerd-src/write-readme.sh`, `dockerd-src/write-summary.sh` – write the READMEs from the recorded outputs.
* `dockerd-<driver>/root.tar.gz` – the data root; `dockerd-<driver>/reference/` – daemon outputs,
  `docker save`/`docker export` archives, listings; `dockerd-<driver>/README.md` – ids, exact commands,
  what every file is, and what was observed on disk.

## Scenario (identical for both drivers)

* `example/base:1` – `docker import` of a tar the script builds itself (GNU format, fixed mtime, a
  >100-byte path, a hard link, a relative dir symlink, names with spaces and UTF-8, a uid 1000 file,
  an empty dir) containing `/bin/tool`.
* `example/app:1` = `example/app:latest` – classic builder (`DOCKER_BUILDKIT=0`, `--network=none`):
  metadata-only steps (LABEL, ENV, VOLUME, EXPOSE, CMD → `empty_layer`), WORKDIR, a step that deletes a
  file, a step that deletes and recreates a directory (opaque directory), COPY of a context directory,
  a step adding hard links (to a new file and to a lower-layer file) and symlinks (relative, absolute
  to a non-existent `/etc/shadow`, and one climbing out of the root). All intermediate images are kept (untagged, with `Parent`).
* `example/multi:2` – two-stage build on top of `example/app:1` (COPY --from, ENTRYPOINT, chmod);
  the first stage's result stays behind untagged (saved by id in `reference/save-by-id-builder-stage.tar`).
* `example/committed:1` – `docker commit` of `c-run`.
* Containers: `c-run` (ran for real, exit code 3, json-file log with stdout and stderr lines, named
  volume `namedvol` on `/data` pre-populated from the image, anonymous volume on `/anon`, bind mount on
  `/mnt/bind`, label, env, `-p 8080:80` recorded but not published, `--restart no`; it changed, added and
  deleted files in its RW layer); `c-created` (created only, `--restart on-failure:5`, read-only
  named volume, anonymous volume); `c-cp` (created only, files added with `docker cp`).

## At a glance

| | `dockerd-vfs/` | `dockerd-overlay2/` |
|---|---|---|
EOF
row 'original data root' f_root
row '`root.tar.gz` bytes' f_tgz
row 'directory bytes (all files)' f_dir
row 'entries in the root' f_ent
row 'images (incl. untagged)' f_img
row 'tagged images' f_tagged
row 'layers in `layerdb/sha256`' f_lay
row 'layers re-assembled byte-exactly by `tar-split asm`' f_ok
row 'base layer DiffID' f_base
row 'containers' f_ctr
row 'volumes' f_vol
row 'char devices (whiteouts) on disk' f_chr
row 'files with xattrs' f_xat
cat <<EOF

DiffIDs shared by the two roots: $common_diffids (the imported base layer). \`docker diff c-run\` output of the two
daemons: $same_diff. \`docker logs c-run\` output: $same_logs.

## What differs between the drivers (details in each README, "Observed on disk")

* **Layer storage**: \`overlay2/<cache-id>/diff/\` holds only the layer's own changes (+ \`link\`, \`lower\`,
  \`work/\`, \`committed\`, symlinks in \`overlay2/l/\`); \`vfs/dir/<cache-id>/\` is a full copy of the root
  filesystem at that layer (image, container RW and \`-init\` layers alike).
* **Whiteouts on disk**: overlay2 stores deletions as char devices 0:0 (mode 0000) and the replaced
  directory as \`trusted.overlay.opaque="y"\`; vfs stores none (deleted paths are absent).
* **Layer tars differ for the same Dockerfile**, so every DiffID/chain ID/image ID above the base differs:
  vfs computes each layer by comparing trees ("naive diff"): whiteout entries get mode 0000, a replaced
  directory becomes one \`.wh.<name>\` per old child (after the new entries), and a hard link to a file of
  a lower layer becomes a separate regular file (the link is lost in the image). overlay2 uses the
  upper dir directly: \`.wh.\` entries get mode 0600, a replaced directory gets \`.wh..wh..opq\`, and the
  copied-up lower file is stored too, hard-linked with its new name.
* **Overlay bookkeeping xattrs**: the kernel wrote ${ovl_xattrs:-(none)} into
  upper dirs while they are mounted: container RW and \`-init\` layers, and also an image layer without
  children (no \`committed\` file), which \`docker save\` mounts read-write to re-assemble its tar. So even
  image layer dirs can carry them; they are never in any tar stream.
* **Shared whiteout inode**: whiteouts that the kernel creates in a container's upper dir share one
  inode (\`nlink=2\` in \`root-listing.txt\`); GNU tar archives them as separate device nodes.
* Both roots have block devices \`volumes/backingFsBlockDev\` (vfs also \`vfs/backingFsBlockDev\`).

## Using them in tests

Extract as root with GNU tar: \`tar --xattrs --xattrs-include='*' --numeric-owner -xpzf root.tar.gz -C <tmp>\`.
As non-root the block devices (\`backingFsBlockDev\`) cannot be created, \`trusted.*\` xattrs cannot be set
(the opaque marker is lost), owners become the current user, and whiteout char devices 0:0 can only be
created on Linux >= 5.8: tests must skip those parts (or read the tar stream itself). JSON files in the roots and in \`reference/\` contain absolute paths
under the original data root shown above.

## Limits of these fixtures

* No network: the daemons ran with \`--bridge=none --iptables=false\` and every container with
  \`--network none\`; \`-p 8080:80\` is only recorded in \`HostConfig.PortBindings\`. No image came from a
  registry, so \`image/<driver>/distribution/\` is empty and no image has a \`RepoDigests\` entry.
* containerd was started privately by the script (its root placed at \`<data-root>/containerd/daemon\`,
  where dockerd's own managed containerd would keep it) instead of by dockerd.
* Docker 20.10 only: no \`builtLocally\` metadata (v26+), no \`com.docker.volume.anonymous\` label (v23+),
  legacy \`docker save\` format (no \`oci-layout\`/\`index.json\`, v25+).
* Nothing was excluded from \`root.tar.gz\`.
EOF
} >"$T/dockerd-roots.md"
