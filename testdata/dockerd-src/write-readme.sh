#!/usr/bin/env bash
# write-readme.sh DRIVER WORKDIR OUTDIR - called by ../make-dockerd-roots.sh after a data
# root has been packed; writes OUTDIR/README.md from the recorded reference outputs.
set -euo pipefail

driver=$1 W=$2 OUT=$3
REF=$OUT/reference
# shellcheck disable=SC1091
. "$W/facts.env"

short() { printf '%s' "${1#sha256:}" | cut -c1-12; }
size_of() { stat -c %s "$1"; }

img_table() {
    jq -r '
      def esc: gsub("\\|"; "\\|");
      sort_by(.Created)[] |
      "| `\(.Id[7:19])` | \(if (.RepoTags | length) > 0 then (.RepoTags | map("`" + . + "`") | join(" ")) else "(untagged)" end) | \(if .Parent == "" then "-" else "`" + .Parent[7:19] + "`" end) | \(.RootFS.Layers | length) | \(.Created) | \((.ContainerConfig.Cmd // ["(docker import: " + .Comment + ")"]) | join(" ") | .[0:110] | esc) |"
    ' "$REF/images.json"
}

ctr_table() {
    jq -r '
      sort_by(.Name)[] |
      "| `\(.Name[1:])` | `\(.Id)` | `\(.Config.Image)` (`\(.Image[7:19])`) | \(.State.Status), exit \(.State.ExitCode) | \(.HostConfig.RestartPolicy.Name)\(if .HostConfig.RestartPolicy.MaximumRetryCount > 0 then ":" + (.HostConfig.RestartPolicy.MaximumRetryCount | tostring) else "" end) | \(if (.Mounts | length) == 0 then "-" else (.Mounts | map(.Type + " " + (if .Type == "volume" then (if (.Name | length) == 64 then "anon:" + .Name[0:12] else .Name end) else .Source end) + " → " + .Destination + (if .RW then "" else " (ro)" end)) | join("<br>")) end) |"
    ' "$REF/containers.json"
}

vol_table() {
    local name users files
    while read -r name; do
        users=$(jq -r --arg n "$name" '[.[] | select(any(.Mounts[]; .Type == "volume" and .Name == $n)) | .Name[1:] + ":" + (.Mounts[] | select(.Name == $n) | .Destination)] | join(", ")' "$REF/containers.json")
        files=$(cut -f1 "$REF/root-listing.txt" | { grep -F "./volumes/$name/_data/" || true; } | sed "s|^\./volumes/$name/_data/||" | tr '\n' ' ' | sed 's/ $//')
        printf '| `%s` | %s | %s | %s |\n' "$name" \
            "$(jq -r --arg n "$name" '.[] | select(.Name == $n) | (.Labels // {}) | to_entries | map(.key + "=" + .value) | join(", ") | if . == "" then "-" else . end' "$REF/volumes.json")" \
            "${users:--}" "${files:-(empty)}"
    done < <(jq -r '.[].Name' "$REF/volumes.json")
}

file_sizes() {
    (cd "$OUT" && find . -type f ! -path ./README.md -printf '%P\t%s\n' | LC_ALL=C sort) |
        awk -F'\t' '{ printf "| `%s` | %d |\n", $1, $2 }'
}

# role of a driver dir name (cache-id or cache-id-init) from layers.tsv / layerdb-mounts.tsv
role_of() {
    local id=$1 base=${1%-init} r
    r=$(awk -F'\t' -v id="$base" '$3 == id { print "image layer " substr($1, 8, 12) }' "$REF/layers.tsv")
    [ -n "$r" ] || r=$(awk -F'\t' -v id="$base" '$3 == id { n = $2; sub("^/", "", n); print "RW layer of " n }' "$REF/layerdb-mounts.tsv")
    [ "$id" != "$base" ] && r="init layer of ${r#RW layer of }"
    printf '%s' "${r:-unknown}"
}

# 12-char form of a driver dir name, keeping an "-init" suffix
dshort() { case $1 in *-init) printf '%s' "${1:0:12}…-init" ;; *) printf '%s' "${1:0:12}…" ;; esac; }

# a value from reference/nonroot-extract.txt
nr() { sed -n "s/^$1=//p" "$REF/nonroot-extract.txt" 2>/dev/null | grep . || echo '?'; }

listing_count() { cut -f1 "$REF/root-listing.txt" | { grep -cE "$1" || true; }; }

# whiteout entries in the layer tars of reference/save-all.tar, as GNU tar lists them
save_whiteouts() {
    local T l
    T=$(mktemp -d)
    tar -xf "$REF/save-all.tar" -C "$T"
    echo "* Whiteout entries in the layer tars that \`docker save\` wrote (\`reference/save-all.tar\`, \`tar -tvf\`):"
    for l in $(jq -r '[.[].Layers[]] | unique[]' "$T/manifest.json"); do
        tar -tvf "$T/$l" | { grep -E '(^|/)\.wh\.' || true; } | awk -v l="${l%%/*}" '{ printf "  * `%s %s %s` (layer dir `%s…` of the save)\n", $1, $2, $6, substr(l, 1, 12) }'
    done
    rm -rf "$T"
}

observations() {
    local L=$REF/root-listing.txt c n files sl sh
    echo "Computed from \`reference/root-listing.txt\`, \`xattrs.txt\` and \`layers.tsv\` of this run."
    echo
    echo "* \`image/$driver/imagedb/metadata/sha256/*/\`: $(listing_count "/imagedb/metadata/sha256/[0-9a-f]+/parent$") \`parent\` files," \
        "$(listing_count "/imagedb/metadata/sha256/[0-9a-f]+/lastUpdated$") \`lastUpdated\` files, $(listing_count "/builtLocally$") \`builtLocally\` files." \
        "\`image/$driver/distribution/\` has $(listing_count "^\./image/$driver/distribution/.") entries."
    echo "* \`volumes/metadata.db\` present: $([ "$(listing_count '^\./volumes/metadata\.db$')" = 1 ] && echo yes || echo no)."
    while IFS=$'\t' read -r c n _; do
        [[ $c == \#* ]] && continue
        files=$(cut -f1 "$L" | { grep -E "^\./containers/$c/[^/]+$" || true; } | sed "s|^\./containers/$c/||; s|^$c|<id>|" | tr '\n' ' ' | sed 's/ $//')
        echo "* \`containers/<id>/\` of \`${n#/}\`: $files"
    done <"$REF/layerdb-mounts.tsv"
    sl=$(grep -P '^\./volumes/namedvol/_data/seed\.txt\t' "$L" | grep -o 'nlink=[0-9]*')
    sh=$(grep -P '^\./volumes/namedvol/_data/seed-hard\.txt\t' "$L" | grep -o 'nlink=[0-9]*')
    echo "* Hard link to a lower-layer file (\`link /data/seed.txt /data/seed-hard.txt\` in a RUN step): in \`namedvol\`"
    echo "  (pre-populated by copying the image's \`/data\`) \`seed.txt\` has $sl and \`seed-hard.txt\` $sh."
    if [ "$driver" = vfs ]; then
        echo "  With vfs the layer tar of that step is computed by comparing trees: it contains only \`seed-hard.txt\`, as a"
        echo "  regular file (\`seed.txt\` itself did not change), so the two names are separate files in the image."
        echo "* Whiteouts on disk: $(awk -F'\t' '$2 ~ /^c /' "$L" | wc -l) character devices anywhere. Each \`vfs/dir/<id>/\` is a complete root"
        echo "  filesystem (image layers, container RW layers and \`-init\` layers alike: $(listing_count '^\./vfs/dir/[^/]+$') dirs for"
        echo "  $(($(wc -l <"$REF/layers.tsv") - 1)) image layers + $(($(wc -l <"$REF/layerdb-mounts.tsv") - 1)) containers × 2). Deleted paths are simply absent."
        echo "* Extended attributes anywhere in the root: $(grep -c '^# file:' "$REF/xattrs.txt" || true) files have any."
    else
        echo "  With overlay2 the kernel copied \`seed.txt\` up before linking, so that layer holds both names as one hard-linked file."
        echo "* Driver dirs: $(listing_count '^\./overlay2/[0-9a-f]+(-init)?$') under \`overlay2/\`, $(listing_count '^\./overlay2/l/[A-Z2-7]+$') symlinks in \`overlay2/l/\`," \
            "$(listing_count '^\./overlay2/[^/]+/lower$') \`lower\` files, $(listing_count '^\./overlay2/[^/]+/work$') \`work/\` dirs," \
            "$(listing_count '^\./overlay2/[^/]+/committed$') \`committed\` files, $(listing_count '^\./overlay2/[^/]+/merged$') \`merged/\` dirs left after the daemon stopped."
        echo "* Whiteouts (char device 0:0) under \`overlay2/\`:"
        awk -F'\t' '$2 ~ /^c / { print $1 "\t" $2 }' "$L" | while IFS=$'\t' read -r p attrs; do
            local id=${p#./overlay2/}
            id=${id%%/*}
            echo "  * \`${p#./overlay2/$id/}\` in \`$(dshort "$id")\` ($(role_of "$id")): \`${attrs% -> }\`"
        done
        echo "* Extended attributes (name: count, in which driver dirs):"
        awk '/^# file: / { f = substr($0, 9); next } /=/ { split($0, a, "="); print a[1] "\t" f }' "$REF/xattrs.txt" |
            awk -F'\t' '{ n[$1]++; split($2, p, "/"); d = p[3]; if (!(($1 SUBSEP d) in seen)) { seen[$1 SUBSEP d] = 1; dirs[$1] = dirs[$1] " " d } } END { for (k in n) print k "\t" n[k] "\t" dirs[k] }' |
            LC_ALL=C sort | while IFS=$'\t' read -r name cnt dirs; do
                local where="" d
                for d in $dirs; do where+="${where:+, }\`$(dshort "$d")\` ($(role_of "$d"))"; done
                echo "  * \`$name\`: $cnt, in $where"
            done
        echo "  Only \`trusted.overlay.opaque\` comes from a layer tar (the \"replace a directory\" step, via \`.wh..wh..opq\`);"
        echo "  the others are written by the kernel's overlayfs into upper dirs while they are mounted (container RW and"
        echo "  \`-init\` layers, and an image layer without children: it has no \`committed\` file, so docker mounts it with its"
        echo "  \`diff/\` as upperdir to re-assemble its tar for \`docker save\`; in a separate check the layer made by"
        echo "  \`docker commit\` had no xattrs after the commit and had \`impure\`/\`origin\`/\`uuid\` right after the first \`docker save\`)."
        echo "  Docker does not put \`trusted.overlay.*\` into layer tars."
    fi
    save_whiteouts
}

tool_short=$(short "$TOOL_SHA")
n_images=$(jq length "$REF/images.json")
n_layers=$(($(wc -l <"$REF/layers.tsv") - 1))
D=$DATA_ROOT
builder_short=$(short "$BUILDER_ID")

{
cat <<EOF
# \`dockerd-$driver/\`: a real Docker 20.10 data root, \`$driver\` storage driver

Generated by \`testdata/make-dockerd-roots.sh\` on $GENERATED_AT. Do not edit the files here by
hand: rerun the script (as root), which regenerates this directory completely. Image, layer,
container and volume ids change with every run.

## How it was made

* Software: \`$V_DOCKERD\`, \`$V_CONTAINERD\`, \`$V_RUNC\`, kernel \`$V_KERNEL\`.
  The client was \`$V_CLI\` (API negotiated down to the daemon's 1.41); the tool was compiled with
  \`$V_GCC\`; archives were made with \`$V_TAR\`.
* A private containerd (root \`<data-root>/containerd/daemon\`, i.e. the place where dockerd's own
  managed containerd keeps its root; state and socket in a temp dir, CRI plugin disabled), then
  \`dockerd --storage-driver=$driver --iptables=false --bridge=none --data-root $D
  --exec-root $EXEC_ROOT --containerd <that socket> -H unix://$DOCKER_SOCK
  --config-file <empty {}>\` on a fresh, empty data root.
* **Original data-root path: \`$D\`.** Absolute paths inside the JSON files of the root and of
  \`reference/\` (\`LogPath\`, \`HostnamePath\`, volume \`Mountpoint\`, \`GraphDriver.Data\`, \`Docker Root Dir\`, ...)
  point there. The bind-mount source was \`$BIND_SRC\`.
* Base image: a tar built by the script from scratch (\`--format=gnu --sort=name --mtime=@$EPOCH
  --numeric-owner\`, entries named \`./...\`), $BASE_TAR_SIZE bytes, \`$BASE_TAR_SHA\`; \`docker import\` stored it
  byte-for-byte, so this is also the DiffID and chain ID of the base layer. Its only executable is
  \`/bin/tool\` ($TOOL_SIZE bytes, \`$TOOL_SHA\`), built from \`testdata/dockerd-src/tool.c\` (no libc,
  static, stripped). All RUN steps and the container run call it in exec form; there is no shell in any image.
* Images were built with the classic builder (\`DOCKER_BUILDKIT=0 docker build --network=none\`) from
  \`testdata/dockerd-src/Dockerfile.app\` and \`Dockerfile.multi\` with the context
  \`testdata/dockerd-src/context/\` (mtimes set to @$EPOCH). The builder's output is in
  \`reference/build-app.log\` and \`reference/build-multi.log\`.

## Contents

### Images ($n_images, $n_layers distinct layers)

Ids are shortened to 12 hex digits here; the full ids are the names of \`reference/image-<id>.json\`.
"Step" is \`ContainerConfig.Cmd\` from the inspect output (what the classic builder ran for that step).

| Id | Tags | Parent | Layers | Created | Step |
|----|------|--------|--------|---------|------|
EOF
img_table
cat <<EOF

* \`example/app:1\` and \`example/app:latest\` are the same image (two tags).
* The untagged images are the classic builder's intermediate images (they have \`Parent\`), among them
  one image per step that *deletes a file* (\`rm /etc/delete-me.txt\`), *replaces a directory*
  (\`rm /opt/replace-me\` + recreate in the same RUN), and adds *hard links and symlinks*
  (\`/data/linked-hard.txt\`, \`/data/seed-hard.txt\` → lower-layer file, \`/data/seed-symlink\` → \`seed.txt\`,
  \`/data/shadow-link\` → \`/etc/shadow\` (does not exist), \`/srv/app/escape-link\` →
  \`../../../../../../../etc/passwd\`). \`LABEL\`/\`ENV\`/\`VOLUME\`/\`EXPOSE\`/\`CMD\`/\`ENTRYPOINT\` steps are
  metadata-only (\`empty_layer\` in the history); \`WORKDIR /srv/app\` created a layer (the directory did not exist).
* \`$builder_short\` is the result of the first stage of the two-stage \`Dockerfile.multi\`
  (label \`org.example.stage=builder\`); nothing refers to it.
* \`example/committed:1\` is \`docker commit -m "commit of c-run" -c 'LABEL org.example.committed="yes"' c-run\`.

Every layer (\`layerdb/sha256/<chainID>\`) is listed in \`reference/layers.tsv\` with DiffID, cache-id,
\`size\`, parent chain ID, and the result of rebuilding the layer tar with
\`tar-split asm --input layerdb/sha256/<chainID>/tar-split.json.gz --path <layer dir>\` from the
*extracted* \`root.tar.gz\` and comparing its sha256 with \`diff\` (all must say \`ok\`; the script fails otherwise).
Layer dir = \`$( [ "$driver" = overlay2 ] && echo 'overlay2/<cache-id>/diff' || echo 'vfs/dir/<cache-id>' )\`.

### Containers

| Name | Id | Image | State | Restart | Mounts |
|------|----|-------|-------|---------|--------|
EOF
ctr_table
cat <<EOF

* \`c-run\`: \`docker run --name c-run --hostname c-run-host --log-driver json-file --log-opt max-size=1m
  --log-opt max-file=2 --label org.example.container=run -e RUN_VAR=hello-from-run --network none
  -p 8080:80 --restart no -v namedvol:/data -v $BIND_SRC:/mnt/bind example/app:1 /bin/tool ...\`.
  It ran for real (runc, cgroup v$(jq -r .CgroupVersion "$REF/info.json") with the \`$(jq -r .CgroupDriver "$REF/info.json")\` driver, \`--network none\`). The tool printed to stdout and stderr, wrote
  \`/srv/app/new-file.txt\`, appended to \`/etc/config/a.conf\`, deleted \`/usr/share/doc/readme\` (a file
  of the base layer that has a second hard link) and \`/opt/replace-me/newsub\` (a directory of an
  image layer), created \`/var/newdir/deeper/deep.txt\` and the symlink \`/srv/app/new-link\`, wrote into
  the named volume, the anonymous volume and the bind mount, and exited with code 3.
  \`-p 8080:80\` is stored in \`HostConfig.PortBindings\` but nothing was published: with
  \`--network none\` (the daemon runs with \`--bridge=none\`, no networking) docker accepts the flag and
  ignores it. \`/anon\` is the image's \`VOLUME\`, so docker made an anonymous volume.
* \`c-created\`: \`docker create --name c-created --restart on-failure:5 --label org.example.container=created
  -e CREATED_VAR=never-started --network none -v namedvol:/data:ro example/multi:2 out "c-created never runs"\`;
  never started. Its anonymous volume for the inherited \`VOLUME /anon\` was created at *create* time.
* \`c-cp\`: \`docker create --name c-cp --network none --label org.example.container=cp example/base:1\`,
  never started, then \`docker cp copied.txt c-cp:/etc/copied.txt\` and \`docker cp cpdir c-cp:/opt/cpdir\`,
  which wrote into its RW layer without running it.

Their RW layers: \`reference/layerdb-mounts.tsv\` (from \`image/$driver/layerdb/mounts/<id>/\`).

### Volumes

| Name | Labels | Mounted by | Files under \`_data/\` |
|------|--------|------------|--------------------|
EOF
vol_table
cat <<EOF

\`namedvol\` was created with \`docker volume create --label org.example.fixture=drydock namedvol\`; docker
pre-populated it from the image's \`/data\` when \`c-run\` mounted it first. The 64-hex names are anonymous volumes.
The bind-mount source is not part of the data root; its content after the run is in \`reference/bind-src/\`.

## \`root.tar.gz\`

\`tar --xattrs --xattrs-include='*' --acls --numeric-owner --sort=name -cpzf root.tar.gz -C <data-root> .\`
after both daemons were stopped (by PID) and nothing was mounted below the data root any more.
**Nothing is excluded**: \`buildkit/\`, \`containerd/daemon/\` (bolt metadata of the private containerd,
including the container records; its content store is empty), \`network/\`, \`plugins/\`, \`runtimes/\`,
\`swarm/\`, \`tmp/\`, \`trust/\` are all in it, they are tiny. Not in it: the exec-root (runtime state,
sockets), the bind-mount source, \`/etc/docker/key.json\`.

It holds device nodes: block devices \`volumes/backingFsBlockDev\`$( [ "$driver" = vfs ] && echo ' and `vfs/backingFsBlockDev`' ) (the
host disk's major:minor, see \`reference/devices.txt\`)$( [ "$driver" = overlay2 ] && echo ', and overlay whiteouts (char devices 0:0) in `overlay2/*/diff/`' ).
$( [ "$driver" = overlay2 ] && echo 'Overlay metadata is in `trusted.overlay.*` xattrs (`reference/xattrs.txt`).' )

### How a test materializes it

Extract with GNU tar **as root** into a fresh temp dir:

    mkdir -p /tmp/x && tar --xattrs --xattrs-include='*' --numeric-owner -xpzf root.tar.gz -C /tmp/x

* As non-root: the script tried it (uid 65534, same GNU tar), see \`reference/nonroot-extract.txt\`:
  tar exited with $(nr exit_status); $(nr block_devices_created) of $(nr block_devices_in_root) block devices (\`backingFsBlockDev\`) were
  created ("Cannot mknod: Operation not permitted")$( [ "$driver" = overlay2 ] && printf '%s' ", $(nr char_devices_created) of $(nr char_devices_in_root) whiteout char devices 0:0 (Linux >= 5.8
  lets unprivileged users create 0:0 whiteouts, older kernels do not), and none of the \`trusted.*\` xattrs
  of $(nr files_with_xattrs_in_root) files ($(nr xattr_warnings) warnings; the opaque marker is lost)" ); every file belongs to the extracting user.
  Tests must skip those parts when not root (or read the tar stream itself: its headers carry type,
  rdev, owner and the PAX \`SCHILY.xattr.*\` records); \`--exclude=./volumes/backingFsBlockDev$( [ "$driver" = vfs ] && printf '%s' " --exclude=./vfs/backingFsBlockDev" )\`
  avoids the mknod failures.
* The extracted tree can be compared with \`reference/root-listing.txt\`; the script did exactly this.$( [ "$driver" = overlay2 ] && printf '%s' "
  One difference is expected and ignored by the script: the kernel's overlayfs shares one inode between
  all whiteouts it creates in a container's upper dir (\`nlink=2\` in the listing); GNU tar stores such
  device nodes independently, so after extraction each has \`nlink=1\`." )
* Absolute paths in JSON refer to \`$D\`; tests must treat the data-root location as a variable.

## Observed on disk

EOF
observations
cat <<EOF

## Reference outputs (\`reference/\`)

\`docker\` below means \`docker -H unix://$DOCKER_SOCK\` (client and daemon as above), run while the daemon was up,
after all images and containers above existed. Outputs were written verbatim.

| File | Produced by |
|------|-------------|
| \`version.json\` | \`docker version --format '{{json .}}'\` |
| \`info.json\` | \`docker info --format '{{json .}}'\` |
| \`images-list.jsonl\` | \`docker images --digests --no-trunc -a --format '{{json .}}'\` |
| \`ps-a.jsonl\` | \`docker ps -a --no-trunc --format '{{json .}}'\` |
| \`images.json\` | \`docker image inspect <every id of docker images -a -q --no-trunc>\` |
| \`image-<id>.json\` | \`docker image inspect <id>\`, one per image |
| \`containers.json\` | \`docker container inspect c-cp c-created c-run\` |
| \`container-<name>.json\` | \`docker container inspect <name>\` |
| \`diff-<name>.txt\` | \`docker diff <name>\` (empty for c-created) |
| \`history-<repo>_<tag>.jsonl\` | \`docker history --no-trunc --format '{{json .}}' <repo>:<tag>\`, every tag |
| \`logs-c-run.stdout.txt\`, \`logs-c-run.stderr.txt\` | \`docker logs c-run > stdout 2> stderr\` |
| \`logs-c-run-timestamps.stdout.txt\`, \`…stderr.txt\` | \`docker logs --timestamps c-run > stdout 2> stderr\` |
| \`run-attached.stdout.txt\`, \`run-attached.stderr.txt\` | what the attached \`docker run\` of c-run printed |
| \`volume-ls.jsonl\` | \`docker volume ls --format '{{json .}}'\` |
| \`volumes.json\` | \`docker volume inspect <all volumes>\` |
| \`system-df.json\` | \`docker system df -v --format '{{json .}}'\` |
| \`save-example_base_1.tar\` | \`docker save -o … example/base:1\` |
| \`save-example_app_1+latest.tar\` | \`docker save -o … example/app:1 example/app:latest\` (one image, two RepoTags) |
| \`save-example_multi_2.tar\` | \`docker save -o … example/multi:2\` |
| \`save-example_committed_1.tar\` | \`docker save -o … example/committed:1\` |
| \`save-all.tar\` | \`docker save -o … example/base:1 example/app:1 example/app:latest example/multi:2 example/committed:1\` |
| \`save-by-id-builder-stage.tar\` | \`docker save -o … $BUILDER_ID\` (untagged: \`RepoTags\` null, no \`repositories\`) |
| \`export-c-run.tar\`, \`export-c-cp.tar\` | \`docker export -o … <name>\` |
| \`build-app.log\`, \`build-multi.log\` | output of the two \`docker build\` runs |
| \`bind-src/\` | copy of the bind-mount source dir after the run |
| \`layerdb-mounts.tsv\` | read from \`image/$driver/layerdb/mounts/*\` of the stopped root |
| \`layers.tsv\` | read from \`image/$driver/layerdb/sha256/*\` of the extracted root + \`tar-split asm\` check |
| \`root-listing.txt\` | \`cd <data-root> && find . -printf '%p\\t%y %#m %U:%G nlink=%n size=%s -> %l\\n' \| LC_ALL=C sort\` (stopped root) |
| \`nonroot-extract.txt\` | result of extracting \`root.tar.gz\` as uid 65534 (see above) |
| \`devices.txt\` | \`stat\` of every char/block device (major/minor in hex) |
| \`xattrs.txt\` | \`find . -print0 \| LC_ALL=C sort -z \| xargs -0 getfattr -h -d -m - --absolute-names\` (values in getfattr's default encoding: \`"text"\` or \`0s\`base64) |

\`CreatedSince\`, \`RunningFor\`, \`Status\` ("Exited (3) 5 seconds ago") and similar fields are relative to the
moment they were recorded. \`docker version\` shows the newer client that was used.

## Files

| File | Bytes |
|------|-------|
EOF
file_sizes
} >"$OUT/README.md"
