# The tidemark CLI as a Native AOT binary on a chiseled (distroless) base: no shell, no package
# manager, no .NET runtime, runs as the non-root `app` user. ~30 MB image.
#   docker build -t tidemark .
#   docker run --rm -v "$PWD/drizzle:/migrations:ro" -e DATABASE_URL=postgres://… tidemark migrate --dir /migrations
# As an init container or a one-shot compose service, see README.md ("Container image").
# The binary the runtime stage copies is the one scripts/build-native.sh publishes and the test suite
# runs the CLI tests against (scripts/test-native.sh).

FROM mcr.microsoft.com/dotnet/sdk:10.0-noble AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends clang zlib1g-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
# The host architecture of the build (linux-x64 or linux-arm64; use buildx --platform for the other).
RUN scripts/build-native.sh && cp artifacts/native/*/tidemark /tidemark

FROM mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled
COPY --from=build /tidemark /usr/local/bin/tidemark
USER app
WORKDIR /migrations
ENTRYPOINT ["/usr/local/bin/tidemark"]
CMD ["migrate", "--dir", "/migrations"]
