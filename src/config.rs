//! The user's settings: `~/.config/warmup/config.toml` (or `--config PATH`). Every key is
//! optional; an unknown key or a wrong value is an error with file:line:column, never ignored.
//!
//! ```toml
//! banks = "/home/me/my-banks"   # question banks folder (default: the built-in banks)
//! field = "cybersecurity"       # field for `practice`, `kiosk`, `demo` (default: cybersecurity)
//! save_sessions = true          # false: keep nothing (kiosk)
//!
//! [turn]
//! end_silence_ms = 3000         # silence that ends an answer
//! max_answer_ms = 180000        # the longest answer
//! pre_roll_ms = 300             # audio kept before speech starts
//! min_speech_ms = 300           # shorter bursts (coughs, clicks) are not answers
//!
//! [patience]
//! answer_ms = 10000             # silence before a gentle prompt while waiting for an answer
//! after_feedback_ms = 2500      # window after feedback for "try again", "read my answer back"
//!
//! [audio]
//! input = "USB Headset"         # capture device (a part of its name); default: the system's
//! output = "USB Headset"        # playback device; default: the system's
//! barge_in = true               # speaking over the agent stops it (headsets)
//! echo_guard = false            # loudspeakers: ignore the microphone while the agent speaks
//! echo_cooldown_ms = 400        # ... and this long after
//! rate = 1.0                    # speech rate, 0.55 to 1.6
//! volume = 1.0                  # 0.25 to 2
//! push_to_talk = false          # Enter or a headset button starts and ends each turn
//!
//! [asr]
//! model = "tiny.en"             # whisper model: tiny.en, base, base-q8_0, ... (models check lists them)
//! keep_fillers = true           # a second pass keeps "um" and "uh" (2.5-3x decoding time)
//!
//! [coach]
//! follow_ups = true             # one follow-up when an answer leaves out a part (kiosk: false)
//!
//! [kiosk]
//! questions = 3                 # questions per visitor
//! wake = ["start", "begin"]     # what a visitor says to begin
//! idle_reminder_s = 0           # seconds between spoken "say start" reminders (0: never)
//! save_sessions = false         # keep visitors' records (default: nothing is written)
//! ```
//!
//! A voice changed by voice ("slower", "louder") is remembered in
//! `$XDG_STATE_HOME/warmup/voice.toml` and wins over `[audio]` next time (not in kiosk mode);
//! delete that file to go back to the config.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::session::settings::{Duplex, Listening, Patience, Voice};
use crate::vad::endpointer::EndpointConfig;

/// Devices and the agent's voice.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct AudioConfig {
    pub input: Option<String>,
    pub output: Option<String>,
    pub barge_in: bool,
    pub echo_guard: bool,
    pub echo_cooldown_ms: u32,
    pub rate: f32,
    pub volume: f32,
    /// Enter (or a button that types it) starts and ends each turn, for noisy rooms.
    pub push_to_talk: bool,
}

impl Default for AudioConfig {
    fn default() -> Self {
        let v = Voice::default();
        AudioConfig {
            input: None,
            output: None,
            barge_in: true,
            echo_guard: false,
            echo_cooldown_ms: 400,
            rate: v.rate,
            volume: v.volume,
            push_to_talk: false,
        }
    }
}

impl AudioConfig {
    /// How the agent and the user share the air, from `barge_in`, `echo_guard` and
    /// `echo_cooldown_ms`.
    pub fn duplex(&self) -> Duplex {
        Duplex {
            barge_in: self.barge_in,
            echo_guard_ms: self.echo_guard.then_some(self.echo_cooldown_ms),
            ..Duplex::default()
        }
    }

    pub fn voice(&self) -> Voice {
        Voice {
            rate: self.rate,
            volume: self.volume,
        }
    }
}

/// Speech recognition.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct AsrConfig {
    /// The whisper model (`tiny.en`, `base`, `base-q8_0`, ...: `warmup models check` lists them;
    /// `warmup models fetch` installs the one named here). Unset: tiny.en, or the model installed
    /// with `models fetch --install-whisper`.
    pub model: Option<String>,
    /// Transcribe each answer a second time with a prompt full of fillers and add the "um"s
    /// and "uh"s only that pass heard (whisper drops most of them); the words stay those of the
    /// plain pass. Costs 2.5-3x the decoding time of an answer.
    pub keep_fillers: bool,
}

impl Default for AsrConfig {
    fn default() -> Self {
        AsrConfig {
            model: None,
            keep_fillers: true,
        }
    }
}

/// The unattended kiosk.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct KioskConfig {
    pub questions: u32,
    pub wake: Vec<String>,
    pub idle_reminder_s: u32,
    /// Keep each visit's record (off: nothing about a visitor is written).
    pub save_sessions: bool,
}

impl Default for KioskConfig {
    fn default() -> Self {
        KioskConfig {
            questions: 3,
            wake: vec!["start".into(), "begin".into(), "hello".into()],
            idle_reminder_s: 0,
            save_sessions: false,
        }
    }
}

/// Everything a config file can set.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// Question banks folder.
    pub banks: Option<PathBuf>,
    /// The field sessions practise when `--field` does not name one.
    pub field: Option<String>,
    /// Write session records (JSON + Markdown). `false` keeps nothing.
    pub save_sessions: bool,
    /// Turn-taking.
    pub turn: EndpointConfig,
    /// Listening windows.
    pub patience: Patience,
    /// Devices and voice.
    pub audio: AudioConfig,
    /// Speech recognition.
    pub asr: AsrConfig,
    /// Kiosk mode.
    pub kiosk: KioskConfig,
    pub coach: CoachConfig,
}

/// The coach beyond feedback.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct CoachConfig {
    /// Ask one short follow-up when an answer leaves out a part a strong answer has (a story's
    /// result or lesson, a technical answer's example, a background's goal). Unset: on in
    /// `practice`, off in the kiosk.
    pub follow_ups: Option<bool>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            banks: None,
            field: None,
            save_sessions: true,
            turn: EndpointConfig::default(),
            patience: Patience::default(),
            audio: AudioConfig::default(),
            asr: AsrConfig::default(),
            kiosk: KioskConfig::default(),
            coach: CoachConfig::default(),
        }
    }
}

/// The largest config file read (the documented kiosk config is under 4 KB).
pub const MAX_CONFIG_BYTES: u64 = 256 * 1024;

/// Why the config cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error(transparent)]
    Input(#[from] crate::input::InputError),
    #[error("{path}:{line}:{column}: {message}")]
    Invalid {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
}

impl Config {
    /// How sessions listen, from `[turn]`, `[patience]`, `[audio]` and `[asr]`.
    pub fn listening(&self) -> Listening {
        Listening {
            endpoint: self.turn,
            patience: self.patience,
            duplex: self.audio.duplex(),
            keep_fillers: self.asr.keep_fillers,
            detectors: crate::vad::Detectors::default(),
        }
    }

    /// The default location: `$XDG_CONFIG_HOME/warmup/config.toml`.
    pub fn default_path() -> Option<PathBuf> {
        directories::ProjectDirs::from("", "", "warmup").map(|d| d.config_dir().join("config.toml"))
    }

    /// Loads `explicit`, else the default file if it exists, else the defaults.
    ///
    /// # Errors
    /// [`ConfigError`]: an explicit file that cannot be read, or any invalid file.
    pub fn load(explicit: Option<&Path>) -> Result<Config, ConfigError> {
        let path = match explicit {
            Some(p) => p.to_path_buf(),
            None => match Self::default_path().filter(|p| p.is_file()) {
                Some(p) => p,
                None => return Ok(Config::default()),
            },
        };
        let text = crate::input::read_text(&path, MAX_CONFIG_BYTES, "a config file")?;
        Self::parse(&path, &text)
    }

    /// Parses a config file's text.
    ///
    /// # Errors
    /// [`ConfigError::Invalid`] with the position of the problem.
    pub fn parse(path: &Path, text: &str) -> Result<Config, ConfigError> {
        let cfg: Config = toml::from_str(text).map_err(|e| {
            let offset = e.span().map_or(0, |s| s.start).min(text.len());
            let before = &text[..offset];
            ConfigError::Invalid {
                path: path.to_path_buf(),
                line: before.matches('\n').count() + 1,
                column: before
                    .rfind('\n')
                    .map_or(before.len(), |i| before.len() - i - 1)
                    + 1,
                message: e.message().trim().to_string(),
            }
        })?;
        let t = &cfg.turn;
        // Every value checked here was set in the file (the defaults are in range): point at it.
        let bad = |key: &str, message: String| {
            let (line, column) = locate(text, key).unwrap_or((1, 1));
            ConfigError::Invalid {
                path: path.to_path_buf(),
                line,
                column,
                message,
            }
        };
        if !(500..=30_000).contains(&t.end_silence_ms) {
            return Err(bad(
                "turn.end_silence_ms",
                format!(
                    "turn.end_silence_ms = {} (must be 500 to 30000)",
                    t.end_silence_ms
                ),
            ));
        }
        let p = &cfg.patience;
        for (name, value, lo, hi) in [
            ("turn.max_answer_ms", t.max_answer_ms, 5_000, 600_000),
            ("turn.pre_roll_ms", t.pre_roll_ms, 0, 2_000),
            ("turn.onset_ms", t.onset_ms, 30, 1_000),
            ("turn.min_speech_ms", t.min_speech_ms, 0, 5_000),
            ("turn.chunk_pause_ms", t.chunk_pause_ms, 200, 5_000),
            ("patience.answer_ms", p.answer_ms, 2_000, 120_000),
            (
                "patience.after_feedback_ms",
                p.after_feedback_ms,
                500,
                30_000,
            ),
            ("patience.paused_ms", p.paused_ms, 2_000, 600_000),
            (
                "audio.echo_cooldown_ms",
                cfg.audio.echo_cooldown_ms,
                0,
                3_000,
            ),
            ("kiosk.questions", cfg.kiosk.questions, 1, 10),
            ("kiosk.idle_reminder_s", cfg.kiosk.idle_reminder_s, 0, 3_600),
        ] {
            if !(lo..=hi).contains(&value) {
                return Err(bad(
                    name,
                    format!("{name} = {value} (must be {lo} to {hi})"),
                ));
            }
        }
        for (name, value, (lo, hi)) in [
            ("audio.rate", cfg.audio.rate, Voice::RATE),
            ("audio.volume", cfg.audio.volume, Voice::VOLUME),
        ] {
            if !(lo..=hi).contains(&value) {
                return Err(bad(
                    name,
                    format!("{name} = {value} (must be {lo} to {hi})"),
                ));
            }
        }
        if cfg.kiosk.wake.iter().all(|w| w.trim().is_empty()) {
            return Err(bad(
                "kiosk.wake",
                "kiosk.wake is empty: give at least one word".into(),
            ));
        }
        Ok(cfg)
    }
}

/// 1-based line and column of the value of `key` ("turn.end_silence_ms"), written either as
/// `end_silence_ms = ...` under `[turn]` or as `turn.end_silence_ms = ...` before any table.
fn locate(text: &str, key: &str) -> Option<(usize, usize)> {
    let (table, name) = key.rsplit_once('.').unwrap_or(("", key));
    let unquote = |k: &str| k.trim().trim_matches('"').to_string();
    let mut current = String::new();
    for (i, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        if let Some(header) = trimmed.strip_prefix('[') {
            let header = header.split(']').next().unwrap_or_default();
            current = header.split('.').map(unquote).collect::<Vec<_>>().join(".");
            continue;
        }
        let Some((k, _)) = trimmed.split_once('=') else {
            continue;
        };
        let k = k.split('.').map(unquote).collect::<Vec<_>>().join(".");
        let full = if current.is_empty() {
            k
        } else {
            format!("{current}.{k}")
        };
        if full == format!("{table}.{name}") || (table.is_empty() && full == name) {
            let eq = line.find('=')?;
            let after = &line[eq + 1..];
            let value = eq + 1 + (after.len() - after.trim_start().len());
            return Some((i + 1, value + 1));
        }
    }
    None
}

/// The voice remembered from the last session, if any (`$XDG_STATE_HOME/warmup/voice.toml`).
pub fn remembered_voice() -> Option<Voice> {
    let text = std::fs::read_to_string(voice_path()?).ok()?;
    match toml::from_str::<Voice>(&text) {
        Ok(v) => Some(v.clamped()),
        Err(e) => {
            tracing::warn!("ignoring the remembered voice: {e}");
            None
        }
    }
}

/// Remembers `voice` for the next session.
///
/// # Errors
/// When the state directory cannot be written.
pub fn remember_voice(voice: Voice) -> std::io::Result<()> {
    let Some(path) = voice_path() else {
        return Ok(());
    };
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let text = format!(
        "# Set by voice (\"slower\", \"louder\"); delete this file to use the config.\nrate = {:.2}\nvolume = {:.2}\n",
        voice.rate, voice.volume
    );
    // Whole or not at all: a crash mid-write must not leave a voice file that fails to parse.
    crate::session::store::write_atomic(&path, text.as_bytes())
}

fn voice_path() -> Option<PathBuf> {
    let dirs = directories::ProjectDirs::from("", "", "warmup")?;
    let dir = dirs.state_dir().unwrap_or(dirs.data_dir());
    Some(dir.join("voice.toml"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_and_a_partial_file() {
        let c = Config::parse(Path::new("c.toml"), "").unwrap();
        assert_eq!(c, Config::default());
        let c = Config::parse(
            Path::new("c.toml"),
            "save_sessions = false\n[turn]\nend_silence_ms = 4500\n",
        )
        .unwrap();
        assert!(!c.save_sessions);
        assert_eq!(c.turn.end_silence_ms, 4500);
        assert_eq!(
            c.turn.max_answer_ms, 180_000,
            "other keys keep their defaults"
        );
    }

    #[test]
    fn errors_are_located() {
        let err = Config::parse(Path::new("c.toml"), "[turn]\nend_silence = 4500\n")
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("c.toml:2:1: unknown field `end_silence`"),
            "{err}"
        );
        let err = Config::parse(Path::new("c.toml"), "[turn]\nend_silence_ms = 100\n")
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("c.toml:2:18: turn.end_silence_ms = 100 (must be 500 to 30000)"),
            "{err}"
        );
        let err = Config::parse(Path::new("c.toml"), "field = 3\n")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("c.toml:1:9:"), "{err}");
        let err = Config::parse(Path::new("c.toml"), "[audio]\nvolume = 5.0\n")
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("c.toml:2:10: audio.volume = 5 (must be 0.25 to 2)"),
            "{err}"
        );
        let err = Config::parse(Path::new("c.toml"), "[kiosk]\nwake = []\n")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("c.toml:2:8: kiosk.wake is empty"), "{err}");
    }

    #[test]
    fn range_errors_point_at_the_value() {
        // (file, where the bad value is)
        let cases = [
            ("# settings\n\n[patience]\nanswer_ms = 1\n", "c.toml:4:13:"),
            (
                "field = \"general\"\n[turn]\n  max_answer_ms   =  1\n",
                "c.toml:3:22:",
            ),
            ("turn.pre_roll_ms = 9000\n", "c.toml:1:20:"),
            (
                "[audio]\nrate = 1.0\n[kiosk]\nquestions = 0\n",
                "c.toml:4:13:",
            ),
            (
                "[\"kiosk\"]\nidle_reminder_s = 99999 # too long\n",
                "c.toml:2:19:",
            ),
            (
                "[audio]\nrate = 9.0\n[kiosk]\nquestions = 2\n",
                "c.toml:2:8:",
            ),
        ];
        for (text, want) in cases {
            let err = Config::parse(Path::new("c.toml"), text)
                .unwrap_err()
                .to_string();
            assert!(err.starts_with(want), "{text:?}: {err}");
        }
    }

    #[test]
    fn the_documented_kiosk_config_is_valid() {
        let c = Config::parse(
            Path::new("deploy/config.toml"),
            include_str!("../deploy/config.toml"),
        )
        .unwrap();
        assert!(!c.kiosk.save_sessions && !c.save_sessions);
        assert_eq!(c.kiosk.questions, 3);
    }

    #[test]
    fn audio_and_kiosk_sections() {
        let c = Config::parse(
            Path::new("c.toml"),
            "[audio]\ninput = \"USB\"\necho_guard = true\nrate = 1.2\n[kiosk]\nquestions = 2\nwake = [\"go\"]\n",
        )
        .unwrap();
        assert_eq!(c.audio.input.as_deref(), Some("USB"));
        assert!(c.audio.echo_guard && c.audio.barge_in);
        assert_eq!(c.audio.voice().rate, 1.2);
        assert_eq!((c.kiosk.questions, c.kiosk.wake.len()), (2, 1));
    }
}
