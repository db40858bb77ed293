//! What each command does, over the library. Errors are `anyhow` here and only here.

use std::io::Write;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use serde::Serialize;

use crate::asr::{AsrError, TranscribeOptions, Transcriber, Transcript, WhisperTranscriber};
use crate::audio::{self, wav};
use crate::cli::{Cli, Command, FetchArgs, ModelsCommand, SayArgs, TranscribeArgs};
use crate::models::{self, fetch, FileState, Layout, ModelError};
use crate::tts::{PiperSynthesizer, Synthesizer, TtsError};

/// Exit code when a model is missing or corrupt (`warmup models fetch` fixes it).
pub const EXIT_MODELS: u8 = 3;

/// Runs one command.
///
/// # Errors
/// Anything the command cannot do, with its cause chain.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let layout = Layout::resolve(cli.home.as_deref());
    tracing::debug!(home = %layout.home.display(), "layout");
    match cli.command {
        Command::Models(ModelsCommand::Fetch(args)) => fetch_models(&layout, &args),
        Command::Models(ModelsCommand::Check) => check_models(&layout),
        Command::Say(args) => say(&layout, &args),
        Command::Transcribe(args) => transcribe(&layout, cli.whisper_model.as_deref(), &args),
    }
}

/// Exit code for an error: [`EXIT_MODELS`] when a model is the cause.
pub fn exit_code_for(err: &anyhow::Error) -> ExitCode {
    let is_model =
        |m: &ModelError| matches!(m, ModelError::Missing { .. } | ModelError::Corrupt { .. });
    // The engines' errors wrap ModelError transparently, so it never shows in the chain itself.
    let model_problem = err.chain().any(|e| {
        e.downcast_ref::<ModelError>().is_some_and(is_model)
            || matches!(e.downcast_ref::<TtsError>(), Some(TtsError::Model(m)) if is_model(m))
            || matches!(e.downcast_ref::<AsrError>(), Some(AsrError::Model(m)) if is_model(m))
    });
    ExitCode::from(if model_problem { EXIT_MODELS } else { 1 })
}

fn fetch_models(layout: &Layout, args: &FetchArgs) -> anyhow::Result<ExitCode> {
    let opts = fetch::FetchOptions {
        whisper_model: args.user_whisper_model.clone(),
        packages_dir: args.packages.clone(),
        python: args.python.clone(),
        progress: !args.quiet,
    };
    eprintln!("Installing models under {}", layout.home.display());
    let done = fetch::fetch_all(layout, &opts)?;
    for (id, path, outcome) in done {
        let what = match outcome {
            fetch::Outcome::AlreadyVerified => "already installed, verified",
            fetch::Outcome::Installed => "installed, verified",
        };
        println!("{id:<14} {what:<27} {}", path.display());
    }
    if layout.espeak_data_parent().is_none() {
        println!("espeak-ng-data missing: install it with `sudo apt-get install espeak-ng-data`");
        return Ok(ExitCode::from(EXIT_MODELS));
    }
    Ok(ExitCode::SUCCESS)
}

fn check_models(layout: &Layout) -> anyhow::Result<ExitCode> {
    let mut ok = true;
    println!("warmup home: {}", layout.home.display());
    for line in models::status(layout)? {
        let state = match &line.state {
            FileState::Verified => "verified".to_string(),
            FileState::Missing => {
                ok = false;
                "MISSING".to_string()
            }
            FileState::Wrong(why) => {
                ok = false;
                format!("CORRUPT ({why})")
            }
        };
        println!("{:<26} {:<10} {}", line.id, state, line.path.display());
    }
    if ok {
        println!("All models present and verified.");
        Ok(ExitCode::SUCCESS)
    } else {
        println!(
            "To fix: run `{}` (espeak-ng-data: `sudo apt-get install espeak-ng-data`).",
            models::FETCH_COMMAND
        );
        Ok(ExitCode::from(EXIT_MODELS))
    }
}

fn say(layout: &Layout, args: &SayArgs) -> anyhow::Result<ExitCode> {
    if !(0.5..=2.0).contains(&args.rate) {
        anyhow::bail!("--rate must be between 0.5 and 2.0 (got {})", args.rate);
    }
    let mut tts = PiperSynthesizer::load(layout)?;
    let start = Instant::now();
    let mut first: Option<f32> = None;
    let mut clips = Vec::new();
    tts.synthesize(&args.text, args.rate, &mut |clip| {
        first.get_or_insert(start.elapsed().as_secs_f32());
        clips.push(clip);
    })?;
    tracing::info!(
        first_audio_ms = first.map(|s| (s * 1000.0) as u32),
        total_ms = start.elapsed().as_millis() as u64,
        "synthesized"
    );
    match &args.output {
        Some(path) => {
            let mut all = audio::Clip::new(Vec::new(), tts.sample_rate());
            for c in &clips {
                all.append(c);
            }
            wav::write_wav(path, &all)?;
            eprintln!(
                "Wrote {:.1} s of speech to {}",
                all.duration_s(),
                path.display()
            );
        }
        None => audio::device::play_default(clips)?,
    }
    Ok(ExitCode::SUCCESS)
}

#[derive(Serialize)]
struct TranscribeJson<'a> {
    file: String,
    #[serde(flatten)]
    transcript: &'a Transcript,
    timings_ms: Timings,
}

#[derive(Serialize)]
struct Timings {
    load: u64,
    transcribe: u64,
}

fn transcribe(
    layout: &Layout,
    whisper_model: Option<&std::path::Path>,
    args: &TranscribeArgs,
) -> anyhow::Result<ExitCode> {
    let clip = wav::read_wav(&args.file)?;
    let model = layout.whisper_model(whisper_model)?;
    let t0 = Instant::now();
    let mut asr =
        WhisperTranscriber::load(&model).with_context(|| format!("loading {}", model.display()))?;
    let load = t0.elapsed();
    let mut opts = TranscribeOptions {
        prompt: args.prompt.clone(),
        beam_size: args.beam.max(1),
        fit_audio_ctx: !args.full_window,
        ..TranscribeOptions::default()
    };
    if let Some(t) = args.threads {
        opts.threads = t.max(1);
    }
    let t1 = Instant::now();
    let transcript = asr.transcribe(&clip, &opts)?;
    let took = t1.elapsed();
    let mut out = std::io::stdout().lock();
    if args.json {
        let json = TranscribeJson {
            file: args.file.display().to_string(),
            transcript: &transcript,
            timings_ms: Timings {
                load: load.as_millis() as u64,
                transcribe: took.as_millis() as u64,
            },
        };
        serde_json::to_writer_pretty(&mut out, &json)?;
        writeln!(out)?;
    } else {
        writeln!(out, "{}", transcript.text)?;
    }
    Ok(ExitCode::SUCCESS)
}
