# The Go sandbox image, for users with a registry (docker/build-images.sh builds the equivalent from Debian
# packages without one). Build from the repository root:
#   docker build -f docker/sandbox-go.Dockerfile -t verifier-sandbox-go:1 docker
#
# Go 1.19 (GOROOT /usr/lib/go-1.19, linked as /usr/bin/go), whose standard library is precompiled. `go test` vets the
# standard packages a test imports, ~3 s with an empty GOCACHE: /usr/lib/verifier/go-cache is a warm cache, built as
# the sandbox user from docker/warmup/go, for a job to copy into its own writable GOCACHE (Go cannot use a read-only
# one). Trimmed: the compiled packages and sources of the Go tools themselves, testdata, Go's own test suite.
# Debian 12's packages, as build-images.sh installs them, so that the toolchain (and the version the verifier reports)
# is the same either way; python3 is the sandbox's supervisor.
FROM debian:bookworm-slim
COPY warmup/go /tmp/warmup/src
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 golang-1.19-go \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --gid 10001 sandbox \
 && useradd --uid 10001 --gid 10001 --home-dir /tmp --no-create-home --shell /usr/sbin/nologin sandbox \
 && (python3 -m compileall -q /usr/lib/python3 /usr/lib/python3.11 || true) \
 && ln -s /usr/lib/go-1.19/bin/go /usr/bin/go \
 && ln -s /usr/lib/go-1.19/bin/gofmt /usr/bin/gofmt \
 && rm -rf /usr/lib/go-1.19/pkg/linux_amd64/cmd /usr/share/go-1.19/src/cmd /usr/share/go-1.19/test /usr/lib/go-1.19/test \
 && find /usr/share/go-1.19/src -depth -type d -name testdata -exec rm -rf {} + \
 && chmod -R a+rwX /tmp/warmup \
 && setpriv --reuid=10001 --regid=10001 --clear-groups \
      env HOME=/tmp GOCACHE=/tmp/warmup/cache GOFLAGS=-mod=mod GOPROXY=off sh -ec ' \
        cd /tmp/warmup/src; \
        for cgo in 1 0; do \
          CGO_ENABLED=$cgo go test -c -o /tmp/warmup/warmup.test .; \
          CGO_ENABLED=$cgo go build -o /tmp/warmup/hello ./main; \
        done' \
 && mkdir -p /usr/lib/verifier \
 && mv /tmp/warmup/cache /usr/lib/verifier/go-cache \
 && chown -R root:root /usr/lib/verifier/go-cache \
 && chmod -R u=rwX,go=rX /usr/lib/verifier/go-cache \
 && rm -rf /tmp/warmup
ENV LANG=C.UTF-8
USER 10001:10001
WORKDIR /tmp
LABEL org.verifier.image=sandbox
