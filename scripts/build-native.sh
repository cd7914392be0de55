#!/usr/bin/env bash
# Publishes the tidemark CLI with Native AOT: artifacts/native/<rid>/tidemark (tidemark.exe on Windows).
#   scripts/build-native.sh                 # this machine's RID (linux-x64 here)
#   scripts/build-native.sh linux-arm64 …   # other RIDs: linux-arm64, osx-arm64, win-x64
# Native AOT compiles for the machine it runs on: build linux-arm64 on an arm64 Linux host, osx-arm64
# on a Mac, win-x64 on Windows (the .NET SDK does not cross-compile between operating systems, and a
# Linux cross-architecture build needs a sysroot). Trim and AOT warnings fail the build.
# The ILCompiler package comes from NuGet at the version the SDK picks.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

host_rid() {
  local os arch
  case "$(uname -s)" in
    Linux) os=linux ;;
    Darwin) os=osx ;;
    MINGW*|MSYS*|CYGWIN*) os=win ;;
    *) echo "build-native: unknown OS $(uname -s)" >&2; exit 2 ;;
  esac
  case "$(uname -m)" in
    x86_64|amd64) arch=x64 ;;
    aarch64|arm64) arch=arm64 ;;
    *) echo "build-native: unknown architecture $(uname -m)" >&2; exit 2 ;;
  esac
  echo "$os-$arch"
}

rids=("$@")
[ ${#rids[@]} -eq 0 ] && rids=("$(host_rid)")

extra=()
if [ "$(uname -s)" = Linux ]; then
  # The AOT linker step calls clang; Debian's versioned packages may lack the plain name.
  if ! command -v clang >/dev/null 2>&1; then
    cc="$(ls /usr/bin/clang-[0-9]* 2>/dev/null | grep -E 'clang-[0-9]+$' | sort -V | tail -1 || true)"
    if [ -z "$cc" ]; then
      echo "build-native: installing clang (needed by the Native AOT linker)" >&2
      if [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq clang >/dev/null; else sudo apt-get update -qq && sudo apt-get install -y -qq clang >/dev/null; fi
    else
      extra+=("-p:CppCompilerAndLinker=$cc")
    fi
  fi
fi

# NATIVE_NO_ANALYZERS=1 (scripts/test.sh, right after building the solution with every analyzer on the same
# sources): skip the Roslyn analyzers in this second compile; the AOT compiler's own trim and AOT warnings stay errors.
[ "${NATIVE_NO_ANALYZERS:-0}" = 1 ] && extra+=("-p:RunAnalyzers=false")
# NATIVE_NO_SYMBOLS=1 (scripts/test.sh): no native debug information (the AOT compiler's -g, the .dbg file beside the
# binary): the tests never read it, and generating it costs CPU the test run needs. Releases keep it.
[ "${NATIVE_NO_SYMBOLS:-0}" = 1 ] && extra+=("-p:DebugSymbols=false" "-p:DebugType=none")

for rid in "${rids[@]}"; do
  case "$rid" in
    linux-x64|linux-arm64|osx-arm64|win-x64) ;;
    *) echo "build-native: unsupported RID '$rid' (use linux-x64, linux-arm64, osx-arm64 or win-x64)" >&2; exit 2 ;;
  esac
  out="$root/artifacts/native/$rid"
  rm -rf "$out"
  echo "build-native: publishing $rid" >&2
  nice dotnet publish src/Tidemark.Cli/Tidemark.Cli.csproj -c Release -r "$rid" -nologo -v q -clp:ErrorsOnly \
    -p:PublishAot=true -p:TreatWarningsAsErrors=true -p:IlcTreatWarningsAsErrors=true \
    -p:SuppressTrimAnalysisWarnings=false -p:TrimmerSingleWarn=false \
    "${extra[@]}" -o "$out/publish"
  exe=tidemark; [ "${rid%%-*}" = win ] && exe=tidemark.exe
  src="$out/publish/Tidemark.Cli"; [ "${rid%%-*}" = win ] && src="$out/publish/Tidemark.Cli.exe"
  mv "$src" "$out/$exe"
  rm -rf "$out/publish"
  echo "build-native: $out/$exe ($(du -h "$out/$exe" | cut -f1))" >&2
done
