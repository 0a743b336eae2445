# The Java sandbox image, for users with a registry (docker/build-images.sh builds the equivalent from Debian
# packages without one). Build from the repository root:
#   docker build -f docker/sandbox-java.Dockerfile -t verifier-sandbox-java:1 docker
#
# OpenJDK 17 and javatuples (MultiPL-E's Java imports org.javatuples.*: /usr/share/java/javatuples.jar). javac starts
# faster from a CDS archive of its own classes, recorded compiling a MultiPL-E-shaped program: pass
# -J-XX:SharedArchiveFile=/usr/lib/verifier/javac.jsa (with -J-XX:+UseSerialGC -J-XX:TieredStopAtLevel=1, a hello world
# compiles in about half the time). jmods serve only jlink, so they go. The empty man1 directory lets the JDK's
# postinst register its alternatives on a slim image, which has no man pages.
# Debian 12's packages, as build-images.sh installs them, so that the toolchain (and the version the verifier reports)
# is the same either way; python3 is the sandbox's supervisor.
FROM debian:bookworm-slim
COPY warmup/java/Problem.java /tmp/warmup/
RUN mkdir -p /usr/share/man/man1 \
 && apt-get update \
 && apt-get install -y --no-install-recommends python3 openjdk-17-jdk-headless libjavatuples-java \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --gid 10001 sandbox \
 && useradd --uid 10001 --gid 10001 --home-dir /tmp --no-create-home --shell /usr/sbin/nologin sandbox \
 && (python3 -m compileall -q /usr/lib/python3 /usr/lib/python3.11 || true) \
 && rm -rf /usr/lib/jvm/java-17-openjdk-amd64/jmods \
 && mkdir -p /usr/lib/verifier \
 && javac -J-XX:ArchiveClassesAtExit=/usr/lib/verifier/javac.jsa -J-XX:+UseSerialGC -J-XX:TieredStopAtLevel=1 \
      -cp /usr/share/java/javatuples.jar -d /tmp/warmup /tmp/warmup/Problem.java \
 && rm -rf /tmp/warmup /tmp/hsperfdata_root
ENV LANG=C.UTF-8
USER 10001:10001
WORKDIR /tmp
LABEL org.verifier.image=sandbox
