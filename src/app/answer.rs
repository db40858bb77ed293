//! `warmup answer`: one recorded answer through the session's own path
//! ([`crate::session::answer::answer_once`]: turn-taking, recognition, insights, feedback),
//! faster than real time.

use std::io::Write;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Context;

use super::Settings;
use crate::asr::WhisperTranscriber;
use crate::audio::source::ClipSource;
use crate::bank;
use crate::cli::AnswerArgs;
use crate::session::answer::{answer_once, Once};
use crate::session::input::Live;
use crate::tts::PiperSynthesizer;

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
            if args.field.is_none() && settings.posting.is_none() {
                anyhow::bail!("--ask needs --field (or --posting to choose it)");
            }
            bank::Question {
                id: "custom".into(),
                // `--field`, else the posting's (resolved in the settings).
                field: settings.field.clone(),
                kind,
                text: text.clone(),
                talking_points: kind.default_talking_points().to_vec(),
                terms: Vec::new(),
            }
        }
        (None, None) => anyhow::bail!("give --question ID or --ask TEXT"),
    };
    let mut input = Live::new(ClipSource::from_wav(&args.file)?);
    let model = settings.whisper_path()?;
    let stop = crate::stop::flag();
    let mut asr = WhisperTranscriber::load(&model)?.with_stop(Arc::clone(&stop));
    let mut tts = PiperSynthesizer::load(layout)?.with_stop(Arc::clone(&stop));
    let listening = settings.listening.clone().load_detector(layout)?;
    let ctx = crate::insights::Context::load(&settings.banks_dir.join("glossary"))
        .map_err(anyhow::Error::msg)?;
    let question = match &settings.posting {
        Some(p) => {
            let glossary = ctx.glossary(&question.field);
            crate::posting::favour_terms(question, &p.terms(glossary), glossary)
        }
        None => question,
    };
    // `--end-silence` is in `settings.listening.endpoint` already.
    let report = match answer_once(
        &mut input, &mut asr, &mut tts, &listening, &question, &ctx, &stop,
    )? {
        Once::Answered(report) => report,
        Once::NoWords => anyhow::bail!(
            "speech found in {}, but no words came of it",
            args.file.display()
        ),
        Once::NoSpeech => anyhow::bail!("no speech found in {}", args.file.display()),
    };
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
