//! `warmup analyze`: insights and spoken feedback for an answer given as text or a
//! transcript file.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Context;

use super::Settings;
use crate::asr::Transcript;
use crate::bank;
use crate::cli::AnalyzeArgs;

/// The largest transcript `analyze --transcript` reads (a 3-minute answer's JSON is ~40 KB).
const MAX_TRANSCRIPT_BYTES: u64 = 4 * 1024 * 1024;

pub(super) fn analyze(settings: &Settings, args: &AnalyzeArgs) -> anyhow::Result<ExitCode> {
    let kind = args.kind;
    let dir = &settings.banks_dir;
    let question = match &args.question {
        Some(id) => {
            let banks = bank::load_dir(dir)?;
            let q = banks
                .question(id)
                .cloned()
                .with_context(|| format!("no question `{id}` in {}", dir.display()))?;
            anyhow::ensure!(q.kind == kind, "question `{id}` is {}, not {kind}", q.kind);
            q
        }
        None => bank::Question {
            id: "custom".into(),
            field: args.field.clone(),
            kind,
            text: String::new(),
            talking_points: kind.default_talking_points().to_vec(),
            terms: Vec::new(),
        },
    };
    let transcript = match (&args.text, &args.transcript) {
        (Some(t), _) => text_transcript(t),
        (None, Some(path)) => {
            let raw = crate::input::read_text(path, MAX_TRANSCRIPT_BYTES, "a transcript")?;
            match serde_json::from_str::<serde_json::Value>(&raw) {
                Ok(v) if v.get("words").is_some() => Transcript {
                    text: v["text"].as_str().unwrap_or_default().to_string(),
                    words: serde_json::from_value(v["words"].clone()).with_context(|| {
                        format!(
                            "{}: `words` is not a list of words with times",
                            path.display()
                        )
                    })?,
                    duration_s: v["duration_s"].as_f64().unwrap_or(0.0) as f32,
                },
                _ => text_transcript(&raw),
            }
        }
        (None, None) => anyhow::bail!("give --text or --transcript"),
    };
    let ctx = crate::insights::Context::load(&dir.join("glossary")).map_err(anyhow::Error::msg)?;
    let insights = crate::insights::analyze(&transcript, &question, &ctx);
    let feedback = crate::insights::feedback(&insights);
    let mut out = std::io::stdout().lock();
    if args.json {
        let json = serde_json::json!({ "insights": insights, "feedback": feedback });
        serde_json::to_writer_pretty(&mut out, &json)?;
        writeln!(out)?;
    } else {
        writeln!(out, "{feedback}")?;
    }
    Ok(ExitCode::SUCCESS)
}

/// A transcript from plain text: words without timings (pace and pauses are then unknown).
fn text_transcript(text: &str) -> Transcript {
    Transcript {
        text: text.trim().to_string(),
        words: text
            .split_whitespace()
            .map(|w| crate::transcript::Word {
                text: w.to_string(),
                start: 0.0,
                end: 0.0,
                prob: 1.0,
            })
            .collect(),
        duration_s: 0.0,
    }
}
