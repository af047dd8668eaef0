/**
 * The {@code drydock} command line, built only on the public API ({@link io.github.drydock.DockerRoot},
 * the {@code model} records and the shared {@code Json.MAPPER}). Entry point: {@link io.github.drydock.cli.Main};
 * {@link io.github.drydock.cli.Main#run(String[], java.io.PrintStream, java.io.PrintStream)} runs it in-process.
 * Rendering is kept in pure functions of model records ({@link io.github.drydock.cli.ImageViews},
 * {@link io.github.drydock.cli.ImageTree}, {@link io.github.drydock.cli.ContainerViews},
 * {@link io.github.drydock.cli.VolumeViews}, {@link io.github.drydock.cli.InfoView},
 * {@link io.github.drydock.cli.LogViews}, {@link io.github.drydock.cli.FileViews}); the {@code *Command} classes
 * only wire options to them. The file-system commands read the merged views {@code DockerRoot} hands out
 * ({@code union.UnionView}) and write with {@code archive}'s writers; a TARGET is resolved by
 * {@link io.github.drydock.cli.ViewTarget} (container first, then image; {@code volume:NAME} for a volume).
 *
 * <h2>Usage</h2>
 * <pre>
 * drydock [--root DIR] [--json] [--strict] COMMAND ...
 *   info                                  generation, drivers, counts, notes, problems
 *   images [-a|--all] [--tree] [--no-trunc]
 *   history [--no-trunc] IMAGE
 *   inspect CONTAINER|IMAGE               always JSON; container looked up first
 *   containers|ps [-a|--all] [--no-trunc] -a accepted and ignored: offline every container is listed
 *   volumes
 *   logs [-t|--timestamps] [--tail N|all] CONTAINER
 *   ls [-l] [-R] [--deleted] TARGET [PATH]    browse a merged file system (PATH default /)
 *   cp [--force] [-L|--follow-link] TARGET:PATH DEST
 *                                         copy out like docker cp; summary on stderr
 *   export [-o FILE|-] [--force] TARGET   flat tar like docker export (default -: stdout, never a terminal)
 *   diff CONTAINER                        A/C/D lines like docker diff, sorted by path
 *   volume export [-o FILE|-] [--force] NAME
 *                                         tar of a volume's data folder
 *   save [--format docker|oci] -o FILE|DIR/|- IMAGE...     docker save, layers rebuilt from tar-split
 *   commit [--format docker|oci] [-a AUTHOR] [-m MESSAGE] -o FILE|DIR/|- CONTAINER [REPO:TAG]
 *   verify [--no-trunc] [IMAGE...]        every image when none is given; exit 1 when anything fails
 * </pre>
 * TARGET is a container (id, prefix, name), else an image (id, prefix, repo:tag, repo@digest);
 * {@code volume:NAME} names a volume (name or unique prefix of a 64-hex name). In PATH, symlinks in the
 * middle are followed inside the view (never on the host); a symlink as last name is the link itself unless
 * PATH ends in {@code /} ({@code ls}) or {@code -L} is given ({@code cp}, as {@code docker cp}: the copy keeps the
 * link's name); {@code cp}'s {@code SRC/.} copies a folder's content. {@code cp} splits TARGET:PATH at the first
 * {@code :/}. Nothing existing is replaced or merged into without {@code --force}; a symlink on the host is never
 * written through. An export FILE is written to a hidden temporary file beside it and renamed when complete
 * (mode 0600: it may hold secrets). A progress line is drawn on stderr, redrawn every 0.5 s, only when stderr
 * is a terminal and {@code --json} is not given.
 *
 * <p>{@code save}, {@code commit} and {@code verify} are built on {@link io.github.drydock.Repack}. For them the
 * global {@code --strict} also means: never fall back to a re-made layer tar (nothing is written), and count
 * layers that cannot be verified (no tar-split) as failures. {@code -o -} writes the archive to standard output
 * (refused on a terminal); the human summary and warnings go to stderr, and so does the {@code --json}
 * document in that case.
 * The root is {@code --root}, else {@code $DRYDOCK_ROOT}, else {@code /var/lib/docker}; it may be a folder
 * above the Docker root (a mounted disk image). Global options may also follow the command.
 *
 * <h2>Human output</h2>
 * Aligned tables (two spaces between columns, a header row, no colours). Times are absolute UTC
 * ({@code 2015-04-01 12:00:00}); sizes use Docker 1.x's HumanSize (base 1000, four significant
 * digits: {@code 322.8 MB}); an unknown time or size prints as {@code -}. Control characters found in
 * the evidence are printed as escapes ({@code \x1b}, {@code \n}). {@code images} shows tagged and
 * dangling (untagged, no child) images, newest first, as {@code docker images} does; {@code -a} adds
 * intermediate images. Problems go to stderr as {@code drydock: problem: <path>: <message>}: every
 * problem of the root for {@code info} and the listings; only those naming the object for
 * {@code history}, {@code inspect} and {@code logs}.
 *
 * <h2>JSON output ({@code --json})</h2>
 * Exactly one JSON document on stdout; stderr stays quiet except for a fatal error. Keys are
 * lowerCamelCase record component names; every key is always present ({@code null} when unknown);
 * ids are 64 hex with no {@code sha256:} prefix; times are ISO-8601 UTC strings
 * ({@code 2015-03-20T10:00:00Z}); paths are plain absolute strings; sizes are bytes ({@code -1} unknown).
 * <pre>
 * listing  (images, containers/ps, volumes, history):
 *   {"items": [ITEM...], "problems": [{"path": str, "message": str}...]}
 * image    {"id", "repoTags": [str], "repoDigests": [str], "parentId", "created", "size", "virtualSize",
 *           "architecture", "os", "author", "comment", "dockerVersion",
 *           "config": {"user", "env": [], "cmd": [], "entrypoint": [], "workingDir", "exposedPorts": [],
 *                      "volumes": [], "labels": {}, "hostname"},
 *           "history": [HISTORY...] (base first), "layers": [LAYER...] (base first), "driver", "source"}
 * history  {"imageId", "created", "createdBy", "comment", "author", "emptyLayer", "size"}
 *           (the history command lists them newest first, imageId filled as docker history shows it:
 *           walking the local parent chain; null where docker prints &lt;missing&gt;)
 * layer    {"id", "diffId", "cacheId", "parentId", "driver", "kind": "DIFF"|"SNAPSHOT"|"UNREADABLE",
 *           "path", "size", "tarSplit", "checksum"}
 * container {"id", "name" (with its leading "/"), "imageId", "imageRef", "created",
 *           "state": {"status", "running", "paused", "restarting", "oomKilled", "dead", "pid", "exitCode",
 *                     "error", "startedAt", "finishedAt"},
 *           "path", "args": [], "config": {...as above}, "portBindings": [{"containerPort", "hostIp", "hostPort"}],
 *           "restartPolicy", "driver", "logPath",
 *           "mounts": [{"destination", "source", "volume", "rw", "type", "driver", "dataPath"}],
 *           "links": [{"containerId", "name", "alias"}],
 *           "layer": {"mountId", "initId", "driver", "path", "initPath", "kind"} or null, "source"}
 * volume   {"name", "path", "size", "driver", "anonymous", "created", "labels": {},
 *           "containers": [{"id", "name", "destination", "rw"}], "source"}
 * info     {"generation": "LEGACY"|"MODERN"|"CONTAINERD"|"UNKNOWN",
 *           "drivers": [{"name", "path", "active", "readable", "layerCount"}],
 *           "counts": {"images", "containers", "volumes", "layers"},
 *           "notes": [str], "problems": [PROBLEM...], "root", "filesystemRoot"}
 * inspect  the container or image object itself (not wrapped)
 *           images --json lists the images the table shows (-a adds intermediate ones); with --tree, every
 *           image sorted by id; containers newest first; volumes by name
 * logs     [{"stream": "stdout"|"stderr", "time", "text"}...] oldest first
 * ls       {"items": [FILE...], "problems": [...]}  (the folder's children, the subtree with -R, or the entry itself)
 * file     {"path", "type": "FILE"|"DIR"|"SYMLINK"|"CHAR"|"BLOCK"|"FIFO"|"SOCKET", "mode" (permission bits as a
 *           number: 0644 = 420), "uid", "gid", "size", "mtime", "atime", "ctime", "linkTarget", "devMajor", "devMinor",
 *           "xattrs": {name: base64}, "layerId" (the layer it comes from), "source" (its file on the disk),
 *           "device", "inode", "linkCount"}
 * ls --deleted  {"items": [{"entry": FILE, "hiddenBy": layer id, "reason": "WHITEOUT"|"OPAQUE"|"REPLACED"}...],
 *           "problems": [...]}
 * diff     {"items": [{"kind": "A"|"C"|"D", "path"}...], "problems": [...]}
 * cp       {"target", "path" (view path copied), "destination", "files", "folders", "links", "special", "bytes",
 *           "problems": [...], "sidecar" (the --hash file, or null)}
 * export, volume export (with -o FILE only)
 *          {"target", "output", "entries", "bytes" (file content), "skipped": [paths], "problems": [...], "sidecar"}
 * save, commit {"output", "format": "docker"|"oci", "bytes", "exact",
 *           "items": [{"reference", "sourceId", "legacy", "committed", "originalImageId" (null when unknown),
 *                      "writtenImageId", "imageIdChanged", "repoTags": [],
 *                      "layers": [{"id", "originalDiffId" (null when unknown), "writtenDiffId", "size", "exact",
 *                                  "added", "reason", "mismatches": [MISMATCH...]}]}],
 *           "warnings": [str], "problems": [PROBLEM...]}
 * verify   {"items": [{"imageId", "repoTags": [], "legacy", "ok", "verified", "computedImageId",
 *                      "layers": [{"index", "id", "diffId", "ok", "status": "OK"|"FAILED"|"UNVERIFIABLE",
 *                                  "computedDiffId", "computedChainId", "mismatches": [MISMATCH...], "problem"}],
 *                      "problems": [str]}], "problems": [PROBLEM...]}
 * mismatch {"kind": "CHANGED"|"MISSING"|"NOT_REGULAR"|"UNREADABLE", "path", "detail"}
 * </pre>
 *
 * <h2>Exit codes</h2>
 * {@code 0} success (problems may have been reported); {@code 1} what was asked cannot be produced
 * (unknown or ambiguous reference, unreadable root, no log, no such path in the view, an existing
 * destination without {@code --force}, a tar for a terminal, nothing copied), or {@code --strict} and any problem
 * was reported (after the output is printed); {@code 2} usage error (unknown command or option,
 * missing or malformed argument, {@code --json} with a tar on stdout), with the usage on stderr.
 */
package io.github.drydock.cli;
