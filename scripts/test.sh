#!/usr/bin/env bash
# The test command: set-up (idempotent), then every test, in release mode (whisper.cpp and ONNX
# Runtime are too slow unoptimised).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
[ -x "$HOME/.cargo/bin/cargo" ] && export PATH="$HOME/.cargo/bin:$PATH"
cargo test --release --locked
