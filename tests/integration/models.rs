//! Whisper models by name (`[asr] model`, `models fetch --whisper`): a quantised model made by
//! warmup's converter from the registry packages the set-up already fetched, verified against
//! the manifest, and heard understanding a real human recording; names that do not exist and
//! models that are not installed each say what to do.

use std::path::{Path, PathBuf};

use warmup::asr::wer::recall;

use crate::support::{sox, tmp, warmup};

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn stdout(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn config(dir: &Path, model: &str) -> PathBuf {
    let p = dir.join(format!("{model}.toml"));
    std::fs::write(&p, format!("[asr]\nmodel = \"{model}\"\n")).unwrap();
    p
}

/// John F. Kennedy, 1961 (public domain; bench/rooms/clips/LICENSES.md), at 16 kHz.
fn jfk(dir: &Path) -> PathBuf {
    let wav = dir.join("jfk.wav");
    sox(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("bench/rooms/clips/jfk.flac"),
        &wav,
        &["-r", "16000", "-c", "1", "-b", "16"],
    );
    wav
}

const JFK: &str = "And so, my fellow Americans, ask not what your country can do for you, \
                   ask what you can do for your country.";

#[test]
fn a_quantised_model_is_made_from_the_packages_verified_and_hears_a_real_voice() {
    let dir = tmp();
    let home = dir.path().join("home");
    let packages = crate::support::layout().cache_dir();
    let o = warmup(&[
        "--home",
        s(&home),
        "models",
        "fetch",
        "--quiet",
        "--whisper",
        "tiny.en-q8_0",
        "--packages",
        s(&packages),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("whisper-tiny.en-q8_0") && stdout(&o).contains("installed, verified"),
        "{}",
        stdout(&o)
    );
    let q8 = home.join("models/ggml-tiny.en-q8_0.bin");
    let f16 = home.join("models/ggml-tiny.en.bin");
    // Weight matrices in 8 bits (34 bytes per 32 values) instead of 16: a little over half.
    let ratio = std::fs::metadata(&q8).unwrap().len() as f64
        / std::fs::metadata(&f16).unwrap().len() as f64;
    assert!((0.5..0.6).contains(&ratio), "q8_0 / f16 size {ratio:.3}");

    let wav = jfk(dir.path());
    let cfg = config(dir.path(), "tiny.en-q8_0");
    let o = warmup(&[
        "--home",
        s(&home),
        "--config",
        s(&cfg),
        "transcribe",
        "--json",
        s(&wav),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let text = v["text"].as_str().unwrap();
    assert!(recall(JFK, text) >= 0.9, "tiny.en-q8_0 heard: {text}");

    // `models check` with that config: the configured model counts, the others are optional.
    let o = warmup(&["--home", s(&home), "--config", s(&cfg), "models", "check"]);
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(0), "{out}");
    assert!(out.contains("not installed (optional)"), "{out}");
    assert!(
        out.lines()
            .any(|l| l.starts_with("whisper-tiny.en-q8_0 ") && l.contains("verified")),
        "{out}"
    );

    // A configured model that is not installed: exit 3 and the command that installs it (the
    // fetch installs what `[asr] model` names).
    let base = config(dir.path(), "base");
    let o = warmup(&["--home", s(&home), "--config", s(&base), "models", "check"]);
    assert_eq!(o.status.code(), Some(3), "{}", stdout(&o));
    assert!(
        stdout(&o)
            .lines()
            .any(|l| l.starts_with("whisper-base ") && l.contains("MISSING")),
        "{}",
        stdout(&o)
    );
    let o = warmup(&[
        "--home",
        s(&home),
        "--config",
        s(&base),
        "transcribe",
        s(&wav),
    ]);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("ggml-base.bin") && stderr(&o).contains("warmup models fetch"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn an_unknown_model_name_lists_the_known_ones() {
    let dir = tmp();
    let cfg = config(dir.path(), "large-v3");
    let o = warmup(&["--config", s(&cfg), "models", "check"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("[asr] model = \"large-v3\"")
            && stderr(&o).contains("tiny.en, tiny.en-q8_0, base"),
        "{}",
        stderr(&o)
    );
    let o = warmup(&[
        "--home",
        s(dir.path()),
        "models",
        "fetch",
        "--whisper",
        "small.en",
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("no whisper model `small.en`") && stderr(&o).contains("base-q8_0"),
        "{}",
        stderr(&o)
    );
    // Refused before anything was downloaded or written.
    assert!(!dir.path().join("models").exists());
}
