//! Trust, on the real binary: it stops at once on Ctrl-C or SIGTERM (also under load, also in
//! its first instant), saves the session so far, survives a closed stdout, tells the truth about
//! saving, and deletes records when asked.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::tmp;

/// `warmup ARGS` with its data folder in `data` and stdout piped.
fn spawn(args: &[&str], data: &Path) -> Child {
    Command::new(env!("CARGO_BIN_EXE_warmup"))
        .args(args)
        .env("XDG_DATA_HOME", data)
        .env_remove("WARMUP_CONFIG")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("warmup runs")
}

fn signal(child: &Child, sig: i32) {
    // SAFETY: kill only sends a signal to the child's pid.
    assert_eq!(unsafe { libc::kill(child.id() as i32, sig) }, 0);
}

/// Reads stdout lines until one starts with `prefix`; returns the lines read.
fn read_until(lines: &mut impl Iterator<Item = String>, prefix: &str) -> Vec<String> {
    let mut seen = Vec::new();
    for line in lines.by_ref() {
        let hit = line.starts_with(prefix);
        seen.push(line);
        if hit {
            return seen;
        }
    }
    panic!("no line starting {prefix:?} in {seen:#?}");
}

/// The saved sessions' records under `data`.
fn saved(data: &Path) -> Vec<serde_json::Value> {
    let root = data.join("warmup/sessions");
    std::fs::read_dir(&root)
        .into_iter()
        .flatten()
        .map(|e| e.unwrap().path().join("session.json"))
        .map(|p| serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap())
        .collect()
}

fn stderr_of(child: Child) -> (Option<i32>, String) {
    let o = child.wait_with_output().unwrap();
    (
        o.status.code(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

/// Two busy processes: the machine's two cores taken, as a busy laptop or Pi would be.
struct Load(Vec<Child>);

impl Load {
    fn start() -> Load {
        Load(
            (0..2)
                .map(|_| {
                    Command::new("sh")
                        .args(["-c", "while :; do :; done"])
                        .spawn()
                        .unwrap()
                })
                .collect(),
        )
    }
}

impl Drop for Load {
    fn drop(&mut self) {
        for c in &mut self.0 {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

#[test]
fn sigterm_under_load_stops_at_once_and_saves_the_answers_so_far() {
    let data = tmp();
    let wav = data.path().join("agent.wav");
    let mut child = spawn(
        &["demo", "--seed", "11", "--agent-wav", wav.to_str().unwrap()],
        data.path(),
    );
    let mut lines = BufReader::new(child.stdout.take().unwrap())
        .lines()
        .map_while(Result::ok);
    // The first answer is in the record once its feedback is said.
    read_until(&mut lines, "agent:     Thank you");
    let load = Load::start();
    // Into the next question's synthesis and listening, with the CPU taken.
    std::thread::sleep(Duration::from_millis(1500));
    let t = Instant::now();
    signal(&child, libc::SIGTERM);
    let rest: Vec<String> = lines.collect();
    let (code, err) = stderr_of(child);
    let took = t.elapsed();
    drop(load);
    assert_eq!(code, Some(130), "{err}");
    // BENCHMARKS.md has the measured figure (bench/stop.py); this bound only has to catch a
    // stop that waits for decoding or speech to finish (30-45 s before).
    assert!(took < Duration::from_secs(3), "stopped after {took:?}");
    let records = saved(data.path());
    assert_eq!(records.len(), 1, "{rest:?}");
    let answered = records[0]["questions"].as_array().unwrap();
    assert!(!answered.is_empty() && answered[0]["outcome"] == "answered");
    assert!(
        rest.iter().any(|l| l.starts_with("saved:")),
        "the saved files are named: {rest:?}"
    );
    assert!(
        !rest.iter().any(|l| l.contains("That's the end")),
        "a stopped session says nothing more: {rest:?}"
    );
}

#[test]
fn ctrl_c_in_the_first_instant_is_handled_not_a_kill() {
    let data = tmp();
    let wav = data.path().join("agent.wav");
    let child = spawn(
        &["demo", "--seed", "3", "--agent-wav", wav.to_str().unwrap()],
        data.path(),
    );
    // Before any model is loaded (the handler used to come after loading, ~0.3 s in).
    std::thread::sleep(Duration::from_millis(50));
    let t = Instant::now();
    signal(&child, libc::SIGINT);
    let (code, err) = stderr_of(child);
    assert_eq!(code, Some(130), "an exit code, not death by signal: {err}");
    assert!(t.elapsed() < Duration::from_secs(3), "{:?}", t.elapsed());
    assert!(
        saved(data.path()).is_empty(),
        "nothing happened, nothing kept"
    );
}

#[test]
fn a_closed_stdout_stops_quietly_and_the_session_is_saved_first() {
    let data = tmp();
    let wav = data.path().join("agent.wav");
    let mut child = spawn(
        &["demo", "--seed", "11", "--agent-wav", wav.to_str().unwrap()],
        data.path(),
    );
    let stdout = child.stdout.take().unwrap();
    let mut lines = BufReader::new(stdout).lines().map_while(Result::ok);
    read_until(&mut lines, "agent:     Thank you");
    // As `warmup demo | head`: the reader goes away.
    drop(lines);
    let (code, err) = stderr_of(child);
    assert_eq!(code, Some(141), "{err}");
    assert!(
        !err.contains("panicked") && !err.contains("Broken pipe") && !err.contains("error"),
        "{err}"
    );
    let records = saved(data.path());
    assert_eq!(records.len(), 1);
    assert_eq!(records[0]["questions"][0]["outcome"], "answered");
}

#[test]
fn output_into_a_closed_pipe_ends_quietly() {
    let data = tmp();
    for args in [
        &["banks", "check"][..],
        &["models", "check"],
        &["kiosk", "--simulate", "1"],
    ] {
        let mut child = spawn(args, data.path());
        // Closed before the first line is written (`| head -0`): every line meets a closed pipe.
        drop(child.stdout.take());
        let (code, err) = stderr_of(child);
        assert_eq!(code, Some(141), "{args:?}: {err}");
        assert!(
            !err.contains("panicked") && !err.contains("Broken pipe"),
            "{args:?}: {err}"
        );
    }
}

#[test]
fn a_sessions_folder_that_cannot_be_used_is_said_before_the_first_question() {
    let data = tmp();
    // A file where warmup's data folder should be: nothing can be saved under it.
    std::fs::write(data.path().join("warmup"), b"not a folder").unwrap();
    let wav = data.path().join("agent.wav");
    let o = Command::new(env!("CARGO_BIN_EXE_warmup"))
        .args(["demo", "--question", "its-tech-01", "--agent-wav"])
        .arg(&wav)
        .env("XDG_DATA_HOME", data.path())
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(0), "{out}");
    let said: Vec<&str> = out
        .lines()
        .filter_map(|l| l.strip_prefix("agent:     "))
        .collect();
    assert!(
        said[0].starts_with(
            "Before we start: I can't keep notes from this session, because the sessions folder cannot be written to."
        ),
        "{said:?}"
    );
    assert!(
        !out.contains("saved:") && !out.contains("are saved"),
        "nothing claims a save: {out}"
    );
    assert!(String::from_utf8_lossy(&o.stderr).contains("will not be saved"));
}

#[test]
fn forget_deletes_sessions_and_says_which() {
    let data = tmp();
    let root = data.path().join("warmup/sessions");
    for name in [
        "2026-11-01T09-00-00_1",
        "2026-11-20T09-00-00_1",
        "2026-11-20T09-00-00_2",
    ] {
        std::fs::create_dir_all(root.join(name)).unwrap();
        std::fs::write(root.join(name).join("session.json"), "{}").unwrap();
    }
    let forget = |args: &[&str]| {
        let o = Command::new(env!("CARGO_BIN_EXE_warmup"))
            .arg("forget")
            .args(args)
            .env("XDG_DATA_HOME", data.path())
            .output()
            .unwrap();
        (
            o.status.code(),
            String::from_utf8_lossy(&o.stdout).into_owned(),
        )
    };
    let (code, out) = forget(&["--before", "2026-11-10"]);
    assert_eq!(code, Some(0));
    assert!(
        out.contains("2026-11-01T09-00-00_1")
            && out.contains("Deleted 1 session from before 2026-11-10"),
        "{out}"
    );
    let (code, out) = forget(&["2026-11-20T09-00-00_2"]);
    assert_eq!(code, Some(0));
    assert!(out.contains("Deleted 1 session"), "{out}");
    assert!(root.join("2026-11-20T09-00-00_1").exists());
    let (code, _) = forget(&["2026-11-20T09-00-00_2"]);
    assert_eq!(code, Some(1), "a session that is not there is an error");
    let (code, out) = forget(&["--all"]);
    assert_eq!(code, Some(0));
    assert!(out.contains("Deleted 1 session"), "{out}");
    let (_, out) = forget(&["--all"]);
    assert!(out.contains("No saved sessions to delete"), "{out}");
    assert_eq!(forget(&[]).0, Some(2), "say what to forget");
    assert_eq!(forget(&["--before", "last week"]).0, Some(2));
}
