#!/usr/bin/env bash
# The main job, until the practice session lands: the agent speaks an interview question with
# the Piper voice, a simulated candidate (espeak-ng, a different voice) answers, and whisper
# transcribes both. Runs on any machine, no sound card needed.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
out="${TMPDIR:-/tmp}/warmup-demo"
mkdir -p "$out"
w=./target/release/warmup

question="Tell me about a time you handled a security incident. What did you do, and what was the result?"
answer="Last year our monitoring flagged unusual logins on a database server. I isolated the machine, reset the credentials, and reviewed the logs with my team. We found a phishing email as the cause, so we added multi-factor authentication. Since then we have had no similar incidents. That's my answer."

echo "==> agent (Piper) says the question -> $out/question.wav"
$w say "$question" -o "$out/question.wav"
echo "==> what whisper hears in the agent's question:"
$w transcribe "$out/question.wav"
echo "==> simulated candidate (espeak-ng) answers -> $out/answer.wav"
espeak-ng -v en-us+m3 -s 155 -w "$out/answer.wav" "$answer"
echo "==> the candidate's answer, transcribed with word timings:"
$w transcribe --json "$out/answer.wav" | tee "$out/answer.json" | head -n 4
echo "==> done: files in $out"
