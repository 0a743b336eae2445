# The Python sandbox image, for users with a registry (docker/build-images.sh builds the equivalent from Debian
# packages without one). Build from the repository root:
#   docker build -f docker/sandbox-python.Dockerfile -t verifier-sandbox-python:2 docker
# Then, if the interpreter differs from the default image's, report it: Sandbox__Languages__python__Version=3.12
#
# Nothing of the verifier is baked in: the verifier sends its supervisor to each container at start. An image only
# needs python3 (the supervisor, and here the language), and the unprivileged user the sandbox runs as.
FROM python:3.12-slim
RUN groupadd --gid 10001 sandbox \
 && useradd --uid 10001 --gid 10001 --home-dir /tmp --no-create-home --shell /usr/sbin/nologin sandbox \
 && pip install --no-cache-dir numpy \
 && python3 -m compileall -q /usr/local/lib/python3.12 || true
ENV LANG=C.UTF-8
USER 10001:10001
WORKDIR /tmp
LABEL org.verifier.image=sandbox
