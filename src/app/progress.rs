//! `warmup progress`: what the saved sessions say over time.

use std::fmt::Write as _;
use std::process::ExitCode;

use anyhow::Context;

use crate::cli::ProgressArgs;
use crate::session::progress::{self, Progress, Trend};
use crate::session::store;

/// Prints progress over the saved sessions (of `--field`, if given).
pub(super) fn progress(args: &ProgressArgs) -> anyhow::Result<ExitCode> {
    let root = store::default_root()?;
    let sessions = progress::saved(&root, args.field.as_deref())
        .with_context(|| format!("reading sessions in {}", root.display()))?;
    let p = progress::summarise(&sessions);
    if args.json {
        crate::out!("{}", serde_json::to_string_pretty(&p)?);
    } else {
        crate::out!("{}", text(&p, &root));
    }
    Ok(ExitCode::SUCCESS)
}

fn trend(name: &str, t: Option<Trend>, unit: &str) -> String {
    match t {
        Some(t) => format!(
            "{name}: {:.0} {unit} at first, {:.0} last time (mean {:.0})\n",
            t.first, t.last, t.mean
        ),
        None => String::new(),
    }
}

/// The summary as a person reads it.
fn text(p: &Progress, root: &std::path::Path) -> String {
    let mut s = String::new();
    if p.sessions == 0 {
        let _ = writeln!(s, "No saved sessions in {}.", root.display());
        return s;
    }
    let _ = writeln!(s, "{} sessions, {} answers.", p.sessions, p.answers);
    for (field, c) in &p.fields {
        let _ = writeln!(
            s,
            "  {field}: {} sessions, {} answers",
            c.sessions, c.answers
        );
    }
    let _ = writeln!(
        s,
        "\nTalking points (share of answers that gave each, per session):"
    );
    for (point, t) in &p.talking_points {
        let by: Vec<String> = t
            .by_session
            .iter()
            .map(|r| format!("{:.0}%", r * 100.0))
            .collect();
        let _ = writeln!(
            s,
            "  {point:<11} {} of {}: {}",
            t.covered,
            t.asked,
            by.join(" -> ")
        );
    }
    s.push('\n');
    s.push_str(&trend("Fillers", p.fillers_per_minute, "a minute"));
    s.push_str(&trend("Pace", p.pace_wpm, "words a minute"));
    s.push_str(&trend("Answer length", p.answer_words, "words"));
    let list = |v: &[progress::Practised]| -> String {
        v.iter()
            .map(|q| format!("  {}x {} ({})", q.times, q.question, q.question_id))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let _ = writeln!(
        s,
        "\nPractised most:\n{}\nPractised least:\n{}",
        list(&p.most_practised),
        list(&p.least_practised)
    );
    let _ = writeln!(s, "\n{}", p.work_on);
    s
}
