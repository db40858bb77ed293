//! Saving a session: JSON (everything) and a Markdown report a person can read, in a folder only
//! the user can open (0700, files 0600). Written on every exit path the driver has.

use std::fmt::Write as _;
use std::io::Write;
use std::path::{Path, PathBuf};

use super::interview::{QuestionOutcome, SessionRecord};

/// Writes `session.json` and `report.md` into `dir` (created user-only).
///
/// # Errors
/// I/O errors, with the path.
pub fn save(record: &SessionRecord, dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)?;
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))?;
    let json = serde_json::to_string_pretty(record).map_err(std::io::Error::other)?;
    let mut paths = Vec::new();
    for (name, text) in [("session.json", json), ("report.md", markdown(record))] {
        let path = dir.join(name);
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .mode(0o600)
            .open(&path)?;
        f.write_all(text.as_bytes())?;
        paths.push(path);
    }
    Ok(paths)
}

/// The readable report.
pub fn markdown(r: &SessionRecord) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "# Practice interview: {}\n\nStarted {}.\n",
        r.field, r.started
    );
    for (i, q) in r.questions.iter().enumerate() {
        match q {
            QuestionOutcome::Answered(a) => {
                let _ = writeln!(s, "## {}. {} ({})\n", i + 1, a.question, a.kind);
                let _ = writeln!(s, "**Your answer:** {}\n", a.transcript);
                let i = &a.insights;
                let d = &i.delivery;
                let list = |v: &[String]| {
                    if v.is_empty() {
                        "none".to_string()
                    } else {
                        v.join(", ")
                    }
                };
                let _ = writeln!(
                    s,
                    "- Talking points covered: {}\n- To consider: {}\n- Job terms used: {}\n- Terms to consider: {}",
                    list(&i.talking_points.covered),
                    list(&i.talking_points.to_consider),
                    list(&i.job_terms.used),
                    list(&i.job_terms.to_consider)
                );
                for w in &i.most_used_words {
                    let _ = writeln!(
                        s,
                        "- Said \"{}\" {} times; alternatives: {}",
                        w.word,
                        w.count,
                        list(&w.synonyms)
                    );
                }
                let _ = writeln!(
                    s,
                    "- Fillers: {} ({:.1} a minute); hedges: {}\n- Length: {:.0} s, {} words\n- Pace: {:.0} words per minute\n- Longest pause: {:.1} s\n- Turn ended by: {:?}\n",
                    i.fillers.total, i.fillers.per_minute, i.hedges.total,
                    d.duration_s, i.word_count, d.pace_wpm, d.longest_pause_s, a.ended_by
                );
                let _ = writeln!(s, "**Feedback:** {}\n", a.feedback);
            }
            QuestionOutcome::NoAnswer { question, .. } => {
                let _ = writeln!(s, "## {}. {}\n\nNo answer.\n", i + 1, question);
            }
            QuestionOutcome::Skipped { question, .. } => {
                let _ = writeln!(s, "## {}. {}\n\nSkipped.\n", i + 1, question);
            }
        }
    }
    s
}
