//! `warmup transcribe`: a WAV file through whisper, as text or JSON with word timings.

use std::io::Write;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use serde::Serialize;

use super::Settings;
use crate::asr::{TranscribeOptions, Transcriber, Transcript, WhisperTranscriber};
use crate::audio::wav;
use crate::cli::TranscribeArgs;

#[derive(Serialize)]
struct TranscribeJson<'a> {
    file: String,
    #[serde(flatten)]
    transcript: &'a Transcript,
    timings_ms: Timings,
}

#[derive(Serialize)]
struct Timings {
    load: f64,
    /// Median over `runs`.
    transcribe: f64,
    runs: Vec<f64>,
}

pub(super) fn transcribe(settings: &Settings, args: &TranscribeArgs) -> anyhow::Result<ExitCode> {
    let clip = wav::read_wav(&args.file)?;
    let model = settings.whisper_path()?;
    let t0 = Instant::now();
    let asr =
        WhisperTranscriber::load(&model).with_context(|| format!("loading {}", model.display()))?;
    let mut asr = asr.with_stop(crate::stop::flag());
    let load = t0.elapsed();
    let mut opts = TranscribeOptions {
        prompt: args.prompt.clone(),
        beam_size: args.beam.max(1),
        fit_audio_ctx: !args.full_window,
        keep_fillers: args.keep_fillers,
        ..TranscribeOptions::default()
    };
    if let Some(t) = args.threads {
        opts.threads = t.max(1);
    }
    let mut runs = Vec::new();
    let mut transcript = Transcript::default();
    for _ in 0..args.repeat {
        let t1 = Instant::now();
        transcript = asr.transcribe(&clip, &opts)?;
        runs.push(t1.elapsed().as_secs_f64() * 1000.0);
    }
    let mut sorted = runs.clone();
    sorted.sort_by(f64::total_cmp);
    let median = sorted[sorted.len() / 2];
    let mut out = std::io::stdout().lock();
    if args.json {
        let json = TranscribeJson {
            file: args.file.display().to_string(),
            transcript: &transcript,
            timings_ms: Timings {
                load: load.as_secs_f64() * 1000.0,
                transcribe: median,
                runs,
            },
        };
        serde_json::to_writer_pretty(&mut out, &json)?;
        writeln!(out)?;
    } else {
        writeln!(out, "{}", transcript.text)?;
    }
    Ok(ExitCode::SUCCESS)
}
