# The verifier service, for users with a registry. Build from the repository root:
#   docker build -f docker/verifier.Dockerfile -t verifier-service:1 .
# docker/build-images.sh builds the same image with no registry (a self-contained publish on a minimal
# Debian root filesystem), which is what the local stack and the tests use.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish verifier/Verifier.Service -c Release -r linux-x64 --self-contained -o /app && mkdir -m 0700 /channels

FROM mcr.microsoft.com/dotnet/runtime-deps:10.0
COPY --from=build /app /app
# The socket channel's folder (see docker-compose.yml): a volume mounted here starts owned by the service's uid.
COPY --from=build --chown=10001:10001 /channels /run/verifier-channels
WORKDIR /app
# Non-root; the compose file adds the group that owns the engine socket.
USER 10001:10001
ENV ASPNETCORE_URLS=http://127.0.0.1:8080 \
    DOTNET_gcServer=1 \
    Logging__Console__FormatterName=json
ENTRYPOINT ["/app/Verifier.Service"]
