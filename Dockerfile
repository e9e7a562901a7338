# syntax=docker/dockerfile:1
# Build stage: the Swift 6 toolchain builds the release binary with the same script the test command runs.
FROM swift:6.3-bookworm AS build
RUN apt-get update \
    && apt-get install -y --no-install-recommends libcurl4-openssl-dev=7.88.* pkg-config=1.8.* \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# Resolve dependencies first so that source edits reuse this layer.
COPY Package.swift ./
RUN swift package resolve
COPY Sources ./Sources
COPY Tests ./Tests
COPY scripts ./scripts
# The API's resource bundle (the OpenAPI document) must sit next to the executable, which looks for it there.
RUN scripts/build.sh release \
    && bin="$(swift build -c release --show-bin-path)" \
    && cp "$bin/peacetalks" /usr/local/bin/peacetalks \
    && cp -R "$bin/PeaceTalks_PeaceTalksAPI.resources" /usr/local/bin/

# Runtime stage: a slim Debian with libcurl, running as an unprivileged user.
FROM debian:bookworm-slim
# ca-certificates is left unpinned on purpose: its point releases carry trust-store updates (and removals).
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends libcurl4=7.88.* ca-certificates curl=7.88.* \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin peacetalks
WORKDIR /app
COPY --from=build /usr/local/bin/peacetalks /usr/local/bin/peacetalks
COPY --from=build /usr/local/bin/PeaceTalks_PeaceTalksAPI.resources /usr/local/bin/PeaceTalks_PeaceTalksAPI.resources
COPY Config ./Config
COPY seeds ./seeds
RUN mkdir -p /app/data && chown peacetalks /app/data
USER peacetalks
ENV PEACETALKS_HOST=0.0.0.0 \
    PEACETALKS_PORT=8080 \
    PEACETALKS_DATA_DIR=/app/data
EXPOSE 8080
VOLUME ["/app/data"]
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
    CMD curl --fail --silent --show-error http://127.0.0.1:8080/health || exit 1
ENTRYPOINT ["peacetalks"]
CMD ["serve"]
