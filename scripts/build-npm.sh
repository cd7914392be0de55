#!/usr/bin/env bash
# Writes the npm packages to artifacts/npm/: tidemark-<version>.tgz (the `tidemark` command and JS API)
# and one tidemark-<platform>-<version>.tgz per native binary in artifacts/native/<rid>/ (the
# optionalDependencies pattern of esbuild and biome: npm installs only the one whose os/cpu match).
# Builds this machine's native binary first when none is there. Usage: scripts/build-npm.sh [version]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
command -v npm >/dev/null 2>&1 || { echo "build-npm: npm not found (apt-get install -y nodejs npm)" >&2; exit 1; }

if ! compgen -G "artifacts/native/*/tidemark*" >/dev/null; then
  "$root/scripts/build-native.sh"
fi

# The version the binary reports (from git tags, MinVer), without build metadata.
host_bin="$(compgen -G "artifacts/native/*/tidemark" | head -1 || true)"
version="${1:-}"
if [ -z "$version" ] && [ -n "$host_bin" ]; then version="$("$host_bin" --version | head -1 | sed 's/+.*//')"; fi
[ -n "$version" ] || { echo "build-npm: no version (pass one: scripts/build-npm.sh 1.2.3)" >&2; exit 2; }

out="$root/artifacts/npm"
stage="$out/stage"
rm -rf "$out"; mkdir -p "$stage"

# RID -> npm platform name, os, cpu
declare -A npm_name=([linux-x64]=linux-x64 [linux-arm64]=linux-arm64 [osx-arm64]=darwin-arm64 [win-x64]=win32-x64)
declare -A npm_os=([linux-x64]=linux [linux-arm64]=linux [osx-arm64]=darwin [win-x64]=win32)
declare -A npm_cpu=([linux-x64]=x64 [linux-arm64]=arm64 [osx-arm64]=arm64 [win-x64]=x64)

optional=""
for dir in artifacts/native/*/; do
  rid="$(basename "$dir")"
  [ -n "${npm_name[$rid]:-}" ] || continue
  exe=tidemark; [ "${rid%%-*}" = win ] && exe=tidemark.exe
  [ -f "$dir/$exe" ] || continue
  name="@tidemark/${npm_name[$rid]}"
  pkg="$stage/${npm_name[$rid]}"
  mkdir -p "$pkg/bin"
  cp "$dir/$exe" "$pkg/bin/$exe"
  chmod 755 "$pkg/bin/$exe"
  cat > "$pkg/package.json" <<JSON
{
  "name": "$name",
  "version": "$version",
  "description": "The tidemark native binary for ${npm_os[$rid]}-${npm_cpu[$rid]} (installed by the tidemark package).",
  "license": "MIT",
  "os": ["${npm_os[$rid]}"],
  "cpu": ["${npm_cpu[$rid]}"],
  "files": ["bin/$exe"],
  "preferUnplugged": true
}
JSON
  (cd "$pkg" && npm pack --silent --pack-destination "$out" >/dev/null)
  optional="$optional${optional:+, }\"$name\": \"$version\""
done
[ -n "$optional" ] || { echo "build-npm: no native binary under artifacts/native/<rid>/" >&2; exit 1; }

main="$stage/tidemark"
cp -r npm/tidemark "$main"
node -e '
  const fs = require("fs");
  const file = process.argv[1];
  const pkg = JSON.parse(fs.readFileSync(file, "utf8"));
  pkg.version = process.argv[2];
  pkg.optionalDependencies = JSON.parse("{" + process.argv[3] + "}");
  fs.writeFileSync(file, JSON.stringify(pkg, null, 2) + "\n");
' "$main/package.json" "$version" "$optional"
chmod 755 "$main/bin/tidemark.js"
(cd "$main" && npm pack --silent --pack-destination "$out" >/dev/null)
rm -rf "$stage"
ls -1 "$out" >&2
