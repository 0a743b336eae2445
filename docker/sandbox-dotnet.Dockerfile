# The C# sandbox image, for users with a registry (docker/build-images.sh builds the equivalent from Debian packages
# and this machine's .NET runtime without one). Build from the repository root:
#   docker build -f docker/sandbox-dotnet.Dockerfile -t verifier-sandbox-dotnet:1 docker
#
# The .NET runtime (submissions are compiled by the verifier, so no SDK), python3 (the sandbox's supervisor) and the
# unprivileged user. Use the runtime's major.minor that the verifier runs on: it compiles against its own runtime.
FROM mcr.microsoft.com/dotnet/runtime:10.0-bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --gid 10001 sandbox \
 && useradd --uid 10001 --gid 10001 --home-dir /tmp --no-create-home --shell /usr/sbin/nologin sandbox
ENV LANG=C.UTF-8
USER 10001:10001
WORKDIR /tmp
LABEL org.verifier.image=sandbox
