#!/usr/bin/env bash
# Benchmarks warmup's engines against faster-whisper and Python piper-tts (see bench/run.py).
# Makes a venv under bench/.venv with the references from PyPI, the release build and the models.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
command -v /usr/bin/time >/dev/null || { sudo apt-get install -y time 2>/dev/null || apt-get install -y time; }
if [ ! -x bench/.venv/bin/python ]; then
  python3 -m venv bench/.venv
fi
bench/.venv/bin/pip install -q --disable-pip-version-check faster-whisper==1.2.1 piper-tts==1.8.0
exec bench/.venv/bin/python bench/run.py "$@"
