#!/usr/bin/env bash
# Tricks build script. Usage:
#   ./build.sh setup   install what a fresh Debian 12 / Ubuntu 24.04 machine needs, restore, build (idempotent)
#   ./build.sh run     setup, then execute every notebook headless (artifacts/notebooks, artifacts/results)
#   ./build.sh test    setup, then run every test (kit, formatters, F#, notebooks-as-tests)
#   ./build.sh bench   setup, then run the benchmarks (artifacts/bench/bench.json)
#   ./build.sh pack    setup, then pack TricksKit, TricksKit.Experiments and TricksKit.Formatters (artifacts/packages/, a local NuGet feed)
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)
CONFIG=${CONFIG:-Release}

say()  { printf '[setup] %s\n' "$*"; }
die()  { printf '[setup] ERROR: %s\n' "$*" >&2; exit 1; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else die "need root for: $* (run as root or install sudo)"; fi; }

APT_UPDATED=0
apt_update_once() { [ $APT_UPDATED = 1 ] || { say "apt-get update"; as_root apt-get update -qq; APT_UPDATED=1; }; }

libstdcxx_path() {
  local ldc p
  ldc=$(command -v ldconfig || echo /sbin/ldconfig)   # /sbin is not on a Debian user's PATH
  p=$("$ldc" -p 2>/dev/null | awk '/libstdc\+\+\.so\.6 .*(x86-64|AArch64)/ {print $NF; exit}')
  [ -n "$p" ] || for p in /usr/lib/x86_64-linux-gnu/libstdc++.so.6 /usr/lib/aarch64-linux-gnu/libstdc++.so.6 /usr/lib64/libstdc++.so.6; do [ -e "$p" ] && break; done
  echo "$p"
}
has_glibcxx_3_4_32() {
  local lib; lib=$(libstdcxx_path)
  [ -n "$lib" ] && grep -qa 'GLIBCXX_3\.4\.32' "$lib"
}

ensure_libstdcxx() {
  if has_glibcxx_3_4_32; then say "libstdc++ has GLIBCXX_3.4.32: ok"; return; fi
  . /etc/os-release
  if [ "${ID:-}" = debian ] && [ "${VERSION_ID:-}" = 12 ]; then
    say "libstdc++ lacks GLIBCXX_3.4.32 (TorchSharp 0.107 needs GCC 13+): installing libstdc++6 from Debian 13 (trixie), pinned low"
    if [ ! -f /etc/apt/sources.list.d/trixie.list ]; then
      echo 'deb http://deb.debian.org/debian trixie main' | as_root tee /etc/apt/sources.list.d/trixie.list >/dev/null
      printf 'Package: *\nPin: release n=trixie\nPin-Priority: 100\n' | as_root tee /etc/apt/preferences.d/trixie-low >/dev/null
      APT_UPDATED=0
    fi
    apt_update_once
    # Say what this changes before changing it: trixie's libstdc++6 pulls a newer libc6, the GCC runtime libraries and
    # base-files (after which /etc/os-release reads Debian 13). On a workstation prefer the devcontainer (Ubuntu 24.04).
    local plan; plan=$(as_root apt-get install -s -t trixie libstdc++6 2>/dev/null | awk '/^Inst /{print $2}' | tr '\n' ' ')
    say "this installs or upgrades from trixie: ${plan:-libstdc++6}"
    say "(base-files among them makes /etc/os-release read Debian 13; for a workstation, the devcontainer needs none of this)"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -t trixie libstdc++6 >/dev/null
    has_glibcxx_3_4_32 || die "libstdc++6 from trixie did not provide GLIBCXX_3.4.32"
    say "libstdc++6 from trixie installed"
  else
    die "libstdc++ lacks GLIBCXX_3.4.32 and this is not Debian 12 (${PRETTY_NAME:-unknown}). Install libstdc++6 from GCC 13 or newer (Ubuntu 24.04 and Debian 13 have it)."
  fi
}

ensure_apt_package() { # $1 package, $2 file that proves it is there
  if [ -e "$2" ]; then say "$1: ok"; return; fi
  apt_update_once
  if apt-cache show "$1" >/dev/null 2>&1; then
    say "installing $1"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$1" >/dev/null
  else
    say "$1 is not in apt here; $3"
  fi
}

# Debian's chromium, for the test that opens a rendered results page headless and checks the chart drew.
# (On Ubuntu apt's chromium is a snap stub that cannot run in containers: there the test is skipped, and says why.)
ensure_chromium() {
  if command -v chromium >/dev/null || [ -n "${TRICKS_CHROMIUM:-}" ]; then say "chromium: ok"; return; fi
  . /etc/os-release
  if [ "${ID:-}" = debian ]; then ensure_apt_package chromium /usr/bin/chromium "the browser test will fail"
  else say "chromium: not installed (apt has only a snap stub here); the headless-browser test is skipped. Set TRICKS_CHROMIUM to a Chromium binary to run it."
  fi
}

# The .NET Interactive Jupyter kernels (C#, F#, PowerShell), from the pinned local tool: plain Jupyter runs the notebooks
# through them (tools/jupyter_run.py, the Jupyter test). `jupyter install` fails unless the kernels folder exists.
ensure_jupyter_kernel() {
  local dir="${JUPYTER_DATA_DIR:-$HOME/.local/share/jupyter}/kernels"
  if [ -f "$dir/.net-csharp/kernel.json" ]; then say "Jupyter kernel .net-csharp: ok"; return; fi
  say "registering the .NET Interactive Jupyter kernels in $dir"
  mkdir -p "$dir"
  dotnet dotnet-interactive jupyter install >/dev/null
}

ensure_dotnet() {
  command -v dotnet >/dev/null || die "dotnet not found: install the .NET 10 SDK (https://dot.net), version in global.json"
  local want; want=$(sed -n 's/.*"version": *"\([0-9]*\)\..*/\1/p' global.json)
  dotnet --list-sdks | grep -q "^$want\." || die ".NET $want SDK not found (dotnet --list-sdks); install it"
  say ".NET SDK: $(dotnet --version)"
}

setup() {
  ensure_dotnet
  ensure_libstdcxx
  ensure_apt_package dataset-fashion-mnist /usr/share/datasets/fashion-mnist/t10k-labels-idx1-ubyte.gz \
    "put the four Fashion-MNIST .gz files in datasets/fashion-mnist/ or point TRICKS_DATA at them"
  ensure_chromium
  ensure_apt_package python3-nbclient /usr/lib/python3/dist-packages/nbclient/__init__.py "the plain-Jupyter test will fail"
  # qemu-user runs the kernel probe on emulated Intel and AMD CPUs (KernelTests: the pinned kernels give the same bits).
  ensure_apt_package qemu-user /usr/bin/qemu-x86_64 "the emulated-CPU test will fail"
  say "dotnet tool restore (dotnet-repl, Microsoft.dotnet-interactive)"; dotnet tool restore >/dev/null
  ensure_jupyter_kernel
  say "restore and build ($CONFIG)"
  dotnet build Tricks.sln -c "$CONFIG" -nologo -clp:ErrorsOnly -v:q
  say "ready"
}

# Runs every test project; prints one closing line "tests: N passed, N failed" summed over the projects.
run_tests() {
  local log; log=$(mktemp)
  set +e
  dotnet test Tricks.sln -c "$CONFIG" --no-build -nologo "$@" 2>&1 | tee "$log"
  local rc=${PIPESTATUS[0]}
  set -e
  local passed failed
  passed=$(grep -oE 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
  failed=$(grep -oE 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
  rm -f "$log"
  if [ "$rc" != 0 ] && [ "$failed" = 0 ]; then failed=1; fi
  echo "tests: $passed passed, $failed failed"
  return "$rc"
}

case "${1:-}" in
  setup) setup ;;
  run)   setup; dotnet run --project tests/NotebookRunner -c "$CONFIG" --no-build -- "${@:2}" ;;
  test)  setup; run_tests "${@:2}" ;;
  bench) setup; dotnet run --project bench/Tricks.Bench -c "$CONFIG" --no-build -- "${@:2}" ;;
  pack)  setup; for p in src/TricksKit src/TricksKit.Experiments src/Formatters; do dotnet pack "$p" -c "$CONFIG" --no-build -nologo -v:q "${@:2}"; done
         ls artifacts/packages ;;
  *) sed -n '2,8p' "$0"; exit 2 ;;
esac
