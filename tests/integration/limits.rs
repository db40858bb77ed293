//! Limits with clear messages: what warmup refuses (FIFOs and devices, rates, lengths, sizes,
//! flags out of range) and what it reads anyway (WAVs cut short), through the real binary.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use crate::support::tmp;

/// Runs the real binary with no stdin, killed (and the test failed) after `secs`: a FIFO that
/// blocks it must fail the test, not hang it.
fn warmup_within(secs: u64, args: &[&str]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_warmup"))
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("warmup runs");
    let start = Instant::now();
    while child.try_wait().expect("wait").is_none() {
        if start.elapsed() > Duration::from_secs(secs) {
            child.kill().expect("kill");
            let o = child.wait_with_output().expect("output");
            panic!(
                "warmup {args:?} still running after {secs} s: {}",
                String::from_utf8_lossy(&o.stderr)
            );
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    child.wait_with_output().expect("output")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo").arg(path).status().expect("mkfifo");
    assert!(status.success());
}

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

#[test]
fn beam_outside_1_to_8_is_bad_usage() {
    for beam in ["0", "9", "1000"] {
        let o = warmup_within(20, &["transcribe", "--beam", beam, "/nonexistent.wav"]);
        assert_eq!(o.status.code(), Some(2), "--beam {beam}: {}", stderr(&o));
        assert!(
            stderr(&o).contains(&format!("invalid value '{beam}' for '--beam <BEAM>'"))
                && stderr(&o).contains("1..=8"),
            "{}",
            stderr(&o)
        );
    } // 8 is whisper.cpp's most (WHISPER_MAX_DECODERS); 9 was "Generic whisper error -4".
    let dir = tmp();
    let wav = speech(dir.path());
    let o = warmup_within(120, &["transcribe", "--beam", "8", s(&wav)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(!stdout(&o).trim().is_empty());
}

#[test]
fn fifos_and_devices_given_as_text_files_are_refused_not_waited_on() {
    let dir = tmp();
    let fifo = dir.path().join("pipe");
    mkfifo(&fifo);
    let banks = dir.path().join("banks");
    std::fs::create_dir_all(banks.join("glossary")).unwrap();
    mkfifo(&banks.join("fifo.toml"));
    let glossary_banks = dir.path().join("gbanks");
    std::fs::create_dir_all(glossary_banks.join("glossary")).unwrap();
    let shipped = Path::new(env!("CARGO_MANIFEST_DIR")).join("question-banks/general.toml");
    std::fs::copy(&shipped, glossary_banks.join("general.toml")).unwrap();
    mkfifo(&glossary_banks.join("glossary/general.toml"));
    let fifo_msg = |p: &Path| format!("{} is a FIFO, not a regular file", p.display());
    // (args, exit code, stream the message is on, message)
    let cases: Vec<(Vec<&str>, i32, bool, String)> = vec![
        (
            vec!["--config", s(&fifo), "banks", "check"],
            1,
            false,
            fifo_msg(&fifo),
        ),
        (
            vec!["--config", "/dev/zero", "banks", "check"],
            1,
            false,
            "/dev/zero is a character device, not a regular file".into(),
        ),
        (
            vec!["--config", s(dir.path()), "banks", "check"],
            1,
            false,
            format!(
                "{} is a directory, not a regular file",
                dir.path().display()
            ),
        ),
        (
            vec![
                "analyze",
                "--field",
                "general",
                "--kind",
                "background",
                "--transcript",
                s(&fifo),
            ],
            1,
            false,
            fifo_msg(&fifo),
        ),
        (
            vec![
                "analyze",
                "--field",
                "general",
                "--kind",
                "background",
                "--transcript",
                "/dev/zero",
            ],
            1,
            false,
            "/dev/zero is a character device, not a regular file".into(),
        ),
        (
            vec!["banks", "check", s(&banks)],
            1,
            true,
            format!(
                "{}:1:1: a FIFO, not a regular file",
                banks.join("fifo.toml").display()
            ),
        ),
        (
            vec!["banks", "check", s(&glossary_banks)],
            1,
            true,
            fifo_msg(&glossary_banks.join("glossary/general.toml")),
        ),
        (
            vec![
                "--banks",
                s(&glossary_banks),
                "analyze",
                "--field",
                "general",
                "--kind",
                "background",
                "--text",
                "I studied physics.",
            ],
            1,
            false,
            fifo_msg(&glossary_banks.join("glossary/general.toml")),
        ),
    ];
    for (args, code, on_stdout, want) in cases {
        let o = warmup_within(20, &args);
        let text = if on_stdout { stdout(&o) } else { stderr(&o) };
        assert_eq!(o.status.code(), Some(code), "{args:?}: {text}");
        assert!(text.contains(&want), "{args:?}: want {want:?} in:\n{text}");
    }
}

fn write_bank(dir: &Path, question: &[u8]) -> PathBuf {
    std::fs::create_dir_all(dir).unwrap();
    let mut src = b"field = \"x\"\ntitle = \"X\"\n[mix]\nbackground = 1\n\n[[question]]\nid = \"x-1\"\nkind = \"background\"\ntext = \"".to_vec();
    src.extend_from_slice(question);
    src.extend_from_slice(b"\"\n");
    let p = dir.join("x.toml");
    std::fs::write(&p, src).unwrap();
    p
}

#[test]
fn bank_limits_and_bad_bytes_are_located() {
    let dir = tmp();
    let long = "why ".repeat(200);
    let huge = vec![b'a'; 2 * 1024 * 1024];
    // (question bytes, expected `banks check` line)
    let cases: Vec<(&[u8], String)> = vec![
        (
            long.as_bytes(),
            "x.toml:9:8: question text is 799 characters long, more than 500".into(),
        ),
        (
            b"Tell me about caf\xe9 work.",
            "x.toml:9:26: not UTF-8 text (the first invalid byte is here)".into(),
        ),
        (
            &huge,
            "x.toml:1:1: {size} bytes, more than the 1048576 bytes a question bank may have".into(),
        ),
    ];
    for (i, (question, want)) in cases.into_iter().enumerate() {
        let banks = dir.path().join(format!("b{i}"));
        let size = std::fs::metadata(write_bank(&banks, question))
            .unwrap()
            .len();
        let want = want.replace("{size}", &size.to_string());
        let o = warmup_within(20, &["banks", "check", s(&banks)]);
        assert_eq!(o.status.code(), Some(1), "{want}: {}", stdout(&o));
        assert!(
            stdout(&o).contains(&format!("{}/{want}", banks.display())),
            "want {want:?} in:\n{}",
            stdout(&o)
        );
    }
    let banks = dir.path().join("ok");
    write_bank(&banks, "Tell me about café work.".as_bytes());
    let o = warmup_within(20, &["banks", "check", s(&banks)]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
}

/// A 16-bit mono WAV of speech (espeak-ng) at 16 kHz.
fn speech(dir: &Path) -> PathBuf {
    let raw = crate::support::espeak(dir, "raw.wav", "en-us", "Tell me about the firewall.");
    let out = dir.join("speech.wav");
    crate::support::sox(&raw, &out, &["-r", "16000", "-c", "1", "-b", "16"]);
    out
}

/// Overwrites the 4 bytes at `at` (sox and hound write the data size at 40).
fn patch(path: &Path, at: usize, value: u32) {
    let mut b = std::fs::read(path).unwrap();
    b[at..at + 4].copy_from_slice(&value.to_le_bytes());
    std::fs::write(path, b).unwrap();
}

#[test]
fn audio_files_that_cannot_be_answers_are_refused_at_once() {
    let dir = tmp();
    let fifo = dir.path().join("answer.wav");
    mkfifo(&fifo);
    let one_hz = dir.path().join("one-hz.wav");
    std::fs::copy(speech(dir.path()), &one_hz).unwrap();
    patch(&one_hz, 24, 1);
    patch(&one_hz, 28, 2);
    // An hour of 48 kHz stereo, 16-bit (sparse: nothing is written, nothing must be read).
    let hour = dir.path().join("hour.wav");
    hound::WavWriter::create(
        &hour,
        hound::WavSpec {
            channels: 2,
            sample_rate: 48_000,
            bits_per_sample: 16,
            sample_format: hound::SampleFormat::Int,
        },
    )
    .unwrap()
    .finalize()
    .unwrap();
    let bytes = 3600 * 48_000 * 4u32;
    patch(&hour, 40, bytes);
    std::fs::OpenOptions::new()
        .write(true)
        .open(&hour)
        .unwrap()
        .set_len(44 + u64::from(bytes))
        .unwrap();
    let cases = [
        (
            &fifo,
            format!("{} is a FIFO, not a regular file", fifo.display()),
        ),
        (
            &one_hz,
            format!(
                "{}: a sample rate of 1 Hz is outside what warmup reads (4000 to 192000 Hz)",
                one_hz.display()
            ),
        ),
        (
            &hour,
            format!(
                "{}: 60.0 minutes of audio, longer than the 15 minutes warmup reads",
                hour.display()
            ),
        ),
    ];
    for (file, want) in &cases {
        for cmd in [
            vec!["transcribe", s(file)],
            vec!["answer", s(file), "--question", "cyber-beh-01"],
        ] {
            let start = Instant::now();
            let o = warmup_within(30, &cmd);
            assert_eq!(o.status.code(), Some(1), "{cmd:?}: {}", stderr(&o));
            assert!(
                stderr(&o).contains(want),
                "{cmd:?}: want {want:?} in {}",
                stderr(&o)
            );
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "{cmd:?} took {:?}",
                start.elapsed()
            );
        }
    }
    let o = warmup_within(30, &["transcribe", "/dev/zero"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("/dev/zero is a character device, not a regular file"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_recording_cut_short_or_without_a_length_is_transcribed_with_a_warning() {
    let dir = tmp();
    let good = speech(dir.path());
    let bytes = std::fs::read(&good).unwrap();
    assert_eq!(&bytes[36..40], b"data", "sox wrote a plain 44-byte header");
    let cut = dir.path().join("cut.wav");
    // Cut inside the last word's silence: the words are all there, the header says more.
    std::fs::write(&cut, &bytes[..bytes.len() - 3001]).unwrap();
    let stream = dir.path().join("stream.wav");
    std::fs::write(&stream, &bytes).unwrap();
    patch(&stream, 4, u32::MAX);
    patch(&stream, 40, u32::MAX);
    for (file, warning) in [
        (&cut, "the file was cut short: its header says"),
        (&stream, "the header gives no length"),
    ] {
        let o = warmup_within(120, &["transcribe", s(file)]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        assert!(stderr(&o).contains(warning), "{}", stderr(&o));
        assert!(
            stderr(&o).contains(&file.display().to_string()),
            "{}",
            stderr(&o)
        );
        // All the words are there (whisper sometimes writes "fire wall").
        let text = stdout(&o).to_lowercase().replace(' ', "");
        assert!(text.contains("tellmeaboutthefirewall"), "{text}");
    }
    // The good file gives no warning.
    let o = warmup_within(120, &["transcribe", s(&good)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stderr(&o), "");
}

#[test]
fn a_config_value_out_of_range_is_located_where_it_is_written() {
    let dir = tmp();
    let config = dir.path().join("config.toml");
    std::fs::write(
        &config,
        "field = \"general\"\n\n[turn]\nend_silence_ms = 100\n",
    )
    .unwrap();
    let o = warmup_within(20, &["--config", s(&config), "banks", "check"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let want = format!(
        "{}:4:18: turn.end_silence_ms = 100 (must be 500 to 30000)",
        config.display()
    );
    assert!(stderr(&o).contains(&want), "{}", stderr(&o));
}

/// A copy of the installed tiny.en with every byte of the encoder's first convolution inverted:
/// the ggml structure is intact (the verifier passes), the weights are garbage.
fn flipped_model(dir: &Path) -> PathBuf {
    let real = crate::support::layout()
        .whisper_model(None, None)
        .expect("models installed");
    let mut bytes = std::fs::read(real).unwrap();
    let name = b"encoder.conv1.weight";
    let at = bytes
        .windows(name.len())
        .position(|w| w == name)
        .expect("tensor name in the file")
        + name.len();
    // tiny.en: 384 x 80 x 3 f16 weights right after the name.
    for b in &mut bytes[at..at + 384 * 80 * 3 * 2] {
        *b ^= 0xff;
    }
    let p = dir.join("ggml-flipped.bin");
    std::fs::write(&p, bytes).unwrap();
    warmup::models::ggml::verify_ggml(&p).expect("the structure is intact");
    p
}

#[test]
fn every_whisper_model_problem_exits_3_naming_that_file() {
    let dir = tmp();
    let wav = speech(dir.path());
    let fifo = dir.path().join("model.fifo");
    mkfifo(&fifo);
    let text = dir.path().join("model.txt");
    std::fs::write(&text, "not a model").unwrap();
    let flipped = flipped_model(dir.path());
    let missing = dir.path().join("nope.bin");
    let cases: Vec<(&Path, &str)> = vec![
        (&missing, "no such file"),
        (&fifo, "a FIFO, not a regular file"),
        (Path::new("/dev/zero"), "a character device, not a regular file"),
        (dir.path(), "a directory, not a regular file"),
        (&text, "not a ggml whisper model"),
        (&flipped, "failed its test: a clip saying \"Please tell me about your work as a nurse.\" was heard as"),
    ];
    for (model, what) in cases {
        let want = format!("the whisper model {} cannot be used: ", model.display());
        for cmd in [
            vec!["--whisper-model", s(model), "transcribe", s(&wav)],
            vec![
                "--whisper-model",
                s(model),
                "answer",
                s(&wav),
                "--question",
                "cyber-beh-01",
            ],
        ] {
            let o = warmup_within(240, &cmd);
            let err = stderr(&o);
            assert_eq!(o.status.code(), Some(3), "{cmd:?}: {err}");
            assert!(err.contains(&want) && err.contains(what), "{cmd:?}: {err}");
            assert!(!err.contains("models fetch"), "{cmd:?}: {err}");
        }
    }
}

#[test]
fn a_damaged_model_is_not_installed_and_a_good_one_is() {
    let dir = tmp();
    let home = dir.path().join("home");
    std::fs::create_dir_all(home.join("models")).unwrap();
    let flipped = flipped_model(dir.path());
    let o = warmup_within(
        240,
        &[
            "--home",
            s(&home),
            "models",
            "fetch",
            "--install-whisper",
            s(&flipped),
            "--quiet",
            "--packages",
            s(dir.path()),
        ],
    );
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(3), "{err}");
    assert!(
        err.contains(&format!(
            "the whisper model {} cannot be used: failed its test",
            flipped.display()
        )),
        "{err}"
    );
    assert!(!home.join("models/whisper-user.toml").exists());
    assert!(!home.join("models/user/ggml-flipped.bin").exists());
    // The real model passes the same check.
    let real = crate::support::layout().whisper_model(None, None).unwrap();
    warmup::models::check_user_whisper(&real).expect("tiny.en understands the test clip");
}

#[test]
fn two_kilobytes_without_punctuation_are_spoken_in_bounded_pieces() {
    use warmup::tts::{phonemes::MAX_PIECE_CHARS, Synthesizer};
    let sentence =
        "we moved the logs to one server and wrote alerts for failed logins and then we \
                    checked them every morning with the team ";
    let text = sentence.repeat(2048 / sentence.len() + 1);
    assert!(text.len() >= 2048);
    let mut tts = crate::support::piper().lock().unwrap();
    let mut clips = Vec::new();
    tts.synthesize(&text, 1.0, &mut |c| {
        clips.push(c);
        std::ops::ControlFlow::Continue(())
    })
    .unwrap();
    let total: f32 = clips.iter().map(|c| c.duration_s()).sum();
    // Speech runs at 12-18 characters a second; one piece is at most MAX_PIECE_CHARS of it.
    assert!(
        clips.len() >= text.len() / MAX_PIECE_CHARS,
        "{} pieces",
        clips.len()
    );
    for c in &clips {
        assert!(
            c.duration_s() < MAX_PIECE_CHARS as f32 / 8.0,
            "a piece of {} s",
            c.duration_s()
        );
    }
    let per_s = text.len() as f32 / total;
    assert!(
        (8.0..25.0).contains(&per_s),
        "{} chars in {total} s",
        text.len()
    );
}
