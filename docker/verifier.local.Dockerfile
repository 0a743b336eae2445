# Used by docker/build-images.sh: the self-contained publish in ./app on the registry-free base image.
FROM verifier-base:1
COPY app /app
# The socket channel's folder (see docker-compose.yml): a volume mounted here starts owned by the service's uid.
COPY --chown=10001:10001 channels /run/verifier-channels
WORKDIR /app
USER 10001:10001
ENV ASPNETCORE_URLS=http://127.0.0.1:8080 \
    DOTNET_gcServer=1 \
    Logging__Console__FormatterName=json
LABEL org.verifier.image=verifier
ENTRYPOINT ["/app/Verifier.Service"]
