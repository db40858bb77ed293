//! What more than one bench uses: the six interview sentences, the candidate's espeak-ng voice,
//! and the product's engines loaded as the app loads them. Each bench uses a part of it.
#![allow(dead_code)]

use std::path::Path;

use warmup::audio::resample::resample;
use warmup::audio::wav::read_wav;
use warmup::audio::Clip;

/// Six sentences of a plain spoken answer (no fillers).
pub const SENTENCES: [&str; 6] = [
    "In my last role I was responsible for monitoring the network and responding to alerts.",
    "One night our intrusion detection system flagged unusual traffic from a database server.",
    "I isolated the machine, collected the logs, and worked with the team to patch the vulnerability.",
    "Afterwards we wrote a runbook so that the next incident would be handled faster.",
    "I also trained two junior analysts on how to triage alerts in the SIEM.",
    "Looking back, the most important lesson was to communicate early with the owners of the system.",
];

/// `text` spoken by espeak-ng (en-us+m3, 150 words a minute) into `dir/name`, at 16 kHz.
pub fn espeak(dir: &Path, name: &str, text: &str) -> Clip {
    let p = dir.join(name);
    let ok = std::process::Command::new("espeak-ng")
        .args(["-v", "en-us+m3", "-s", "150", "-w"])
        .arg(&p)
        .arg(text)
        .status()
        .expect("espeak-ng installed")
        .success();
    assert!(ok, "espeak-ng failed");
    resample(&read_wav(&p).expect("wav"), 16_000).expect("resample")
}

/// The installed engines: where they live, the whisper model's path, whisper and the voice.
pub struct Engines {
    pub layout: warmup::models::Layout,
    pub model: std::path::PathBuf,
    pub asr: warmup::asr::WhisperTranscriber,
    pub tts: warmup::tts::PiperSynthesizer,
}

/// Loads the installed whisper model (`BENCH_WHISPER` names another by its `[asr] model` name,
/// e.g. `base-q8_0`) and voice (`warmup models fetch [--whisper NAME]` first).
pub fn engines() -> Engines {
    let layout = warmup::models::Layout::resolve(None);
    let name = std::env::var("BENCH_WHISPER").ok();
    let model = layout
        .whisper_model(None, name.as_deref())
        .expect("run `warmup models fetch [--whisper NAME]` first");
    let asr = warmup::asr::WhisperTranscriber::load(&model).expect("whisper loads");
    let tts = warmup::tts::PiperSynthesizer::load(&layout).expect("voice loads");
    Engines {
        layout,
        model,
        asr,
        tts,
    }
}

/// One file of the built `bench/rooms` set.
#[derive(serde::Deserialize)]
pub struct RoomFile {
    pub wav: String,
    pub noise: Option<String>,
    pub snr_db: Option<i32>,
    pub clip: String,
    pub reference: String,
    pub speech_start_s: f32,
    pub speech_end_s: f32,
    pub active_speech_dbfs: f32,
}

#[derive(serde::Deserialize)]
pub struct RoomSet {
    pub files: Vec<RoomFile>,
}

/// The built `bench/rooms` set (`python3 bench/rooms/build.py`; `ROOMS_CACHE` if elsewhere):
/// its folder and its manifest.
pub fn rooms() -> (std::path::PathBuf, RoomSet) {
    let root = std::env::var_os("ROOMS_CACHE").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("bench/rooms/.cache"),
        std::path::PathBuf::from,
    );
    let set = serde_json::from_str(
        &std::fs::read_to_string(root.join("manifest.json"))
            .expect("no bench/rooms/.cache/manifest.json: run `python3 bench/rooms/build.py`"),
    )
    .expect("manifest.json");
    (root, set)
}

impl RoomSet {
    /// The single-speaker files at the levels in `snrs` ("clean", "15", ...) and the noises in
    /// `noises` (all when `None`), each with its noise ("none" when clean) and level.
    pub fn select<'a>(
        &'a self,
        snrs: &'a [String],
        noises: Option<&'a [String]>,
    ) -> impl Iterator<Item = (&'a RoomFile, String, String)> + 'a {
        self.files
            .iter()
            // Two people talking is not one answer.
            .filter(|e| e.clip != "phonecall_conversation")
            .map(|e| {
                let level = e.snr_db.map_or("clean".to_string(), |s| s.to_string());
                let noise = e.noise.clone().unwrap_or_else(|| "none".into());
                (e, noise, level)
            })
            .filter(move |(_, noise, level)| {
                snrs.contains(level) && noises.is_none_or(|n| n.contains(noise))
            })
    }
}
