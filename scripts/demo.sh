#!/usr/bin/env bash
# The main job: a whole spoken practice interview on any machine. The agent speaks with the
# Piper voice (written to warmup-demo-agent.wav), a simulated candidate answers with espeak-ng,
# whisper transcribes, feedback is spoken, and the session report is saved. No sound card needed.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec "${CARGO_TARGET_DIR:-target}/release/warmup" demo "$@"
