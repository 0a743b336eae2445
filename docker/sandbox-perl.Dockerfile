# The Perl sandbox image, for users with a registry (docker/build-images.sh builds the equivalent from Debian
# packages without one). Build from the repository root:
#   docker build -f docker/sandbox-perl.Dockerfile -t verifier-sandbox-perl:1 docker
#
# Perl 5.36 and Test::Deep.
# Debian 12's packages, as build-images.sh installs them, so that the toolchain (and the version the verifier reports)
# is the same either way; python3 is the sandbox's supervisor.
FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 perl libtest-deep-perl \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --gid 10001 sandbox \
 && useradd --uid 10001 --gid 10001 --home-dir /tmp --no-create-home --shell /usr/sbin/nologin sandbox \
 && (python3 -m compileall -q /usr/lib/python3 /usr/lib/python3.11 || true)
ENV LANG=C.UTF-8
USER 10001:10001
WORKDIR /tmp
LABEL org.verifier.image=sandbox
