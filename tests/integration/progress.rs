//! `warmup progress` over three sessions the test saves with warmup's own record writer, each
//! answer assessed by the real insights: the trends and the one thing to work on come out right.

use warmup::bank::{Kind, Question};
use warmup::session::answer::assess;
use warmup::session::store::{self, Records};
use warmup::session::turn::{EndedBy, TurnResult};
use warmup::session::{QuestionOutcome, SessionRecord};
use warmup::transcript::Transcript;

use crate::support::tmp;

fn turn(text: &str) -> TurnResult {
    TurnResult {
        transcript: Transcript::evenly_spoken(text),
        speech_start_s: 0.0,
        speech_end_s: 5.0,
        turn_end_s: 8.0,
        ended_by: EndedBy::Silence,
        pieces_during: 0,
        command: None,
    }
}

fn record(answers: &[&str], seed: u64) -> SessionRecord {
    let q = Question {
        id: "cyber-tech-fw".into(),
        field: "cybersecurity".into(),
        kind: Kind::Technical,
        text: "What is a firewall?".into(),
        talking_points: Kind::Technical.default_talking_points().to_vec(),
        terms: vec![],
    };
    let ctx = warmup::insights::Context::default();
    SessionRecord {
        posting: None,
        field: "cybersecurity".into(),
        title: "Cybersecurity".into(),
        started: "2026-12-01T10:00:00+00:00".into(),
        seed,
        questions: answers
            .iter()
            .map(|a| QuestionOutcome::Answered(Box::new(assess(&q, turn(a), &ctx))))
            .collect(),
    }
}

const NO_EXAMPLE: &str = "Um, a firewall is, um, a device or program that filters network \
                          traffic between networks based on a set of rules, uh, that allow or \
                          block connections.";
const EXAMPLE: &str = "A firewall is a device or program that filters network traffic between \
                       networks based on rules. For example, at my last job we blocked inbound \
                       connections to our database server and only allowed web traffic on port \
                       four four three.";

#[test]
fn progress_over_three_saved_sessions_gives_the_trends() {
    let data = tmp();
    let root = data.path().join("warmup/sessions");
    let records = Records::prepare(&root).unwrap();
    let now = chrono::Local::now();
    for (days_ago, answers) in [
        (3, [NO_EXAMPLE, NO_EXAMPLE]),
        (2, [NO_EXAMPLE, EXAMPLE]),
        (1, [EXAMPLE, EXAMPLE]),
    ] {
        let dir = records
            .new_session(now - chrono::Duration::days(days_ago))
            .unwrap();
        store::save(&record(&answers, days_ago as u64), &dir).unwrap();
    }
    let run = |extra: &[&str]| {
        let o = std::process::Command::new(env!("CARGO_BIN_EXE_warmup"))
            .args(["progress", "--json"])
            .args(extra)
            .env("XDG_DATA_HOME", data.path())
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        serde_json::from_slice::<serde_json::Value>(&o.stdout).unwrap()
    };
    let p = run(&[]);
    assert_eq!(p["sessions"], 3);
    assert_eq!(p["answers"], 6);
    assert_eq!(p["fields"]["cybersecurity"]["sessions"], 3);
    // The example: in none of the first session's answers, half the second's, all the third's.
    assert_eq!(
        p["talking_points"]["example"]["by_session"],
        serde_json::json!([0.0, 0.5, 1.0])
    );
    assert_eq!(
        p["talking_points"]["definition"]["by_session"],
        serde_json::json!([1.0, 1.0, 1.0])
    );
    // The fillers went from several a minute to none.
    let f = &p["fillers_per_minute"];
    assert!(
        f["first"].as_f64().unwrap() > 5.0 && f["last"] == 0.0,
        "{f}"
    );
    assert_eq!(p["most_practised"][0]["times"], 6);
    assert!(
        p["work_on"].as_str().unwrap().starts_with("Work on"),
        "{}",
        p["work_on"]
    );
    // Another field has no sessions.
    assert_eq!(run(&["--field", "ux-design"])["sessions"], 0);
}
