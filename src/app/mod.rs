//! What each command does, over the library. Errors are `anyhow` here and only here.

use std::io::Write;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use serde::Serialize;

use crate::asr::{AsrError, TranscribeOptions, Transcriber, Transcript, WhisperTranscriber};
use crate::audio::{self, wav};
use crate::bank;
use crate::cli::{
    AnalyzeArgs, AnswerArgs, BanksCommand, Cli, Command, FetchArgs, ModelsCommand, SayArgs,
    TranscribeArgs,
};
use crate::models::{self, fetch, FileState, Layout, ModelError};
use crate::tts::{PiperSynthesizer, Synthesizer, TtsError};

mod sessions;
mod show;

use sessions::{demo, kiosk, practice};

/// Exit code when a model is missing or corrupt (`warmup models fetch` fixes it), or a whisper
/// model the user gave cannot be used.
pub const EXIT_MODELS: u8 = crate::exit::MODELS;

/// The largest transcript `analyze --transcript` reads (a 3-minute answer's JSON is ~40 KB).
const MAX_TRANSCRIPT_BYTES: u64 = 4 * 1024 * 1024;

/// Exit code of `devices` without an input and an output (a service waiting for its headset
/// retries on it).
pub const EXIT_NO_DEVICE: u8 = crate::exit::NO_DEVICE;

/// Lists the audio devices with their rates.
fn devices(audio: &crate::config::AudioConfig) -> ExitCode {
    let devices = crate::audio::capture::list_devices();
    for d in &devices {
        crate::out!(
            "{:<6} {} - {}  [{}]{}",
            if d.input { "input" } else { "output" },
            d.id,
            d.name,
            d.rates,
            if d.usable() { "" } else { "  (discards audio)" }
        );
    }
    match missing_device(&devices, audio.input.as_deref(), audio.output.as_deref()) {
        None => ExitCode::SUCCESS,
        Some(what) => {
            crate::out!("{what}. `warmup demo` runs a session without a sound card.");
            ExitCode::from(EXIT_NO_DEVICE)
        }
    }
}

/// What a session would lack on these devices: a usable input and output (ALSA's `null` is not
/// one), or the ones the configuration names.
fn missing_device(
    devices: &[crate::audio::capture::DeviceInfo],
    input: Option<&str>,
    output: Option<&str>,
) -> Option<String> {
    let lacks = |is_input: bool, name: Option<&str>| {
        !devices
            .iter()
            .any(|d| d.input == is_input && d.usable() && name.is_none_or(|n| d.matches(n)))
    };
    let describe = |kind: &str, name: Option<&str>| match name {
        Some(n) => format!("no {kind} device matches {n:?}"),
        None => format!("no {kind} device"),
    };
    let missing: Vec<String> = [(true, input, "input"), (false, output, "output")]
        .into_iter()
        .filter(|(is_input, name, _)| lacks(*is_input, *name))
        .map(|(_, name, kind)| describe(kind, name))
        .collect();
    (!missing.is_empty()).then(|| {
        let mut text = missing.join(" and ");
        text[..1].make_ascii_uppercase();
        text
    })
}

/// Runs one command.
///
/// # Errors
/// Anything the command cannot do, with its cause chain.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let layout = Layout::resolve(cli.home.as_deref());
    tracing::debug!(home = %layout.home.display(), "layout");
    let config = crate::config::Config::load(cli.config.as_deref())?;
    let banks = cli.banks.clone().or_else(|| config.banks.clone());
    let setup = Setup {
        layout: &layout,
        config: &config,
        whisper_model: cli.whisper_model.as_deref(),
        banks: banks.as_deref(),
    };
    // Sessions, `say`, `transcribe` and `answer` read the stop flag and stop in order (a
    // session is saved first), within `stop::GRACE`; the rest simply end on Ctrl-C.
    let stops_itself = matches!(
        cli.command,
        Command::Practice(_)
            | Command::Kiosk(_)
            | Command::Demo(_)
            | Command::Say(_)
            | Command::Transcribe(_)
            | Command::Answer(_)
    );
    crate::stop::exit_within(if stops_itself {
        crate::stop::GRACE
    } else {
        std::time::Duration::ZERO
    });
    match cli.command {
        Command::Models(ModelsCommand::Fetch(args)) => fetch_models(&layout, &args),
        Command::Models(ModelsCommand::Check) => check_models(&layout),
        Command::Say(args) => say(&layout, &args),
        Command::Transcribe(args) => transcribe(&layout, cli.whisper_model.as_deref(), &args),
        Command::Practice(args) => practice(&setup, &args),
        Command::Kiosk(args) => kiosk(&setup, &args),
        Command::Devices => Ok(devices(&config.audio)),
        Command::Demo(args) => demo(&setup, &args),
        Command::Answer(args) => answer(&setup, &args),
        Command::Analyze(args) => analyze(&layout, banks.as_deref(), &args),
        Command::Forget(args) => forget(&args),
        Command::Banks(BanksCommand::Check { dir }) => {
            let dir = dir.unwrap_or_else(|| banks_dir(&layout, banks.as_deref()));
            check_banks(&dir)
        }
    }
}

/// What every session command runs with: the warmup home, the configuration, and the
/// `--whisper-model` / `--banks` overrides.
#[derive(Clone, Copy)]
pub(super) struct Setup<'a> {
    pub layout: &'a Layout,
    pub config: &'a crate::config::Config,
    pub whisper_model: Option<&'a std::path::Path>,
    pub banks: Option<&'a std::path::Path>,
}

impl<'a> Setup<'a> {
    /// The home, the configuration, the whisper model and the banks overrides.
    pub fn parts(
        &self,
    ) -> (
        &'a Layout,
        &'a crate::config::Config,
        Option<&'a std::path::Path>,
        Option<&'a std::path::Path>,
    ) {
        (self.layout, self.config, self.whisper_model, self.banks)
    }
}

/// The question banks in use: `--banks DIR`, else `question-banks/` in the warmup home.
pub fn banks_dir(layout: &Layout, explicit: Option<&std::path::Path>) -> std::path::PathBuf {
    explicit
        .map(std::path::Path::to_path_buf)
        .unwrap_or_else(|| layout.home.join("question-banks"))
}

fn check_banks(dir: &std::path::Path) -> anyhow::Result<ExitCode> {
    match bank::load_dir(dir) {
        Ok(banks) => {
            for b in &banks.banks {
                let counts: Vec<String> = bank::Kind::ALL
                    .iter()
                    .map(|k| format!("{} {k}", b.count(*k)))
                    .collect();
                crate::out!(
                    "{:<20} {:>3} questions ({}) ok",
                    b.field,
                    b.questions.len(),
                    counts.join(", ")
                );
            }
            let mut ok = true;
            for b in &banks.banks {
                match crate::insights::terms::Glossary::load(&dir.join("glossary"), &b.field) {
                    Ok(g) if g.terms.is_empty() => {
                        crate::out!("{:<20} no glossary (glossary/{}.toml)", b.field, b.field)
                    }
                    Ok(g) => crate::out!("{:<20} {:>3} glossary terms ok", b.field, g.terms.len()),
                    Err(e) => {
                        ok = false;
                        crate::out!("{e}");
                    }
                }
            }
            Ok(if ok {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
        Err(bank::BankError::Invalid(issues)) => {
            for i in &issues {
                crate::out!("{i}");
            }
            crate::out!("{} problem(s) found.", issues.len());
            Ok(ExitCode::from(1))
        }
        Err(e) => Err(e.into()),
    }
}

/// Was the error a stop asked for (Ctrl-C, SIGTERM) that abandoned the work?
pub fn is_stopped(err: &anyhow::Error) -> bool {
    crate::stop::requested()
        && err.chain().any(|e| {
            e.is::<crate::stop::Stopped>()
                || matches!(e.downcast_ref::<AsrError>(), Some(AsrError::Stopped))
                || matches!(
                    e.downcast_ref::<crate::session::interview::SessionError>(),
                    Some(crate::session::interview::SessionError::Asr(
                        AsrError::Stopped
                    ))
                )
        })
}

/// Did the error come from writing to a stdout its reader had closed?
pub fn is_closed_stdout(err: &anyhow::Error) -> bool {
    let broken = |k: std::io::ErrorKind| k == std::io::ErrorKind::BrokenPipe;
    crate::stop::is_stdout_closed()
        || err.chain().any(|e| {
            e.downcast_ref::<std::io::Error>()
                .is_some_and(|e| broken(e.kind()))
                || e.downcast_ref::<serde_json::Error>()
                    .and_then(serde_json::Error::io_error_kind)
                    .is_some_and(broken)
        })
}

/// Exit code for an error: [`EXIT_MODELS`] when a model is the cause.
pub fn exit_code_for(err: &anyhow::Error) -> ExitCode {
    let is_model = |m: &ModelError| {
        matches!(
            m,
            ModelError::Missing { .. } | ModelError::Corrupt { .. } | ModelError::User { .. }
        )
    };
    // The engines' errors wrap ModelError transparently, so it never shows in the chain itself.
    let model_problem = err.chain().any(|e| {
        e.downcast_ref::<ModelError>().is_some_and(is_model)
            || matches!(e.downcast_ref::<TtsError>(), Some(TtsError::Model(m)) if is_model(m))
            || matches!(e.downcast_ref::<AsrError>(), Some(AsrError::Model(m)) if is_model(m))
    });
    ExitCode::from(if model_problem {
        EXIT_MODELS
    } else {
        crate::exit::ERROR
    })
}

/// Deletes saved sessions and says which.
fn forget(args: &crate::cli::ForgetArgs) -> anyhow::Result<ExitCode> {
    use crate::session::record::{self, Forget};
    let which = match (&args.session, args.before) {
        (Some(name), _) => Forget::One(name.clone()),
        (None, Some(date)) => Forget::Before(date),
        (None, None) => Forget::All,
    };
    let root = record::default_root()?;
    let deleted = record::forget(&root, &which)
        .with_context(|| format!("deleting sessions in {}", root.display()))?;
    for dir in &deleted {
        crate::out!("deleted:   {}", dir.display());
    }
    let what = match &which {
        Forget::All => String::new(),
        Forget::Before(d) => format!(" from before {d}"),
        Forget::One(_) => String::new(),
    };
    match deleted.len() {
        0 => crate::out!("No saved sessions{what} to delete in {}.", root.display()),
        n => crate::out!(
            "Deleted {n} session{}{what} from {}.",
            if n == 1 { "" } else { "s" },
            root.display()
        ),
    }
    Ok(ExitCode::SUCCESS)
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
        crate::out!("{id:<14} {what:<27} {}", path.display());
    }
    if layout.espeak_data_parent().is_none() {
        crate::out!(
            "espeak-ng-data missing: install it with `sudo apt-get install espeak-ng-data`"
        );
        return Ok(ExitCode::from(EXIT_MODELS));
    }
    Ok(ExitCode::SUCCESS)
}

fn check_models(layout: &Layout) -> anyhow::Result<ExitCode> {
    let mut ok = true;
    crate::out!("warmup home: {}", layout.home.display());
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
        crate::out!("{:<26} {:<10} {}", line.id, state, line.path.display());
    }
    if ok {
        crate::out!("All models present and verified.");
        Ok(ExitCode::SUCCESS)
    } else {
        crate::out!(
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
    let t_load = Instant::now();
    let mut tts = PiperSynthesizer::load(layout)?.with_stop(crate::stop::flag());
    let load = t_load.elapsed();
    let start = Instant::now();
    let mut first: Option<f32> = None;
    let mut clips = Vec::new();
    tts.synthesize(&args.text, args.rate, &mut |clip| {
        first.get_or_insert(start.elapsed().as_secs_f32());
        clips.push(clip);
        std::ops::ControlFlow::Continue(())
    })?;
    if crate::stop::requested() {
        return Ok(ExitCode::from(crate::stop::exit_code()));
    }
    let total = start.elapsed();
    let audio_s: f32 = clips.iter().map(audio::Clip::duration_s).sum();
    tracing::info!(
        first_audio_ms = first.map(|s| (s * 1000.0) as u32),
        total_ms = total.as_millis() as u64,
        "synthesized"
    );
    if args.timings {
        let json = serde_json::json!({
            "load_ms": load.as_secs_f64() * 1000.0,
            "first_audio_ms": first.map(|s| s as f64 * 1000.0),
            "total_ms": total.as_secs_f64() * 1000.0,
            "audio_s": audio_s,
            "sentences": clips.len(),
        });
        crate::out!("{json}");
    }
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
    load: f64,
    /// Median over `runs`.
    transcribe: f64,
    runs: Vec<f64>,
}

fn transcribe(
    layout: &Layout,
    whisper_model: Option<&std::path::Path>,
    args: &TranscribeArgs,
) -> anyhow::Result<ExitCode> {
    let clip = wav::read_wav(&args.file)?;
    let model = layout.whisper_model(whisper_model)?;
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

fn answer(setup: &Setup<'_>, args: &AnswerArgs) -> anyhow::Result<ExitCode> {
    let (layout, config, whisper_model, banks) = setup.parts();
    use crate::audio::source::ClipSource;
    use crate::session::turn::Turn;
    use crate::session::AnswerReport;
    use crate::vad::endpointer::{EndpointConfig, WebRtcDetector};

    let question = match (&args.question, &args.ask) {
        (Some(id), _) => {
            let dir = banks_dir(layout, banks);
            let banks = bank::load_dir(&dir)?;
            banks
                .question(id)
                .cloned()
                .with_context(|| format!("no question `{id}` in {}", dir.display()))?
        }
        (None, Some(text)) => {
            let kind: bank::Kind = args
                .kind
                .as_deref()
                .unwrap_or_default()
                .parse()
                .map_err(|e: String| anyhow::anyhow!(e))?;
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
    let end_silence_ms = match args.end_silence {
        Some(s) if !(0.5..=30.0).contains(&s) => {
            anyhow::bail!("--end-silence must be between 0.5 and 30 seconds")
        }
        Some(s) => (s * 1000.0) as u32,
        None => config.turn.end_silence_ms,
    };
    let mut source = ClipSource::from_wav(&args.file)?;
    let model = layout.whisper_model(whisper_model)?;
    let mut asr = WhisperTranscriber::load(&model)?.with_stop(crate::stop::flag());
    let mut tts = PiperSynthesizer::load(layout)?.with_stop(crate::stop::flag());
    let cfg = EndpointConfig {
        end_silence_ms,
        ..config.turn
    };
    // As in a session: no question prompt (see `session::interview::listen`).
    let opts = TranscribeOptions {
        fit_audio_ctx: true,
        keep_fillers: config.asr.keep_fillers,
        ..TranscribeOptions::default()
    };
    let mut turn = Turn::new(WebRtcDetector::new(), &cfg, opts);
    turn.feed(&mut source, &mut asr)?;
    let t = Instant::now();
    let result = turn.finish(&mut asr)?;
    let asr_after_end = t.elapsed().as_secs_f64() * 1000.0;
    let Some(result) = result else {
        anyhow::bail!("no speech found in {}", args.file.display());
    };
    let t = Instant::now();
    let glossary_dir = banks_dir(layout, banks).join("glossary");
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

fn analyze(
    layout: &Layout,
    banks: Option<&std::path::Path>,
    args: &AnalyzeArgs,
) -> anyhow::Result<ExitCode> {
    let kind: bank::Kind = args.kind.parse().map_err(|e: String| anyhow::anyhow!(e))?;
    let dir = banks_dir(layout, banks);
    let question = match &args.question {
        Some(id) => {
            let banks = bank::load_dir(&dir)?;
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
            talking_points: kind
                .default_talking_points()
                .iter()
                .map(|s| s.to_string())
                .collect(),
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
            .map(|w| crate::asr::Word {
                text: w.to_string(),
                start: 0.0,
                end: 0.0,
                prob: 1.0,
            })
            .collect(),
        duration_s: 0.0,
    }
}

#[cfg(test)]
mod tests {
    use super::missing_device;
    use crate::audio::capture::DeviceInfo;

    fn device(id: &str, name: &str, input: bool) -> DeviceInfo {
        DeviceInfo {
            id: id.into(),
            name: name.into(),
            input,
            rates: "48000 Hz, 2 ch".into(),
        }
    }

    fn null() -> Vec<DeviceInfo> {
        vec![
            device("null", "Discard all samples", true),
            device("null", "Discard all samples", false),
        ]
    }

    #[test]
    fn alsa_null_alone_is_no_sound_card() {
        assert_eq!(
            missing_device(&null(), None, None).as_deref(),
            Some("No input device and no output device")
        );
    }

    #[test]
    fn a_real_card_beside_null_is_enough() {
        let mut all = null();
        all.push(device("pulse", "PulseAudio Sound Server", true));
        assert_eq!(
            missing_device(&all, None, None).as_deref(),
            Some("No output device")
        );
        all.push(device("pulse", "PulseAudio Sound Server", false));
        assert_eq!(missing_device(&all, None, None), None);
    }

    #[test]
    fn configured_names_must_be_there() {
        let mut all = null();
        all.push(device(
            "hw:CARD=Headset,DEV=0",
            "Jabra Evolve 20, USB Audio",
            true,
        ));
        all.push(device("default", "Default Audio Device", false));
        // By part of the description, any case, and by the exact identifier.
        assert_eq!(missing_device(&all, Some("jabra"), Some("default")), None);
        assert_eq!(
            missing_device(&all, Some("hw:CARD=Headset,DEV=0"), None),
            None
        );
        assert_eq!(
            missing_device(&all, Some("Plantronics"), Some("null")).as_deref(),
            Some("No input device matches \"Plantronics\" and no output device matches \"null\"")
        );
    }
}
