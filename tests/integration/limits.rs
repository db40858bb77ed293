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
    }
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
