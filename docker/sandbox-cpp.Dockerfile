# The C++ sandbox image, for users with a registry (docker/build-images.sh builds the equivalent from Debian
# packages without one). Build from the repository root:
#   docker build -f docker/sandbox-cpp.Dockerfile -t verifier-sandbox-cpp:1 docker
#
# g++ with binutils (the assert harness inspects and relinks objects) and python3 (the sandbox's supervisor), a
# precompiled <bits/stdc++.h> for the flags the sandbox uses (-std=gnu++17 -O2), and the unprivileged user.
FROM gcc:12
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --gid 10001 sandbox \
 && useradd --uid 10001 --gid 10001 --home-dir /tmp --no-create-home --shell /usr/sbin/nologin sandbox \
 && header="$(echo '#include <bits/stdc++.h>' | g++ -std=gnu++17 -x c++ -E -H - 2>&1 >/dev/null | awk 'NR == 1 { print $2 }')" \
 && g++ -std=gnu++17 -O2 -x c++-header "$header" -o "$header.gch"
ENV LANG=C.UTF-8
USER 10001:10001
WORKDIR /tmp
LABEL org.verifier.image=sandbox
