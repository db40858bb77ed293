#!/usr/bin/env bash
# A practice session on a real sound server: PulseAudio with two null sinks, "spk" (the
# speaker; its monitor is recorded) and "mic" (its monitor is the default input, into which
# the candidate's answers are played). Starts and stops every process it starts by PID.
#
#   tests/pulse/session.sh WARMUP_BINARY OUT_DIR
#
# Two sessions, one question each:
#   1. turn: the candidate answers after the question (OUT_DIR/turn.*)
#   2. barge: the candidate answers while the question is being asked, which must stop
#      (OUT_DIR/barge.*)
# Also devices-before.* and devices-after.*: `warmup devices` without and with the server;
# stall.*: `warmup say` while the server is frozen.
# For each: NAME.out (the session's printout), NAME.code (exit code), NAME-spk.wav and
# NAME-mic.wav (both monitors; each starts with a click played into both sinks at once
# through a combined sink, to line the two recordings up).
set -euo pipefail
warmup=$1
out=$2
mkdir -p "$out"
for tool in pulseaudio pactl parec paplay espeak-ng; do
  command -v "$tool" >/dev/null || { echo "$tool is missing: run scripts/setup.sh" >&2; exit 2; }
done

run=$(mktemp -d)
export XDG_RUNTIME_DIR=$run/runtime XDG_CONFIG_HOME=$run/config XDG_STATE_HOME=$run/state \
  XDG_DATA_HOME=$run/data HOME=$run/home
mkdir -p "$XDG_RUNTIME_DIR" "$HOME" && chmod 700 "$XDG_RUNTIME_DIR"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  rm -rf "$run"
}
trap cleanup EXIT

# `warmup devices` (the kiosk unit's start check): no sound server yet, so no device but ALSA's
# "null" (exit 4); with the server, its devices (exit 0).
devices() {
  local code=0
  "$warmup" devices >"$out/devices-$1.out" 2>/dev/null || code=$?
  echo "$code" >"$out/devices-$1.code"
}
devices before

pulseaudio --daemonize=no --exit-idle-time=-1 --disallow-exit -n \
  --load=module-native-protocol-unix \
  --load="module-null-sink sink_name=spk" --load="module-null-sink sink_name=mic" \
  >"$out/pulseaudio.log" 2>&1 &
server=$!
pids+=($!)
for _ in $(seq 50); do pactl info >/dev/null 2>&1 && break; sleep 0.1; done
pactl info >/dev/null
pactl load-module module-combine-sink sink_name=both slaves=spk,mic >/dev/null
pactl set-default-sink spk
pactl set-default-source mic.monitor
devices after
# Keep-alives: an idle null sink sleeps in 2 s blocks and a new stream starts late.
parec --latency-msec=20 -d spk.monitor >/dev/null 2>&1 </dev/null &
pids+=($!)
parec --latency-msec=20 -d mic.monitor >/dev/null 2>&1 </dev/null &
pids+=($!)
sleep 2.1

sox -n -r 44100 -c 1 "$run/click.wav" synth 0.05 sine 1000 vol 0.5
espeak-ng -v en-us+m3 -s 150 -w "$run/answer.wav" \
  "I am a network engineer with five years of experience in hospitals and banks. That's my answer."

# waits up to 30 s for FILE to have at least N lines matching TEXT (or the session to end)
wait_lines() {
  local file=$1 text=$2 n=$3 w=$4
  for _ in $(seq 300); do
    [ "$(grep -c "$text" "$file" 2>/dev/null || true)" -ge "$n" ] && return 0
    kill -0 "$w" 2>/dev/null || return 0
    sleep 0.1
  done
}

# session NAME WAIT_FOR_LINE DELAY_S [HOOK]: runs one practice session; plays the answer DELAY_S
# after the printout shows WAIT_FOR_LINE (and HOOK NAME PID has run).
session() {
  local name=$1 line=$2 delay=$3 hook=${4:-}
  parec -d spk.monitor --file-format=wav "$out/$name-spk.wav" &
  local rec_spk=$!
  parec -d mic.monitor --file-format=wav "$out/$name-mic.wav" &
  local rec_mic=$!
  pids+=("$rec_spk" "$rec_mic")
  sleep 0.5
  paplay -d both "$run/click.wav"
  sleep 0.5
  WARMUP_LOG=${WARMUP_LOG:-warmup=debug} "$warmup" practice --question gen-bg-01 --no-save >"$out/$name.out" 2>"$out/$name.err" &
  local w=$!
  pids+=("$w")
  for _ in $(seq 600); do
    grep -q "$line" "$out/$name.out" 2>/dev/null && break
    kill -0 "$w" 2>/dev/null || break
    sleep 0.1
  done
  [ -z "$hook" ] || "$hook" "$name" "$w"
  sleep "$delay"
  paplay -d mic "$run/answer.wav"
  local code=0
  for _ in $(seq 900); do kill -0 "$w" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$w" 2>/dev/null; then
    echo "$name: the session did not end within 90 s of the answer" >>"$out/$name.err"
    kill -INT "$w" 2>/dev/null || true
  fi
  wait "$w" || code=$?
  echo "$code" >"$out/$name.code"
  sleep 0.3
  kill "$rec_spk" "$rec_mic" 2>/dev/null || true
  wait "$rec_spk" "$rec_mic" 2>/dev/null || true
}

# 1. After the question has been spoken (it is printed as it starts; it lasts about 4 s).
session turn "Question 1 of 1" 6
# 2. Over the question, 1 s into it (the greeting before it cannot be interrupted: that
#    would skip the question).
session barge "Question 1 of 1" 1

# 3. A speaker that stops taking audio (the server frozen 2 s into a long `warmup say`, for 12 s):
#    warmup must give up with "the speaker was lost" about 2 s after the speech should have
#    ended (measured: 11.2 s after the start for speech due to end at 9.2 s), not wait for the
#    device for ever. (It exits only once the server thaws: closing a
#    stream on a frozen server waits for it.)
"$warmup" say "This is a long sentence that the agent says to the candidate, and it goes on for quite a while so that the speaker can stop in the middle of it." \
  >"$out/stall.out" 2>"$out/stall.err" &
w=$!
pids+=("$w")
sleep 2
kill -STOP "$server"
sleep 12
kill -CONT "$server"
code=0
wait "$w" || code=$?
echo "$code" >"$out/stall.code"
