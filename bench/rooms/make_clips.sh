#!/usr/bin/env bash
# How bench/rooms/clips/*.flac were made from the original files listed in sources.toml
# (run once by hand with the originals in $ORIG; build.py does not run this).
# Each clip: 16 kHz, mono, 16-bit FLAC; groups of short prompts by one speaker are joined
# with 0.3 s of digital silence; noises are cut to 20 s. No dither (-D), so a re-run
# gives the same bytes.
set -euo pipefail
# $1: a folder holding the original files under the names used below (sources.toml says where each
# one comes from: repository, commit, path, sha256).
ORIG=${1:?folder with the original files}
OUT=$(cd "$(dirname "$0")" && pwd)/clips
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
conv() { sox -D "$1" -r 16000 -c 1 -b 16 "$2" "${@:3}"; }
sox -D -n -r 16000 -c 1 -b 16 "$T/gap.wav" trim 0 0.3
one() { conv "$ORIG/$1" "$OUT/$2.flac" "${@:3}"; }
one 2412-153948-0000.flac ls_2412-153948-0000
one 1272-128104-0000.flac ls_1272-128104-0000
for n in 0001 0002 0003; do one cmu_arctic_us_aew_a$n.wav arctic_aew_a$n; done
for n in 0004 0005 0006; do conv "$ORIG/cmu_arctic_us_axb_a$n.wav" "$T/axb_$n.wav"; done
sox -D "$T/axb_0004.wav" "$T/gap.wav" "$T/axb_0005.wav" "$T/gap.wav" "$T/axb_0006.wav" "$OUT/arctic_axb_a0004-6.flac"
one jfk.wav jfk
one LJ050-0131.wav lj_LJ050-0131
one LJ050-0115.wav lj_LJ050-0115
conv "$ORIG/p225_001_mic1.flac" "$T/p225_1.wav"; conv "$ORIG/p225_002_mic1.flac" "$T/p225_2.wav"
sox -D "$T/p225_1.wav" "$T/gap.wav" "$T/p225_2.wav" "$OUT/vctk_p225_001-002.flac"
one p226_001_mic1.flac vctk_p226_001
one ami_ES2011a_h0_40_46.wav ami_ES2011a_h0_40-46
one doing_the_dishes.wav noise_kitchen_dishes trim 0 20
one exercise_bike.wav noise_exercise_bike trim 0 20
one running_tap.wav noise_running_tap trim 0 20
one cafe_short.wav noise_cafe
# added later: a CC0 home-microphone voice reading ARCTIC prompts (rhasspy/dataset-voice-cathy,
# 48 kHz stereo originals) and three more CMU ARCTIC awb prompts from pyroomacoustics
join() { local out=$1; shift; local parts=() i=0; for f in "$@"; do conv "$ORIG/$f" "$T/j$i.wav"; [ $i -gt 0 ] && parts+=("$T/gap.wav"); parts+=("$T/j$i.wav"); i=$((i+1)); done; sox -D "${parts[@]}" "$OUT/$out.flac"; }
join cathy_a0101-0104 arctic_a0101_1592746221.wav arctic_a0102_1592746203.wav arctic_a0103_1592746189.wav arctic_a0104_1592746172.wav
join cathy_a0105-0107 arctic_a0105_1592746140.wav arctic_a0106_1592746124.wav arctic_a0107_1592746108.wav
join cathy_a0108-0111 arctic_a0108_1592746081.wav arctic_a0109_1592746056.wav arctic_a0110_1592746044.wav arctic_a0111_1592746026.wav
join arctic_awb_a0008-0010 pra_arctic_a0008.wav pra_arctic_a0009.wav pra_arctic_a0010.wav
# AMI meeting speech: speaker channels of the 60 s excerpt in pyannote-audio's tutorials/assets/seriously
# (commit 84d5e404), each cut to one long turn of its speaker (times from mixture.rttm and the channel's energy)
one pyannote_seriously_source1.wav ami_FEE013_turn trim 6.5 =30.5
one pyannote_seriously_source3.wav ami_FEE016_turn trim 29.5 =45.0
one pyannote_seriously_source0.wav ami_MEO015_turn trim 42.3 =60.0
# competing talkers: the second half of the same excerpt's mixture.wav (noise kind "meeting")
one pyannote_seriously_mixture.wav noise_meeting trim 30 =50
# the same excerpt: the first words of two of its speakers
one pyannote_seriously_source3.wav ami_FEE016_first trim 0 =5.6
one pyannote_seriously_source0.wav ami_MEO015_first trim 4.9 =8.3
# more of the CC0 voice
join cathy_a0113-0116 arctic_a0113_1592745963.wav arctic_a0114_1592745950.wav arctic_a0115_1592745922.wav arctic_a0116_1592745906.wav
join cathy_a0117-0120 arctic_a0117_1592745865.wav arctic_a0118_1592745840.wav arctic_a0119_1592745827.wav arctic_a0120_1592745800.wav
join cathy_a0121-0124 arctic_a0121_1592745782.wav arctic_a0122_1592745762.wav arctic_a0123_1592745749.wav arctic_a0124_1592745732.wav
join cathy_a0125-0128 arctic_a0125_1592745717.wav arctic_a0126_1592745702.wav arctic_a0127_1592745690.wav arctic_a0128_1592745673.wav
# LibriSpeech speakers 251 and 3536 from ARM's ml-embedded-evaluation-kit samples (alifsemi fork)
join ls_251_3utts arm_testing_routine.wav arm_another_engineer.wav arm_i_tell_you.wav
one arm_another_door.wav ls_3536-23268-0010
