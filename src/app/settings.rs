//! One validated settings value, built once from the flags and the config file (as ripgrep
//! turns its raw flags into a validated config): every default is resolved here, so the
//! commands read values, never fall back themselves.

use std::path::PathBuf;

use crate::cli::{Cli, Command};
use crate::config::{Config, KioskConfig};
use crate::models::Layout;
use crate::posting::Posting;
use crate::session::settings::Listening;
use crate::session::settings::Voice;

/// The field practised when neither `--field` nor the config's `field` names one. Not a fixed
/// set (a user's `--banks` folder brings its own fields), so a field stays a string, checked
/// against the banks in use when the questions are picked ("no field `x`; fields: ...").
pub const DEFAULT_FIELD: &str = "cybersecurity";

/// What every command runs with.
#[derive(Debug)]
pub struct Settings {
    /// Where the models and the voice live.
    pub layout: Layout,
    /// `--whisper-model`: a ggml file to use instead of the installed one.
    pub whisper_model: Option<PathBuf>,
    /// `[asr] model`: the whisper model by name (checked against the manifest's names).
    pub whisper_name: Option<String>,
    /// The question banks in use: `--banks`, else the config's `banks`, else `question-banks/`
    /// in the warmup home.
    pub banks_dir: PathBuf,
    /// The field a session practises: the command's `--field`, else the config's, else
    /// [`DEFAULT_FIELD`] (a drilled `--question` brings its own).
    pub field: String,
    /// How sessions listen: `[turn]` (`answer --end-silence` over `end_silence_ms`),
    /// `[patience]`, `[audio]`'s duplex keys, `[asr] keep_fillers`.
    pub listening: Listening,
    /// The agent's voice from `[audio]` (a practice session prefers the remembered one).
    pub voice: Voice,
    /// The microphone: `--input`, else `[audio] input`, else the system's.
    pub input: Option<String>,
    /// The speaker: `--output`, else `[audio] output`, else the system's.
    pub output: Option<String>,
    /// `--push-to-talk` or `[audio] push_to_talk`.
    pub push_to_talk: bool,
    /// Keep session records: `save_sessions` unless `--no-save` (a kiosk: `[kiosk]
    /// save_sessions`).
    pub save_sessions: bool,
    /// The kiosk's questions, wake words and reminders.
    pub kiosk: KioskConfig,
    /// `--posting`: the job advert practised for (`practice`, `demo`, `answer`).
    pub posting: Option<Posting>,
    /// `[coach] follow_ups`: on in `practice` and `demo` unless set false, off in the kiosk
    /// unless set true.
    pub follow_ups: bool,
}

impl Settings {
    /// Resolves the flags of `cli` over the config file.
    ///
    /// # Errors
    /// A config file that cannot be read or is invalid; a flag out of its range.
    pub fn new(cli: &Cli) -> anyhow::Result<Settings> {
        let layout = Layout::resolve(cli.home.as_deref());
        tracing::debug!(home = %layout.home.display(), "layout");
        let config = Config::load(cli.config.as_deref())?;
        if let Some(name) = &config.asr.model {
            let manifest = crate::models::Manifest::builtin();
            if manifest.whisper(name).is_none() {
                anyhow::bail!(
                    "[asr] model = \"{name}\" is not a whisper model warmup knows: choose one of {}",
                    manifest.whisper_names().join(", ")
                );
            }
        }
        let flags = Flags::of(&cli.command);
        let banks_dir = cli
            .banks
            .clone()
            .or_else(|| config.banks.clone())
            .unwrap_or_else(|| layout.home.join("question-banks"));
        let mut listening = config.listening();
        if let Some(s) = flags.end_silence_s {
            if !(0.5..=30.0).contains(&s) {
                anyhow::bail!("--end-silence must be between 0.5 and 30 seconds");
            }
            listening.endpoint.end_silence_ms = (s * 1000.0) as u32;
        }
        let posting = flags.posting.map(Posting::load).transpose()?;
        // The field: `--field`, else the one the posting's terms point to, else the config's.
        let posting_field = match (&posting, flags.field) {
            (Some(p), None) => {
                let glossaries = crate::insights::terms::load_all(&banks_dir.join("glossary"))
                    .map_err(anyhow::Error::msg)?;
                let (field, n) = p.field(&glossaries)?;
                tracing::info!(%field, terms = n, "field chosen from the posting");
                Some(field)
            }
            _ => None,
        };
        let save_sessions = if matches!(cli.command, Command::Kiosk(_)) {
            config.kiosk.save_sessions
        } else {
            config.save_sessions && !flags.no_save
        };
        let follow_ups = match cli.command {
            Command::Practice(_) | Command::Demo(_) => config.coach.follow_ups.unwrap_or(true),
            Command::Kiosk(_) => config.coach.follow_ups.unwrap_or(false),
            _ => false,
        };
        Ok(Settings {
            follow_ups,
            whisper_model: cli.whisper_model.clone(),
            whisper_name: config.asr.model.clone(),
            banks_dir,
            field: flags
                .field
                .map(str::to_string)
                .or(posting_field)
                .or_else(|| config.field.clone())
                .unwrap_or_else(|| DEFAULT_FIELD.to_string()),
            listening,
            voice: config.audio.voice(),
            input: flags.input.map(str::to_string).or(config.audio.input),
            output: flags.output.map(str::to_string).or(config.audio.output),
            push_to_talk: flags.push_to_talk || config.audio.push_to_talk,
            save_sessions,
            kiosk: config.kiosk,
            posting,
            layout,
        })
    }
}

impl Settings {
    /// The verified whisper model to load: `--whisper-model`, else `[asr] model`, else the
    /// installed default.
    ///
    /// # Errors
    /// A missing or corrupt model, with the command that mends it.
    pub fn whisper_path(&self) -> Result<PathBuf, crate::models::ModelError> {
        self.layout
            .whisper_model(self.whisper_model.as_deref(), self.whisper_name.as_deref())
    }
}

/// The per-command flags that override the config.
#[derive(Default)]
struct Flags<'a> {
    field: Option<&'a str>,
    input: Option<&'a str>,
    output: Option<&'a str>,
    push_to_talk: bool,
    no_save: bool,
    end_silence_s: Option<f32>,
    posting: Option<&'a std::path::Path>,
}

impl<'a> Flags<'a> {
    fn of(command: &'a Command) -> Flags<'a> {
        match command {
            Command::Practice(a) => Flags {
                field: a.field.as_deref(),
                input: a.input.as_deref(),
                output: a.output.as_deref(),
                push_to_talk: a.push_to_talk,
                no_save: a.no_save,
                posting: a.posting.as_deref(),
                ..Flags::default()
            },
            Command::Kiosk(a) => Flags {
                field: a.field.as_deref(),
                input: a.input.as_deref(),
                output: a.output.as_deref(),
                ..Flags::default()
            },
            Command::Demo(a) => Flags {
                field: a.field.as_deref(),
                no_save: a.no_save,
                posting: a.posting.as_deref(),
                ..Flags::default()
            },
            Command::Answer(a) => Flags {
                field: a.field.as_deref(),
                end_silence_s: a.end_silence,
                posting: a.posting.as_deref(),
                ..Flags::default()
            },
            _ => Flags::default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::*;

    /// The settings of `warmup --config FILE ARGS...`, FILE holding `config`.
    fn settings(config: &str, args: &[&str]) -> anyhow::Result<Settings> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("config.toml");
        std::fs::write(&path, config)?;
        let mut argv = vec!["warmup", "--config", path.to_str().unwrap_or_default()];
        argv.extend(args);
        Settings::new(&Cli::try_parse_from(argv)?)
    }

    #[test]
    fn every_session_command_has_the_same_default_field() {
        for command in ["demo", "practice", "kiosk"] {
            assert_eq!(settings("", &[command]).unwrap().field, DEFAULT_FIELD);
        }
        let config = "field = \"general\"\n";
        assert_eq!(settings(config, &["kiosk"]).unwrap().field, "general");
        assert_eq!(
            settings(config, &["demo", "--field", "ux-design"])
                .unwrap()
                .field,
            "ux-design"
        );
    }

    #[test]
    fn flags_win_over_the_config_and_are_checked() {
        let config = "[audio]\ninput = \"USB\"\noutput = \"USB\"\npush_to_talk = true\n";
        let s = settings(config, &["practice", "--input", "Jabra", "--no-save"]).unwrap();
        assert_eq!(s.input.as_deref(), Some("Jabra"));
        assert_eq!(s.output.as_deref(), Some("USB"));
        assert!(s.push_to_talk && !s.save_sessions);
        assert!(s.banks_dir.ends_with("question-banks"));
        // A kiosk keeps records only when `[kiosk]` says so.
        assert!(
            !settings("save_sessions = true\n", &["kiosk"])
                .unwrap()
                .save_sessions
        );
        let answer = ["answer", "a.wav", "--question", "q"];
        let s = settings("[turn]\nend_silence_ms = 4000\n", &answer).unwrap();
        assert_eq!(s.listening.endpoint.end_silence_ms, 4000);
        let s = settings("", &[&answer[..], &["--end-silence", "2.5"]].concat()).unwrap();
        assert_eq!(s.listening.endpoint.end_silence_ms, 2500);
        assert!(settings("", &[&answer[..], &["--end-silence", "60"]].concat()).is_err());
    }
}
