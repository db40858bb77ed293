//! The binary as a user runs it: bad input gets a clear message and an exit code, never a crash.

use crate::support::{tmp, warmup};

fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn a_missing_file_is_named() {
    let o = warmup(&["transcribe", "/nonexistent/answer.wav"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("no such file"), "{}", stderr(&o));
}

#[test]
fn a_file_that_is_not_wav_says_so() {
    let dir = tmp();
    let p = dir.path().join("answer.wav");
    std::fs::write(&p, b"ID3\x03\x00 an mp3 renamed").unwrap();
    let o = warmup(&["transcribe", p.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("not a WAV file"), "{}", stderr(&o));
}

#[test]
fn empty_and_silent_wavs_give_an_empty_transcript() {
    let dir = tmp();
    let empty = dir.path().join("empty.wav");
    let w = hound::WavWriter::create(
        &empty,
        hound::WavSpec {
            channels: 1,
            sample_rate: 16_000,
            bits_per_sample: 16,
            sample_format: hound::SampleFormat::Int,
        },
    )
    .unwrap();
    w.finalize().unwrap();
    let short = dir.path().join("short.wav");
    let long = dir.path().join("long.wav");
    for (path, secs) in [(&short, "0.2"), (&long, "3")] {
        let status = std::process::Command::new("sox")
            .args(["-n", "-r", "44100", "-c", "2", "-b", "16"])
            .arg(path)
            .args(["trim", "0", secs])
            .status()
            .unwrap();
        assert!(status.success());
    }
    for p in [&empty, &short, &long] {
        let o = warmup(&["transcribe", "--json", p.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(0), "{}: {}", p.display(), stderr(&o));
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        assert_eq!(v["text"], "", "{}: hallucinated {}", p.display(), v["text"]);
        assert_eq!(v["words"].as_array().map(Vec::len), Some(0));
    }
}

#[test]
fn missing_models_name_the_fetch_command() {
    let home = tmp();
    let o = warmup(&["--home", home.path().to_str().unwrap(), "models", "check"]);
    assert_eq!(o.status.code(), Some(3));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains("MISSING") && out.contains("warmup models fetch"),
        "{out}"
    );

    let o = warmup(&[
        "--home",
        home.path().to_str().unwrap(),
        "say",
        "hi",
        "-o",
        "x.wav",
    ]);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert!(stderr(&o).contains("warmup models fetch"), "{}", stderr(&o));
}

#[test]
fn a_truncated_whisper_model_is_refused_not_a_segfault() {
    let dir = tmp();
    let real = crate::support::layout().whisper_model(None, None).unwrap();
    let bytes = std::fs::read(&real).unwrap();
    let cut = dir.path().join("ggml-tiny.en.bin");
    std::fs::write(&cut, &bytes[..bytes.len() / 3]).unwrap();
    let wav = dir.path().join("a.wav");
    let status = std::process::Command::new("sox")
        .args(["-n", "-r", "16000", "-c", "1", "-b", "16"])
        .arg(&wav)
        .args(["trim", "0", "1"])
        .status()
        .unwrap();
    assert!(status.success());
    let o = warmup(&[
        "transcribe",
        "--whisper-model",
        cut.to_str().unwrap(),
        wav.to_str().unwrap(),
    ]);
    // The user's own file: a model problem (exit code 3), but `models fetch` would not fix it.
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("truncated")
            && stderr(&o).contains("download it again")
            && !stderr(&o).contains("models fetch"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_corrupt_installed_model_is_reported_by_check() {
    let home = tmp();
    let models = home.path().join("models");
    std::fs::create_dir_all(&models).unwrap();
    std::fs::write(models.join("ggml-tiny.en.bin"), b"lmgg").unwrap();
    let o = warmup(&["--home", home.path().to_str().unwrap(), "models", "check"]);
    assert_eq!(o.status.code(), Some(3));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("CORRUPT"), "{out}");
}

#[test]
fn say_without_a_device_points_to_the_output_flag() {
    let o = warmup(&["say", "Hello."]);
    // On a machine with a sound server this plays; without one it must say how to use a file.
    if !o.status.success() {
        assert_eq!(o.status.code(), Some(1));
        assert!(stderr(&o).contains("-o out.wav"), "{}", stderr(&o));
    }
}

#[test]
fn practice_without_a_microphone_lists_devices_and_points_to_demo() {
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_warmup"))
        .args(["practice", "--no-save"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // With a sound server the session starts and waits for a voice: that is not this test.
    for _ in 0..200 {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    if child.try_wait().unwrap().is_none() {
        child.kill().unwrap();
        return;
    }
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("devices found") && err.contains("warmup demo"),
        "{err}"
    );
}

#[test]
fn a_corrupt_voice_detector_names_the_fetch_command_and_webrtc_needs_none() {
    // A home with every model but a damaged Silero VAD.
    let real = crate::support::layout().home;
    let home = tmp();
    let h = home.path();
    std::fs::create_dir_all(h.join("models")).unwrap();
    for part in [
        "models/ggml-tiny.en.bin",
        "models/onnxruntime",
        "voices",
        "question-banks",
    ] {
        std::os::unix::fs::symlink(real.join(part), h.join(part)).unwrap();
    }
    std::fs::write(h.join("models/silero_vad.onnx"), b"not a model").unwrap();
    let wav = crate::support::espeak(
        h,
        "a.wav",
        "en-us",
        "I have worked in support for three years.",
    );
    let answer = |config: &str| {
        let cfg = h.join("config.toml");
        std::fs::write(&cfg, config).unwrap();
        crate::support::answer_about_yourself(
            &[
                "--home",
                h.to_str().unwrap(),
                "--config",
                cfg.to_str().unwrap(),
            ],
            &wav,
            &[],
        )
    };
    let o = answer("");
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert!(stderr(&o).contains("warmup models fetch"), "{}", stderr(&o));
    let o = answer("[turn]\nvad = \"webrtc\"\n");
    assert!(o.status.success(), "{}", stderr(&o));
}
