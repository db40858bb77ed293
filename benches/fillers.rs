//! Does an initial prompt written with fillers make whisper keep the candidate's fillers, and
//! does it cost accuracy? And warmup's way round it: a plain pass plus the hesitation sounds
//! of a prompted pass (`src/asr/hesitations.rs`). Ten answers with fillers ("um", "uh", "you know", "I mean", "like",
//! "sort of", ...) and the six plain sentences of the latency bench, spoken by two voices
//! (espeak-ng, and the agent's Piper voice), transcribed with and without the prompt.
//!
//! Per voice and prompt: fillers in the script (as warmup's filler counter finds them in the
//! text) and in the transcript, and the word error rate with the fillers taken out of both (so
//! kept fillers do not count as errors and dropped ones do not count as deletions), on the
//! answers with fillers and on the plain sentences.
//!
//! Caveat: synthetic voices say "um" as a word, so whisper hears a word; real hesitations are
//! softer and whisper drops more of them. This measures what the prompt does, not how many
//! fillers a real speaker would keep.
//!
//! `cargo bench --bench fillers` (models installed: `warmup models fetch`). Prints a table.
//! `PROMPTS='first prompt|second prompt'` adds rows for more prompts; `SHOW=1` prints each
//! transcript.

mod common;

use common::{espeak, SENTENCES};
use warmup::asr::wer::wer;
use warmup::asr::{TranscribeOptions, Transcriber, WhisperTranscriber};
use warmup::audio::resample::resample;
use warmup::audio::Clip;
use warmup::tts::{PiperSynthesizer, Synthesizer};

use warmup::asr::hesitations::FILLER_PROMPT;
use warmup::transcript::HESITATIONS;

const WITH_FILLERS: [&str; 10] = [
    "Um, so I worked in a help desk for, uh, about three years.",
    "I think, you know, the main thing was, um, keeping users calm.",
    "So basically I, uh, I started with Python and then, like, moved into security.",
    "We had, um, an outage, and I mean, it was, uh, pretty bad.",
    "I sort of led the project, um, with two other analysts.",
    "Uh, the firewall was, like, blocking the traffic, you know.",
    "Hmm, I would say my strength is, um, communication.",
    "I mean, I kind of learned, uh, to ask for help earlier.",
    "So, um, first I check the logs, and then, uh, I look at the alerts.",
    "Basically, you know, I want to, um, grow into a senior role.",
];

/// The plain sentences: those of the latency bench.
const PLAIN: [&str; 6] = SENTENCES;

fn count_fillers(text: &str) -> usize {
    let words: Vec<&str> = text.split_whitespace().collect();
    warmup::insights::fillers::fillers(&words, 1.0).total
}

/// The text without the words that make up its fillers.
fn without_fillers(text: &str) -> String {
    // The hesitation sounds in every spelling, and the words of the other fillers.
    const DROP: [&str; 7] = ["like", "basically", "you", "know", "mean", "sort", "kind"];
    // Rough but symmetric: applied to the script and the transcript alike.
    warmup::transcript::normalize(text)
        .into_iter()
        .filter(|w| !DROP.contains(&w.as_str()) && !HESITATIONS.contains(&w.as_str()))
        .collect::<Vec<_>>()
        .join(" ")
}

/// How a clip is transcribed.
#[derive(Clone, Copy)]
enum Mode<'a> {
    Plain,
    Prompt(&'a str),
    /// warmup's way: a plain pass plus the hesitations of a prompted pass.
    TwoPasses,
}

struct Row {
    seconds: f64,
    fillers_plain: usize,
    fillers_script: usize,
    fillers_heard: usize,
    wer_fillers: f32,
    wer_plain: f32,
}

fn run(asr: &mut WhisperTranscriber, filler: &[Clip], plain: &[Clip], mode: Mode) -> Row {
    let opts = TranscribeOptions {
        prompt: match mode {
            Mode::Prompt(p) => Some(p.to_string()),
            _ => None,
        },
        keep_fillers: matches!(mode, Mode::TwoPasses),
        fit_audio_ctx: true,
        ..TranscribeOptions::default()
    };
    let start = std::time::Instant::now();
    let mut row = Row {
        seconds: 0.0,
        fillers_plain: 0,
        fillers_script: 0,
        fillers_heard: 0,
        wer_fillers: 0.0,
        wer_plain: 0.0,
    };
    for (clip, script) in filler.iter().zip(WITH_FILLERS) {
        let heard = asr.transcribe(clip, &opts).expect("asr").text;
        row.fillers_script += count_fillers(script);
        row.fillers_heard += count_fillers(&heard);
        row.wer_fillers += wer(&without_fillers(script), &without_fillers(&heard));
        if std::env::var("SHOW").is_ok() {
            eprintln!("{heard:?}");
        }
    }
    row.wer_fillers /= filler.len() as f32;
    for (clip, script) in plain.iter().zip(PLAIN) {
        let heard = asr.transcribe(clip, &opts).expect("asr").text;
        row.wer_plain += wer(script, &heard);
        row.fillers_plain += count_fillers(&heard);
        if std::env::var("SHOW").is_ok() {
            eprintln!("plain sentence: {heard:?}");
        }
    }
    row.wer_plain /= plain.len() as f32;
    row.seconds = start.elapsed().as_secs_f64();
    row
}

fn main() {
    let common::Engines {
        model,
        mut asr,
        mut tts,
        ..
    } = common::engines();
    let dir = tempfile::tempdir().expect("temp dir");
    let piper = |tts: &mut PiperSynthesizer, text: &str| {
        let clip = tts.synthesize_clip(text, 1.0).expect("tts");
        resample(&clip, 16_000).expect("resample")
    };
    let voices: Vec<(&str, Vec<Clip>, Vec<Clip>)> = vec![
        (
            "espeak-ng",
            WITH_FILLERS
                .iter()
                .enumerate()
                .map(|(i, t)| espeak(dir.path(), &format!("e{i}.wav"), t))
                .collect(),
            PLAIN
                .iter()
                .enumerate()
                .map(|(i, t)| espeak(dir.path(), &format!("p{i}.wav"), t))
                .collect(),
        ),
        (
            "piper (agent's voice)",
            WITH_FILLERS.iter().map(|t| piper(&mut tts, t)).collect(),
            PLAIN.iter().map(|t| piper(&mut tts, t)).collect(),
        ),
    ];
    println!("whisper model: {}", model.display());
    println!("prompt: {FILLER_PROMPT:?}\n");
    println!("| voice | transcription | fillers in script | fillers transcribed | WER, answers with fillers (fillers removed) | WER, plain sentences | fillers heard in plain sentences | seconds, all 16 clips |");
    println!("|---|---|---:|---:|---:|---:|---:|---:|");
    let extra = std::env::var("PROMPTS").unwrap_or_default();
    for (name, filler, plain) in &voices {
        let mut modes: Vec<(String, Mode)> = vec![
            ("plain".into(), Mode::Plain),
            ("filler prompt".into(), Mode::Prompt(FILLER_PROMPT)),
            ("two passes (warmup)".into(), Mode::TwoPasses),
        ];
        for p in extra.split('|').filter(|s| !s.is_empty()) {
            modes.push((
                format!("prompt {:?}", &p[..p.len().min(24)]),
                Mode::Prompt(p),
            ));
        }
        for (label, mode) in modes {
            let r = run(&mut asr, filler, plain, mode);
            println!(
                "| {name} | {label} | {} | {} | {:.3} | {:.3} | {} | {:.1} |",
                r.fillers_script,
                r.fillers_heard,
                r.wer_fillers,
                r.wer_plain,
                r.fillers_plain,
                r.seconds
            );
        }
    }
}
