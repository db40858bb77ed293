//! Real voices in real rooms (issue 12): the `bench/rooms` set (human speech with human
//! transcripts, clean and in real noise that goes on after the speech) through warmup two ways:
//! whole-file transcription, and the session's own path for one answer
//! (`session::answer::answer_once`: turn-taking, pieces, probes, the filler pass). Per noise and
//! level: word error rate of each (pooled over the files, hesitations taken out of reference and
//! transcript alike), how the turns ended (cut early: judged over before the speech ended; on
//! time: within end silence + 0.5 s after it; late: after that, or never), CPU seconds of the
//! session path per second of speech, and the process's peak RSS.
//!
//! `python3 bench/rooms/build.py` first, then `cargo bench --bench rooms`. `BENCH_SNR` picks the
//! levels (default `clean,15`; e.g. `clean,20,15,10`), `BENCH_NOISES` the noises (default all),
//! `BENCH_LIMIT` the files per group, `ROOMS_CACHE` where the built set is, `BENCH_VERBOSE` each file's transcripts. Prints a table.
//! `BENCH_WHISPER` picks the whisper model by name (`base-q8_0`; `warmup models fetch --whisper
//! NAME` first), `BENCH_FILLERS=0` turns the filler pass off, and `BENCH_REFERENCE` names a JSON
//! file of faster-whisper's transcripts of the same files (`bench/rooms/reference.py` writes
//! it) to score beside warmup's the same way.

mod common;

use std::collections::BTreeMap;
use std::sync::atomic::AtomicBool;

use warmup::asr::wer::wer;
use warmup::asr::{TranscribeOptions, Transcriber};
use warmup::audio::source::ClipSource;
use warmup::audio::wav::read_wav;
use warmup::session::answer::{answer_once, Once};
use warmup::session::input::Live;
use warmup::session::turn::EndedBy;
use warmup::transcript::{normalize, HESITATIONS};

/// Words without hesitations: whisper drops most "um"s, and their count is issue 12's filler
/// measure, not this one's.
fn words(text: &str) -> String {
    normalize(text)
        .into_iter()
        .filter(|w| !HESITATIONS.contains(&w.as_str()))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Word errors of `hyp` against `reference`, and the reference's word count.
fn errors(reference: &str, hyp: &str) -> (f64, usize) {
    let r = words(reference);
    let n = r.split_whitespace().count();
    (f64::from(wer(&r, &words(hyp))) * n as f64, n)
}

/// This process's CPU seconds so far and its peak resident memory in MB.
fn usage() -> (f64, f64) {
    // SAFETY: getrusage writes into the struct it is given.
    let mut u: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut u) };
    let t = |v: libc::timeval| v.tv_sec as f64 + v.tv_usec as f64 / 1e6;
    (t(u.ru_utime) + t(u.ru_stime), u.ru_maxrss as f64 / 1024.0)
}

#[derive(Default)]
struct Group {
    files: usize,
    ref_words: usize,
    whole_errors: f64,
    session_errors: f64,
    cut: usize,
    on_time: usize,
    late: usize,
    cpu_s: f64,
    whole_cpu_s: f64,
    speech_s: f64,
    reference_errors: f64,
    reference_cpu_s: f64,
}

/// faster-whisper's transcript and CPU time of one file, as `bench/rooms/reference.py`
/// writes them.
#[derive(serde::Deserialize)]
struct ReferenceRun {
    label: String,
    files: BTreeMap<String, ReferenceFile>,
}

#[derive(serde::Deserialize)]
struct ReferenceFile {
    text: String,
    cpu_s: f64,
}

fn main() {
    let (root, manifest) = common::rooms();
    let snrs: Vec<String> = std::env::var("BENCH_SNR")
        .unwrap_or_else(|_| "clean,15".into())
        .split(',')
        .map(str::to_string)
        .collect();
    let noises: Option<Vec<String>> = std::env::var("BENCH_NOISES")
        .ok()
        .map(|v| v.split(',').map(str::to_string).collect());
    let limit: usize = std::env::var("BENCH_LIMIT")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(usize::MAX);

    let common::Engines {
        layout,
        model,
        mut asr,
        mut tts,
    } = common::engines();
    let banks = layout.home.join("question-banks");
    let ctx = warmup::insights::Context::load(&banks.join("glossary")).expect("glossaries");
    let question = warmup::bank::Question {
        id: "rooms".into(),
        field: "general".into(),
        kind: warmup::bank::Kind::Background,
        text: "Tell me about yourself.".into(),
        talking_points: warmup::bank::Kind::Background
            .default_talking_points()
            .to_vec(),
        terms: Vec::new(),
    };
    let mut listening = warmup::config::Config::default()
        .listening()
        .load_detector(&layout)
        .expect("voice detector");
    if std::env::var("BENCH_FILLERS").as_deref() == Ok("0") {
        listening.keep_fillers = false;
    }
    let reference: Option<ReferenceRun> = std::env::var("BENCH_REFERENCE").ok().map(|p| {
        serde_json::from_str(&std::fs::read_to_string(&p).expect("BENCH_REFERENCE file"))
            .expect("BENCH_REFERENCE: JSON from bench/rooms/reference.py")
    });
    let end_silence_s = listening.endpoint.end_silence_ms as f32 / 1000.0;
    let stop = AtomicBool::new(false);
    let whole_opts = TranscribeOptions {
        fit_audio_ctx: true,
        ..TranscribeOptions::default()
    };

    let mut groups: BTreeMap<(String, String), Group> = BTreeMap::new();
    for (e, noise, level) in manifest.select(&snrs, noises.as_deref()) {
        let g = groups.entry((noise, level)).or_default();
        if g.files >= limit {
            continue;
        }
        let clip = read_wav(&root.join(&e.wav)).expect("wav");
        let cpu = usage().0;
        let whole = asr.transcribe(&clip, &whole_opts).expect("transcribes");
        g.whole_cpu_s += usage().0 - cpu;
        if let Some(r) = &reference {
            let f = r.files.get(&e.wav).unwrap_or_else(|| {
                panic!(
                    "{} is not in BENCH_REFERENCE: run it on the same files",
                    e.wav
                )
            });
            g.reference_errors += errors(&e.reference, &f.text).0;
            g.reference_cpu_s += f.cpu_s;
        }
        let cpu = usage().0;
        let once = answer_once(
            &mut Live::new(ClipSource::new(&clip).expect("clip")),
            &mut asr,
            &mut tts,
            &listening,
            &question,
            &ctx,
            &stop,
        )
        .expect("answer");
        g.cpu_s += usage().0 - cpu;
        g.speech_s += f64::from(e.speech_end_s - e.speech_start_s);
        let (errs, n) = errors(&e.reference, &whole.text);
        g.files += 1;
        g.ref_words += n;
        g.whole_errors += errs;
        if std::env::var_os("BENCH_VERBOSE").is_some() {
            let session = match &once {
                Once::Answered(r) => format!(
                    "{} ({:?} at {:.1} s)",
                    r.transcript, r.ended_by, r.turn_end_s
                ),
                other => format!("{other:?}"),
            };
            eprintln!(
                "{}\n  ref:     {}\n  whole:   {}\n  session: {session}",
                e.wav, e.reference, whole.text
            );
        }
        match once {
            Once::Answered(r) => {
                g.session_errors += errors(&e.reference, &r.transcript).0;
                if r.turn_end_s < e.speech_end_s {
                    g.cut += 1;
                } else if matches!(r.ended_by, EndedBy::EndOfInput | EndedBy::MaxLength)
                    || r.turn_end_s > e.speech_end_s + end_silence_s + 0.5
                {
                    g.late += 1;
                } else {
                    g.on_time += 1;
                }
            }
            // Nothing heard: every reference word is an error, and the turn never ended.
            Once::NoWords | Once::NoSpeech => {
                g.session_errors += n as f64;
                g.late += 1;
            }
        }
    }

    println!("\nwhisper model: {}", model.display());
    println!(
        "end silence {:.1} s; keep fillers {}; hesitations left out of WER\n",
        end_silence_s, listening.keep_fillers
    );
    let label = reference.as_ref().map_or("-", |r| r.label.as_str());
    println!("reference (whole file): {label}\n");
    println!("| noise | SNR (dB) | files | words | WER whole file | WER session path | WER reference | turns cut early / on time / late | CPU s per s of speech: session / whole file / reference |");
    println!("|---|---|---:|---:|---:|---:|---:|---|---|");
    for ((noise, level), g) in &groups {
        let w = g.ref_words.max(1) as f64;
        let per_s = |cpu: f64| cpu / g.speech_s.max(1e-9);
        let (ref_wer, ref_cpu) = match reference {
            Some(_) => (
                format!("{:.3}", g.reference_errors / w),
                format!("{:.2}", per_s(g.reference_cpu_s)),
            ),
            None => ("-".into(), "-".into()),
        };
        println!(
            "| {noise} | {level} | {} | {} | {:.3} | {:.3} | {ref_wer} | {} / {} / {} | {:.2} / {:.2} / {ref_cpu} |",
            g.files,
            g.ref_words,
            g.whole_errors / w,
            g.session_errors / w,
            g.cut,
            g.on_time,
            g.late,
            per_s(g.cpu_s),
            per_s(g.whole_cpu_s),
        );
    }
    println!("\npeak RSS: {:.0} MB", usage().1);
}
