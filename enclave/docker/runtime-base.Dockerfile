# The enclave's runtime base: a Java 17 runtime plus socat (vsock bridge), iproute2 (loopback),
# setpriv (util-linux, to drop root) and the unprivileged user "nautilus". Build it once, push it
# to your registry and pin the pushed digest as NAUTILUS_RUNTIME_IMAGE: the package installation
# below depends on the distribution mirror of the day, so it is kept out of the enclave image
# build, which then only copies reproducible files onto a fixed base.
#
#   docker build -f enclave/docker/runtime-base.Dockerfile \
#     --build-arg JRE_IMAGE=<debian/ubuntu-based Java 17 JRE image>@sha256:<digest> -t <registry>/nautilus-runtime-base .
ARG JRE_IMAGE
FROM ${JRE_IMAGE}

RUN set -eux; \
    apt-get update; \
    apt-get install -y --no-install-recommends socat iproute2 util-linux; \
    rm -rf /var/lib/apt/lists/* /var/cache/apt/* /var/log/apt /var/log/dpkg.log; \
    groupadd --system nautilus; \
    useradd --system --gid nautilus --home-dir /nonexistent --no-create-home --shell /usr/sbin/nologin nautilus; \
    java -version; socat -V >/dev/null; ip -V; setpriv --version
