//! End-of-answer to first feedback sound, compute only (the end silence itself excluded), for
//! answers of 10, 30, 90 and 180 s: warmup's incremental transcription (pieces at pauses while
//! the candidate speaks) next to transcribing everything at the end. Median of runs. Both with
//! one decoding pass and with the second pass that keeps fillers (`[asr] keep_fillers`, the
//! default), with the decoding time spent while the candidate speaks per second of speech
//! (above 1 the transcription falls behind).
//!
//! `cargo bench --bench latency` (models installed: `warmup models fetch`; `BENCH_RUNS=N`,
//! default 3). Prints a table.

mod common;

use std::time::Instant;

use common::{espeak, SENTENCES};

use warmup::asr::{TranscribeOptions, Transcriber};
use warmup::audio::source::ClipSource;
use warmup::audio::Clip;
use warmup::session::turn::Turn;
use warmup::tts::Synthesizer;
use warmup::vad::endpointer::{EndpointConfig, WebRtcDetector};

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// An answer of about `secs` seconds: sentences separated by 0.9 s pauses, then 3.5 s silence.
fn answer(sentences: &[Clip], secs: f32) -> Clip {
    let mut c = Clip::new(Vec::new(), 16_000);
    let mut i = 0;
    while c.duration_s() < secs {
        c.append(&sentences[i % sentences.len()]);
        c.append(&Clip::silence(0.9, 16_000));
        i += 1;
    }
    c.append(&Clip::silence(3.5, 16_000));
    c
}

fn main() {
    let runs: usize = std::env::var("BENCH_RUNS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(3);
    let common::Engines {
        layout,
        mut asr,
        mut tts,
        ..
    } = common::engines();
    let dir = tempfile::tempdir().expect("temp dir");
    let sentences: Vec<Clip> = SENTENCES
        .iter()
        .enumerate()
        .map(|(i, s)| espeak(dir.path(), &format!("s{i}.wav"), s))
        .collect();
    let banks = layout.home.join("question-banks");
    let ctx = warmup::insights::Context::load(&banks.join("glossary")).expect("glossaries");
    let question = warmup::bank::load_dir(&banks)
        .expect("banks")
        .question("cyber-beh-01")
        .cloned()
        .expect("question");
    println!("| answer | keep fillers | incremental: end to first sound (ms) | pieces before the end | decoding while speaking, s per s of speech | transcribe at the end: end to first sound (ms) |");
    println!("|---:|---|---:|---:|---:|---:|");
    for (secs, keep_fillers) in [10.0f32, 30.0, 90.0, 180.0]
        .into_iter()
        .flat_map(|s| [(s, false), (s, true)])
    {
        let opts = TranscribeOptions {
            fit_audio_ctx: true,
            keep_fillers,
            ..TranscribeOptions::default()
        };
        let clip = answer(&sentences, secs);
        let (mut inc_ms, mut end_ms, mut pieces, mut during) =
            (Vec::new(), Vec::new(), 0, Vec::new());
        for _ in 0..runs {
            // Incremental: the turn runs over the frames; the clock starts when it is judged over.
            let mut src = ClipSource::new(&clip).expect("source");
            let mut turn = Turn::new(
                WebRtcDetector::new(),
                &EndpointConfig::default(),
                opts.clone(),
            );
            let t = Instant::now();
            turn.feed(&mut src, &mut asr).expect("asr");
            during.push(t.elapsed().as_secs_f64() / f64::from(clip.duration_s() - 3.5));
            let t = Instant::now();
            let r = turn.finish(&mut asr).expect("asr").expect("speech");
            pieces = r.pieces_during;
            let feedback = warmup::insights::feedback(&warmup::insights::analyze(
                &r.transcript,
                &question,
                &ctx,
            ));
            let mut first = None;
            tts.synthesize(&feedback, 1.0, &mut |_| {
                first.get_or_insert(t.elapsed().as_secs_f64() * 1000.0);
                std::ops::ControlFlow::Continue(())
            })
            .expect("tts");
            inc_ms.push(first.unwrap_or(f64::NAN));

            // At the end: the whole answer transcribed once the turn is over.
            let speech = Clip::new(clip.samples[..clip.samples.len() - 56_000].to_vec(), 16_000);
            let t = Instant::now();
            let whole = asr.transcribe(&speech, &opts).expect("asr");
            let feedback =
                warmup::insights::feedback(&warmup::insights::analyze(&whole, &question, &ctx));
            let mut first = None;
            tts.synthesize(&feedback, 1.0, &mut |_| {
                first.get_or_insert(t.elapsed().as_secs_f64() * 1000.0);
                std::ops::ControlFlow::Continue(())
            })
            .expect("tts");
            end_ms.push(first.unwrap_or(f64::NAN));
        }
        println!(
            "| {:.0} s | {} | {:.0} | {pieces} | {:.2} | {:.0} |",
            clip.duration_s() - 3.5,
            if keep_fillers { "yes" } else { "no" },
            median(inc_ms),
            median(during),
            median(end_ms)
        );
    }
}
