//! How soon the real binary stops after SIGTERM or SIGINT, with the machine's cores taken by
//! busy processes (a busy laptop, a Pi doing other work): during a long transcription (whisper's
//! abort callback), a long text being spoken (Piper, between pieces), model loading, and at
//! several points of a whole demo interview. The time is from the signal to the process's exit,
//! teardown included. The kiosk's systemd unit allows 10 s; the target is 1 s.
//!
//! `cargo bench --bench stop` (models installed; `BENCH_LOAD=N` busy processes, default 2).
//! Prints a table.

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use warmup::audio::wav::write_wav;
use warmup::audio::Clip;

struct Row {
    what: String,
    signal: &'static str,
    stop_ms: f64,
    code: Option<i32>,
    saved: bool,
}

fn warmup(args: &[&str], data: &std::path::Path) -> Child {
    Command::new(env!("CARGO_BIN_EXE_warmup"))
        .args(args)
        .env("XDG_DATA_HOME", data)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("warmup runs")
}

/// Sends `sig` and times the exit; the lines printed after it are returned.
fn stop(mut child: Child, sig: i32) -> (f64, Option<i32>, Vec<String>) {
    let out = child.stdout.take().unwrap();
    let t = Instant::now();
    // SAFETY: kill only sends a signal to the child's pid.
    unsafe { libc::kill(child.id() as i32, sig) };
    let rest = BufReader::new(out).lines().map_while(Result::ok).collect();
    let status = child.wait().unwrap();
    (t.elapsed().as_secs_f64() * 1000.0, status.code(), rest)
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    // A two-minute answer: the interview sentences, over and over.
    let sentence = common::espeak(dir.path(), "s.wav", common::SENTENCES[1]);
    let mut long = Clip::new(Vec::new(), sentence.sample_rate);
    while long.duration_s() < 120.0 {
        long.append(&sentence);
        long.append(&Clip::silence(0.6, sentence.sample_rate));
    }
    let long_wav = dir.path().join("long.wav");
    write_wav(&long_wav, &long).unwrap();
    let text = common::SENTENCES.join(" ").repeat(6);

    let n: usize = std::env::var("BENCH_LOAD")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2);
    let load: Vec<Child> = (0..n)
        .map(|_| {
            Command::new("sh")
                .args(["-c", "while :; do :; done"])
                .spawn()
                .unwrap()
        })
        .collect();

    let mut rows = Vec::new();
    let sigs = [(libc::SIGTERM, "SIGTERM"), (libc::SIGINT, "SIGINT")];
    for (sig, name) in sigs {
        // Transcribing a two-minute answer (about 8 s of decoding on a quiet machine).
        let child = warmup(&["transcribe", long_wav.to_str().unwrap()], data);
        std::thread::sleep(Duration::from_secs(4));
        let (ms, code, _) = stop(child, sig);
        rows.push(Row {
            what: "transcribe, 120 s answer, 4 s in (decoding)".into(),
            signal: name,
            stop_ms: ms,
            code,
            saved: false,
        });
        // Speaking a long text to a file.
        let wav = dir.path().join("say.wav");
        let child = warmup(&["say", &text, "-o", wav.to_str().unwrap()], data);
        std::thread::sleep(Duration::from_secs(3));
        let (ms, code, _) = stop(child, sig);
        rows.push(Row {
            what: format!("say, {} words, 3 s in (synthesis)", text.split(' ').count()),
            signal: name,
            stop_ms: ms,
            code,
            saved: false,
        });
    }
    // A whole demo interview, stopped at points through it.
    // Points through the interview as it now runs beside the load (about 30 s in all).
    for (i, at_s) in [0.3f64, 5.0, 10.0, 15.0, 22.0].into_iter().enumerate() {
        let (sig, name) = sigs[i % 2];
        let wav = dir.path().join("agent.wav");
        let mut child = warmup(
            &["demo", "--seed", "11", "--agent-wav", wav.to_str().unwrap()],
            data,
        );
        // The lines printed before the signal, read as they come, to name the moment.
        let out = child.stdout.take().unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(out).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        std::thread::sleep(Duration::from_secs_f64(at_s));
        let before: Vec<String> = rx.try_iter().collect();
        let t = Instant::now();
        // SAFETY: kill only sends a signal to the child's pid.
        unsafe { libc::kill(child.id() as i32, sig) };
        let code = child.wait().unwrap().code();
        let ms = t.elapsed().as_secs_f64() * 1000.0;
        reader.join().unwrap();
        let after: Vec<String> = rx.try_iter().collect();
        let last = before
            .iter()
            .rev()
            .find(|l| l.starts_with("agent:") || l.starts_with("candidate:"))
            .map_or("loading".to_string(), |l| {
                l.chars().take(38).collect::<String>()
            });
        rows.push(Row {
            what: format!("demo, {at_s} s in (after \"{last}\")"),
            signal: name,
            stop_ms: ms,
            code,
            saved: after.iter().any(|l| l.starts_with("saved:")),
        });
    }
    for mut c in load {
        let _ = c.kill();
        let _ = c.wait();
    }

    println!("\nStop after a signal, {n} busy processes on the machine\n");
    println!("| what was running | signal | stop (ms) | exit code | session saved |");
    println!("|---|---|---:|---:|---|");
    for r in &rows {
        println!(
            "| {} | {} | {:.0} | {} | {} |",
            r.what,
            r.signal,
            r.stop_ms,
            r.code.map_or("killed".into(), |c| c.to_string()),
            if r.saved { "yes" } else { "-" }
        );
    }
    let worst = rows.iter().map(|r| r.stop_ms).fold(0.0, f64::max);
    println!("\nslowest stop: {worst:.0} ms (target 1000 ms)");
}
