//! `warmup answer`: one recorded answer through turn-taking, recognition, insights and
//! feedback, faster than real time.

use std::io::Write;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;

use super::Settings;
use crate::asr::{TranscribeOptions, WhisperTranscriber};
use crate::audio::source::ClipSource;
use crate::bank;
use crate::cli::AnswerArgs;
use crate::session::turn::Turn;
use crate::session::AnswerReport;
use crate::tts::{PiperSynthesizer, Synthesizer};
use crate::vad::endpointer::WebRtcDetector;

pub(super) fn answer(settings: &Settings, args: &AnswerArgs) -> anyhow::Result<ExitCode> {
    let layout = &settings.layout;
    let question = match (&args.question, &args.ask) {
        (Some(id), _) => {
            let dir = &settings.banks_dir;
            let banks = bank::load_dir(dir)?;
            banks
                .question(id)
                .cloned()
                .with_context(|| format!("no question `{id}` in {}", dir.display()))?
        }
        (None, Some(text)) => {
            let Some(kind) = args.kind else {
                anyhow::bail!("--ask needs --kind");
            };
            bank::Question {
                id: "custom".into(),
                field: args.field.clone().unwrap_or_default(),
                kind,
                text: text.clone(),
                talking_points: kind
                    .default_talking_points()
                    .iter()
                    .map(|s| s.to_string())
                    .collect(),
                terms: Vec::new(),
            }
        }
        (None, None) => anyhow::bail!("give --question ID or --ask TEXT"),
    };
    let mut source = ClipSource::from_wav(&args.file)?;
    let model = layout.whisper_model(settings.whisper_model.as_deref())?;
    let mut asr = WhisperTranscriber::load(&model)?.with_stop(crate::stop::flag());
    let mut tts = PiperSynthesizer::load(layout)?.with_stop(crate::stop::flag());
    // `--end-silence` is in `settings.listening.endpoint` already.
    let listening = &settings.listening;
    // As in a session: no question prompt (see `session::interview::listen`).
    let opts = TranscribeOptions {
        fit_audio_ctx: true,
        keep_fillers: listening.keep_fillers,
        ..TranscribeOptions::default()
    };
    let mut turn = Turn::new(WebRtcDetector::new(), &listening.endpoint, opts);
    turn.feed(&mut source, &mut asr)?;
    let t = Instant::now();
    let result = turn.finish(&mut asr)?;
    let asr_after_end = t.elapsed().as_secs_f64() * 1000.0;
    let Some(result) = result else {
        anyhow::bail!("no speech found in {}", args.file.display());
    };
    let t = Instant::now();
    let glossary_dir = settings.banks_dir.join("glossary");
    let ctx = crate::insights::Context::load(&glossary_dir).map_err(anyhow::Error::msg)?;
    let insights = crate::insights::analyze(&result.transcript, &question, &ctx);
    let feedback = crate::insights::feedback(&insights);
    let insights_ms = t.elapsed().as_secs_f64() * 1000.0;
    let t = Instant::now();
    let mut first = None;
    tts.synthesize(&feedback, 1.0, &mut |_clip| {
        first.get_or_insert(t.elapsed().as_secs_f64() * 1000.0);
        std::ops::ControlFlow::Continue(())
    })?;
    let mut report = AnswerReport::new(&question, result, insights, feedback);
    report.timings_ms.asr_after_end = asr_after_end;
    report.timings_ms.insights = insights_ms;
    report.timings_ms.tts_first_audio = first.unwrap_or(0.0);
    let mut out = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &report)?;
        writeln!(out)?;
    } else {
        writeln!(out, "Question: {}", report.question)?;
        writeln!(out, "Answer:   {}", report.transcript)?;
        writeln!(
            out,
            "Turn:     speech {:.1}-{:.1} s, judged over at {:.1} s ({:?})",
            report.speech_start_s, report.speech_end_s, report.turn_end_s, report.ended_by
        )?;
        writeln!(out, "Feedback: {}", report.feedback)?;
    }
    Ok(ExitCode::SUCCESS)
}
