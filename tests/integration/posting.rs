//! Practice for one job (`--posting`): the sample adverts in `question-banks/postings/` choose
//! their field, their terms come first, and the welcome and the record name the role; through
//! the real binary, voice and recogniser.

use std::path::{Path, PathBuf};

use warmup::insights::terms::Glossary;
use warmup::posting::Posting;

use crate::support::{espeak, tmp, warmup};

fn posting(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("question-banks/postings")
        .join(name)
}

fn glossary(field: &str) -> Glossary {
    Glossary::load(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("question-banks/glossary"),
        field,
    )
    .unwrap()
}

fn to_consider(o: &std::process::Output) -> (String, Vec<String>) {
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let terms = v["insights"]["job_terms"]["to_consider"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap().to_string())
        .collect();
    (v["field"].as_str().unwrap().to_string(), terms)
}

#[test]
fn an_answer_for_a_posting_takes_its_field_and_considers_its_terms_first() {
    let dir = tmp();
    let wav = espeak(
        dir.path(),
        "a.wav",
        "en-us",
        "I would not click anything. I would look at who sent it and then tell my manager about it.",
    );
    let soc = posting("soc-analyst.txt");
    // `warmup answer` to a technical question asked aloud, with `extra` flags.
    let answer = |extra: &[&str]| {
        let mut args = vec![
            "answer",
            wav.to_str().unwrap(),
            "--ask",
            "How would you investigate a suspected phishing email?",
            "--kind",
            "technical",
        ];
        args.extend(extra);
        warmup(&args)
    };
    let with = answer(&["--posting", soc.to_str().unwrap(), "--json"]);
    let (field, terms) = to_consider(&with);
    assert_eq!(field, "cybersecurity", "chosen from the posting");
    let own = Posting::load(&soc)
        .unwrap()
        .terms(&glossary("cybersecurity"));
    assert!(!terms.is_empty());
    assert!(
        own.contains(&terms[0]),
        "first term to consider {:?} is not the posting's {own:?}",
        terms[0]
    );
    // Without the posting, the same answer gets the question's usual order, which does not
    // start with the posting's terms.
    let without = answer(&["--field", "cybersecurity", "--json"]);
    let (_, plain) = to_consider(&without);
    assert_ne!(terms, plain);

    // --ask with neither --field nor --posting says what it needs.
    let o = answer(&[]);
    assert_ne!(o.status.code(), Some(0));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("--field (or --posting"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}

#[test]
fn a_demo_for_a_posting_welcomes_to_the_role_and_records_it() {
    let data = tmp();
    let dir = tmp();
    let agent = dir.path().join("agent.wav");
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_warmup"))
        .args([
            "demo",
            "--posting",
            posting("ux-designer.txt").to_str().unwrap(),
            "--kind",
            "technical",
            "--seed",
            "5",
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
    assert!(
        out.contains("practice interview for the UX Designer (mid-level) job."),
        "{out}"
    );
    let session = std::fs::read_dir(data.path().join("warmup/sessions"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let record: serde_json::Value =
        serde_json::from_slice(&std::fs::read(session.join("session.json")).unwrap()).unwrap();
    assert_eq!(record["field"], "ux-design");
    assert_eq!(record["posting"], "UX Designer (mid-level)");
    assert!(std::fs::read_to_string(session.join("report.md"))
        .unwrap()
        .contains("For the job: UX Designer (mid-level)."));
}

#[test]
fn a_missing_or_empty_posting_is_a_clear_error() {
    let dir = tmp();
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "\n  \n").unwrap();
    for (file, want) in [
        (dir.path().join("nope.txt"), "nope.txt"),
        (empty.clone(), "the job posting is empty"),
    ] {
        let o = warmup(&["demo", "--posting", file.to_str().unwrap(), "--no-save"]);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{err}");
        assert!(err.contains(want), "{err}");
    }
}
