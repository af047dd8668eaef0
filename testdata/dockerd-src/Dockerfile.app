# example/app:1 and example/app:latest (classic builder, DOCKER_BUILDKIT=0).
# The image has no shell: every RUN uses the exec form and calls /bin/tool.
FROM example/base:1
# metadata-only steps: empty layers in the history
LABEL org.example.fixture="drydock" org.example.role="app"
ENV APP_MODE=fixture APP_HOME=/srv/app
WORKDIR /srv/app
# layer: delete a file of the base image (whiteout)
RUN ["/bin/tool", "rm", "/etc/delete-me.txt"]
# layer: replace a directory (delete it and recreate it in the same step: opaque dir on overlay2)
RUN ["/bin/tool", "rm", "/opt/replace-me", "mkdir", "/opt/replace-me/newsub", "write", "/opt/replace-me/new.txt", "replaced directory content", "write", "/opt/replace-me/newsub/inner.txt", "inner file of the replaced directory"]
# layer: files from the build context
COPY files/ /srv/app/files/
# layer: hard links and symlinks (one hard link to a file of a lower layer, one to a new file;
# a relative symlink, an absolute symlink to a path that does not exist, a symlink leaving the root)
RUN ["/bin/tool", "write", "/data/linked.txt", "hard-linked content", "link", "/data/linked.txt", "/data/linked-hard.txt", "link", "/data/seed.txt", "/data/seed-hard.txt", "symlink", "seed.txt", "/data/seed-symlink", "symlink", "/etc/shadow", "/data/shadow-link", "symlink", "../../../../../../../etc/passwd", "/srv/app/escape-link"]
VOLUME ["/anon"]
EXPOSE 80/tcp
CMD ["/bin/tool", "out", "app default command"]
