//! Shared helpers: the installed models, espeak-ng and sox for test speech.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Mutex, OnceLock};

use warmup::asr::{TranscribeOptions, Transcriber, Transcript, WhisperTranscriber};
use warmup::audio::wav::read_wav;
use warmup::models::Layout;
use warmup::tts::PiperSynthesizer;

const HOW_TO_FETCH: &str =
    "models are not installed: run `cargo run --release -- models fetch` (or `bash scripts/test.sh`)";

pub fn layout() -> Layout {
    Layout::resolve(None)
}

/// The real whisper, loaded once for the whole test binary.
pub fn whisper() -> &'static Mutex<WhisperTranscriber> {
    static W: OnceLock<Mutex<WhisperTranscriber>> = OnceLock::new();
    W.get_or_init(|| {
        let model = layout().whisper_model(None, None).expect(HOW_TO_FETCH);
        Mutex::new(WhisperTranscriber::load(&model).expect("whisper loads"))
    })
}

/// The real Piper voice, loaded once.
pub fn piper() -> &'static Mutex<PiperSynthesizer> {
    static P: OnceLock<Mutex<PiperSynthesizer>> = OnceLock::new();
    P.get_or_init(|| Mutex::new(PiperSynthesizer::load(&layout()).expect(HOW_TO_FETCH)))
}

pub fn transcribe_file(path: &Path) -> Transcript {
    let clip = read_wav(path).expect("readable wav");
    whisper()
        .lock()
        .unwrap()
        .transcribe(&clip, &TranscribeOptions::default())
        .expect("transcribes")
}

pub fn tmp() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}

/// Speaks `text` with espeak-ng (a voice unlike the agent's) into a WAV file.
pub fn espeak(dir: &Path, name: &str, voice: &str, text: &str) -> PathBuf {
    let out = dir.join(name);
    let status = Command::new("espeak-ng")
        .args(["-v", voice, "-s", "150", "-w"])
        .arg(&out)
        .arg(text)
        .status()
        .expect("espeak-ng is installed (scripts/setup.sh installs it)");
    assert!(status.success());
    out
}

/// Converts a WAV with sox (`args` go between input and output, e.g. `-r 8000 -c 2`).
pub fn sox(input: &Path, output: &Path, args: &[&str]) {
    let status = Command::new("sox")
        .arg(input)
        .args(args)
        .arg(output)
        .status()
        .expect("sox is installed (scripts/setup.sh installs it)");
    assert!(status.success(), "sox {args:?}");
}

/// Runs the real `warmup` binary.
pub fn warmup(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_warmup"))
        .args(args)
        .output()
        .expect("warmup runs")
}

/// `warmup [global..] answer WAV` to "Tell me about yourself." as a general background question,
/// with `extra` flags after it.
pub fn answer_about_yourself(global: &[&str], wav: &Path, extra: &[&str]) -> std::process::Output {
    let mut args: Vec<&str> = global.to_vec();
    args.extend([
        "answer",
        wav.to_str().expect("utf-8 path"),
        "--ask",
        "Tell me about yourself.",
        "--kind",
        "background",
        "--field",
        "general",
    ]);
    args.extend(extra);
    warmup(&args)
}
