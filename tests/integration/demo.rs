//! A whole simulated interview, faster than real time, with the real voice and recogniser.

use std::os::unix::fs::PermissionsExt;

use warmup::asr::wer::recall;

use crate::support::{tmp, transcribe_file};

#[test]
fn a_whole_demo_session_runs_saves_its_report_and_speaks_each_question() {
    let data = tmp();
    let dir = tmp();
    let agent = dir.path().join("agent.wav");
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_warmup"))
        .args([
            "demo",
            "--seed",
            "11",
            "--agent-wav",
            agent.to_str().unwrap(),
        ])
        .env("XDG_DATA_HOME", data.path())
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        o.status.success(),
        "{out}\n{}",
        String::from_utf8_lossy(&o.stderr)
    );

    // The record: five questions in the 2/1/2 mix, all answered, user-only files.
    let sessions = data.path().join("warmup/sessions");
    let session = std::fs::read_dir(&sessions)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    assert_eq!(
        std::fs::metadata(&session).unwrap().permissions().mode() & 0o777,
        0o700
    );
    let json_path = session.join("session.json");
    assert_eq!(
        std::fs::metadata(&json_path).unwrap().permissions().mode() & 0o777,
        0o600
    );
    assert!(session.join("report.md").exists());
    // The agent's voice reads the answers back: user-only, whatever the umask.
    assert_eq!(
        std::fs::metadata(&agent).unwrap().permissions().mode() & 0o777,
        0o600
    );
    // "Saved" is said only after the files are written.
    let saved_at = out.find("saved:").expect("the files are named");
    let said_at = out
        .find("agent:     Your notes from this session are saved on this computer.")
        .expect("the save is said");
    assert!(said_at > saved_at, "{out}");
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json_path).unwrap()).unwrap();
    let qs = v["questions"].as_array().unwrap();
    let kinds: Vec<&str> = qs
        .iter()
        .map(|q| q["kind"].as_str().unwrap_or("none"))
        .collect();
    assert_eq!(
        kinds,
        [
            "background",
            "background",
            "behavioral",
            "technical",
            "technical"
        ]
    );
    // Each answer written for its question: no two alike.
    let transcripts: std::collections::BTreeSet<&str> = qs
        .iter()
        .map(|q| q["transcript"].as_str().unwrap())
        .collect();
    assert_eq!(transcripts.len(), qs.len(), "{transcripts:#?}");
    for q in qs {
        assert_eq!(q["outcome"], "answered", "{q}");
        // Real wall-clock costs, not the 0.0 every record used to hold.
        for key in ["asr_after_end", "insights", "tts_first_audio"] {
            let ms = q["timings_ms"][key].as_f64().unwrap_or(0.0);
            assert!(ms > 0.0, "timings_ms.{key}: {}", q["timings_ms"]);
        }
        // Every simulated answer ends with "That's my answer.".
        assert_eq!(q["ended_by"], "phrase", "{q}");
    }
    // The story stops before its end: a follow-up, and the reply joins the answer.
    let story = &qs[2];
    let f = &story["follow_up"];
    assert!(
        f["asked"]
            .as_str()
            .is_some_and(|a| out.contains(&format!("agent:     {a}"))),
        "{story}"
    );
    assert!(!f["reply"].as_str().unwrap_or("").is_empty(), "{story}");
    // The second question is tried again: both tries in the record, the change said first.
    let second = &qs[1];
    assert_eq!(
        second["earlier"].as_array().map(Vec::len),
        Some(1),
        "{second}"
    );
    let said = second["feedback"].as_str().unwrap();
    assert!(
        ["This time you gave", "Fewer fillers", "You added"]
            .iter()
            .any(|c| said.starts_with(c)),
        "the change is said first: {said}"
    );
    // It ends with a progress sentence (nothing saved before this session).
    let asked = out
        .find("candidate: How am I doing?")
        .expect("asked: {out}");
    assert!(
        out[asked..].contains("agent:     I have no saved sessions to go on yet."),
        "{out}"
    );

    // Round trip: the agent's own voice, transcribed, holds every question.
    let heard = transcribe_file(&agent).text;
    for q in qs {
        let text = q["question"].as_str().unwrap();
        assert!(
            recall(text, &heard) >= 0.85,
            "{text:?} not in the agent's speech: {heard}"
        );
    }
}

#[test]
fn a_single_question_can_be_drilled_from_any_field() {
    let dir = tmp();
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_warmup"))
        .args([
            "demo",
            "--question",
            "its-tech-01",
            "--no-save",
            "--agent-wav",
        ])
        .arg(dir.path().join("a.wav"))
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        o.status.success(),
        "{out}\n{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(
        out.contains("IT Support practice interview") && out.contains("Question 1 of 1."),
        "{out}"
    );
    assert!(!out.contains("saved:"), "--no-save keeps nothing: {out}");
    assert!(
        out.contains("agent:     As asked, nothing from this session is kept."),
        "{out}"
    );
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_warmup"))
        .args(["demo", "--question", "no-such-id", "--no-save"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("no question `no-such-id`"));
}

#[test]
fn ctrl_c_saves_the_session_so_far() {
    use std::io::{BufRead, Read};
    let data = tmp();
    let dir = tmp();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_warmup"))
        .args(["demo", "--seed", "4", "--agent-wav"])
        .arg(dir.path().join("a.wav"))
        .env("XDG_DATA_HOME", data.path())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Interrupt once the first answer has been heard (the handler is in place by then).
    let mut stdout = std::io::BufReader::new(child.stdout.take().unwrap());
    let mut out = String::new();
    let mut line = String::new();
    while stdout.read_line(&mut line).unwrap() > 0 {
        out.push_str(&line);
        let heard = line.starts_with("candidate:") && !line.contains("repeat");
        line.clear();
        if heard {
            break;
        }
    }
    let ok = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap()
        .success();
    assert!(ok);
    stdout.read_to_string(&mut out).unwrap();
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(130), "{out}");
    let sessions = data.path().join("warmup/sessions");
    let session = std::fs::read_dir(&sessions)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(session.join("session.json")).unwrap())
            .unwrap();
    let n = v["questions"].as_array().unwrap().len();
    assert!(
        (1..5).contains(&n),
        "interrupted after the first answer, kept {n} question(s): {out}"
    );
    assert!(out.contains("saved:"), "{out}");
}

#[test]
fn a_kiosk_forgets_each_visitor_and_writes_nothing() {
    let home = tmp();
    // A saved practice session on the same machine: the kiosk neither reads nor changes it
    // (`practice` would start with "From your last sessions: work on the result ...").
    let sessions = home.path().join("data/warmup/sessions");
    let saved = sessions.join("2026-12-01T10-00-00_1");
    std::fs::create_dir_all(&saved).unwrap();
    let answer = r#"{"outcome": "answered", "question_id": "q", "question": "Q?",
        "insights": {"talking_points": {"covered": [], "to_consider": ["result"]},
        "word_count": 40, "fillers": {"total": 9}, "duration_s": 20.0, "pace_wpm": 140.0}}"#;
    let record = format!(
        r#"{{"field": "cybersecurity", "title": "Cybersecurity", "started": "2026-12-01T10:00:00+00:00", "seed": 1, "questions": [{answer}, {answer}]}}"#
    );
    std::fs::write(saved.join("session.json"), &record).unwrap();
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_warmup"))
        .args(["kiosk", "--simulate", "2"])
        .env("XDG_DATA_HOME", home.path().join("data"))
        .env("XDG_STATE_HOME", home.path().join("state"))
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&o.stdout);
    let log = format!("{out}\n{}", String::from_utf8_lossy(&o.stderr));
    assert!(o.status.success(), "{log}");
    assert!(out.contains("2 visits in"), "{log}");
    let visits: Vec<&str> = out.lines().filter(|l| l.starts_with("visit ")).collect();
    assert_eq!(visits.len(), 2, "{log}");
    assert!(
        visits.iter().all(|l| l.contains("| 3 of 3 answered |")),
        "{log}"
    );
    // The chatter before each visitor is not a wake word: only "start" opened a visit, or (the
    // second visitor) the start button.
    let lines: Vec<&str> = out.lines().collect();
    assert!(
        lines
            .iter()
            .all(|l| !l.starts_with("visitor:") || !l.contains("queue")),
        "{log}"
    );
    let woke: Vec<&str> = lines
        .windows(2)
        .filter(|w| w[0].starts_with("agent:     Hello."))
        .map(|w| w[1])
        .collect();
    assert_eq!(woke.len(), 2, "{log}");
    assert!(woke[0].to_lowercase().contains("start"), "{log}");
    assert!(woke[1].contains("(pressed the start button)"), "{log}");
    // The first visitor slowed the voice; every visit starts at the configured voice.
    assert!(out.contains("voice:     rate 0.85"), "{log}");
    let greetings: Vec<usize> = out
        .lines()
        .enumerate()
        .filter(|(_, l)| l.starts_with("agent:     Welcome"))
        .map(|(i, _)| i)
        .collect();
    assert_eq!(greetings.len(), 2, "{log}");
    for g in greetings {
        assert_eq!(lines[g - 1], "voice:     rate 1.00, volume 1.00", "{log}");
    }
    // Nothing about a visitor was written, nothing was remembered, and the saved session was
    // not read.
    assert!(
        !home.path().join("state").exists(),
        "state was written: {log}"
    );
    let kept: Vec<_> = std::fs::read_dir(&sessions).unwrap().collect();
    assert_eq!(kept.len(), 1, "{log}");
    assert_eq!(
        std::fs::read_to_string(saved.join("session.json")).unwrap(),
        record
    );
    assert!(!out.contains("From your last sessions"), "{log}");
}
