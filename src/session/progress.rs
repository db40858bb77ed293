//! Progress across saved sessions (`warmup progress`): what the records say over time. Read from
//! each `session.json` as plain JSON (only the fields used here, so records written by older
//! versions are read too), summarised by a pure function with no clock.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Serialize;
use serde_json::Value;

/// Sessions looked at for "the one thing to work on next".
const RECENT: usize = 3;
/// A point asked fewer times than this in the recent sessions says too little to pick it.
const MIN_ASKED: usize = 2;
/// Coverage under this is worth working on.
const WEAK: f32 = 0.6;

/// One answered question, as progress needs it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AnswerFacts {
    pub question_id: String,
    pub question: String,
    pub covered: Vec<String>,
    pub to_consider: Vec<String>,
    pub words: usize,
    pub fillers: usize,
    pub duration_s: f32,
    pub pace_wpm: f32,
}

/// One saved session, as progress needs it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SessionFacts {
    pub started: String,
    pub field: String,
    pub answers: Vec<AnswerFacts>,
    /// Questions skipped or not answered.
    pub unanswered: usize,
}

/// Reads one `session.json`. `None` for a file that is not a session record.
pub fn read(path: &Path) -> Option<SessionFacts> {
    let v: Value = serde_json::from_slice(&std::fs::read(path).ok()?).ok()?;
    let s = |v: &Value, k: &str| v.get(k).and_then(Value::as_str).unwrap_or("").to_string();
    let strings = |v: Option<&Value>| -> Vec<String> {
        v.and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(|x| x.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    };
    let num = |v: Option<&Value>| v.and_then(Value::as_f64).unwrap_or(0.0);
    let mut answers = Vec::new();
    let mut unanswered = 0;
    for q in v.get("questions")?.as_array()? {
        if q.get("outcome").and_then(Value::as_str) != Some("answered") {
            unanswered += 1;
            continue;
        }
        let i = q.get("insights")?;
        let tp = i.get("talking_points");
        answers.push(AnswerFacts {
            question_id: s(q, "question_id"),
            question: s(q, "question"),
            covered: strings(tp.and_then(|t| t.get("covered"))),
            to_consider: strings(tp.and_then(|t| t.get("to_consider"))),
            words: num(i.get("word_count")) as usize,
            fillers: num(i.get("fillers").and_then(|f| f.get("total"))) as usize,
            duration_s: num(i.get("duration_s")) as f32,
            pace_wpm: num(i.get("pace_wpm")) as f32,
        });
    }
    Some(SessionFacts {
        started: s(&v, "started"),
        field: s(&v, "field"),
        answers,
        unanswered,
    })
}

/// A measure at the first and the last session that has it, and over all.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Trend {
    pub first: f32,
    pub last: f32,
    pub mean: f32,
}

fn trend(values: &[f32]) -> Option<Trend> {
    Some(Trend {
        first: *values.first()?,
        last: *values.last()?,
        mean: values.iter().sum::<f32>() / values.len() as f32,
    })
}

/// One talking point over the sessions that asked for it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PointTrend {
    pub asked: usize,
    pub covered: usize,
    /// Share of answers that covered it, per session that asked for it (oldest first).
    pub by_session: Vec<f32>,
}

/// How often a question was answered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Practised {
    pub question_id: String,
    pub question: String,
    pub times: usize,
}

/// Sessions and answers of one field.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct FieldCount {
    pub sessions: usize,
    pub answers: usize,
}

/// What the saved sessions say.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Progress {
    pub sessions: usize,
    pub answers: usize,
    pub fields: BTreeMap<String, FieldCount>,
    pub talking_points: BTreeMap<String, PointTrend>,
    /// Fillers per minute of answer, per session.
    pub fillers_per_minute: Option<Trend>,
    pub pace_wpm: Option<Trend>,
    /// Words per answer, per session.
    pub answer_words: Option<Trend>,
    /// Most answered first; at most five each.
    pub most_practised: Vec<Practised>,
    pub least_practised: Vec<Practised>,
    /// The one thing to work on next, as said.
    pub work_on: String,
}

/// One sentence on the sessions so far, said at the start of `practice`.
pub fn last_time(p: &Progress) -> Option<String> {
    (p.sessions > 0).then(|| format!("From your last sessions: {}", lower_first(&p.work_on)))
}

/// "How am I doing", spoken: the counts, how fillers and pace moved, and what to work on.
pub fn spoken(p: &Progress) -> String {
    if p.sessions == 0 {
        return "I have no saved sessions to go on yet. Keep practising, and ask me again next time."
            .into();
    }
    let mut s = format!(
        "You have practised {} session{} and {} answer{} so far.",
        p.sessions,
        if p.sessions == 1 { "" } else { "s" },
        p.answers,
        if p.answers == 1 { "" } else { "s" }
    );
    if let Some(f) = p
        .fillers_per_minute
        .filter(|f| p.sessions > 1 && (f.first - f.last).abs() >= 1.0)
    {
        s.push_str(&format!(
            " Fillers went from {:.0} to {:.0} a minute.",
            f.first, f.last
        ));
    }
    s.push(' ');
    s.push_str(&p.work_on);
    s
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_lowercase().chain(c).collect())
        .unwrap_or_default()
}

/// The sessions saved under `root` of `field` (all fields: `None`), oldest first.
///
/// # Errors
/// I/O errors reading `root` (a missing `root` is no sessions).
pub fn saved(root: &Path, field: Option<&str>) -> std::io::Result<Vec<SessionFacts>> {
    Ok(super::store::list(root)?
        .iter()
        .filter_map(|s| read(&s.dir.join("session.json")))
        .filter(|s| field.is_none_or(|f| s.field == f))
        .collect())
}

/// Summarises `sessions` (oldest first).
pub fn summarise(sessions: &[SessionFacts]) -> Progress {
    let mut fields: BTreeMap<String, FieldCount> = BTreeMap::new();
    let mut points: BTreeMap<String, PointTrend> = BTreeMap::new();
    let mut practised: BTreeMap<String, Practised> = BTreeMap::new();
    let (mut fillers, mut pace, mut words) = (Vec::new(), Vec::new(), Vec::new());
    for s in sessions {
        let f = fields.entry(s.field.clone()).or_default();
        f.sessions += 1;
        f.answers += s.answers.len();
        let mut here: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
        for a in &s.answers {
            for p in &a.covered {
                let e = here.entry(p).or_default();
                e.0 += 1;
                e.1 += 1;
            }
            for p in &a.to_consider {
                here.entry(p).or_default().0 += 1;
            }
            practised
                .entry(a.question_id.clone())
                .or_insert_with(|| Practised {
                    question_id: a.question_id.clone(),
                    question: a.question.clone(),
                    times: 0,
                })
                .times += 1;
        }
        for (p, (asked, covered)) in here {
            let t = points.entry(p.to_string()).or_insert(PointTrend {
                asked: 0,
                covered: 0,
                by_session: Vec::new(),
            });
            t.asked += asked;
            t.covered += covered;
            t.by_session.push(covered as f32 / asked as f32);
        }
        let minutes: f32 = s.answers.iter().map(|a| a.duration_s).sum::<f32>() / 60.0;
        if minutes > 0.0 {
            let n: usize = s.answers.iter().map(|a| a.fillers).sum();
            fillers.push(n as f32 / minutes);
        }
        let paced: Vec<f32> = s
            .answers
            .iter()
            .map(|a| a.pace_wpm)
            .filter(|p| *p > 0.0)
            .collect();
        if !paced.is_empty() {
            pace.push(paced.iter().sum::<f32>() / paced.len() as f32);
        }
        if !s.answers.is_empty() {
            words.push(
                s.answers.iter().map(|a| a.words).sum::<usize>() as f32 / s.answers.len() as f32,
            );
        }
    }
    let mut by_times: Vec<Practised> = practised.into_values().collect();
    by_times.sort_by(|a, b| {
        b.times
            .cmp(&a.times)
            .then(a.question_id.cmp(&b.question_id))
    });
    let most = by_times.iter().take(5).cloned().collect();
    let mut least: Vec<Practised> = by_times.iter().rev().take(5).cloned().collect();
    least.sort_by(|a, b| {
        a.times
            .cmp(&b.times)
            .then(a.question_id.cmp(&b.question_id))
    });
    let recent = &sessions[sessions.len().saturating_sub(RECENT)..];
    let fillers = trend(&fillers);
    let pace = trend(&pace);
    Progress {
        sessions: sessions.len(),
        answers: sessions.iter().map(|s| s.answers.len()).sum(),
        fields,
        talking_points: points,
        work_on: work_on(recent, fillers, pace),
        fillers_per_minute: fillers,
        pace_wpm: pace,
        answer_words: trend(&words),
        most_practised: most,
        least_practised: least,
    }
}

/// The talking point `sessions` cover least (asked at least twice, given in under 60% of
/// those answers): its name, how many answers gave it and how many called for it.
pub fn weakest(sessions: &[SessionFacts]) -> Option<(String, usize, usize)> {
    let recent = &sessions[sessions.len().saturating_sub(RECENT)..];
    let mut counts: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for a in recent.iter().flat_map(|s| &s.answers) {
        for p in &a.covered {
            let e = counts.entry(p).or_default();
            e.0 += 1;
            e.1 += 1;
        }
        for p in &a.to_consider {
            counts.entry(p).or_default().0 += 1;
        }
    }
    counts
        .iter()
        .filter(|(_, (asked, _))| *asked >= MIN_ASKED)
        .map(|(p, (asked, covered))| (*p, *covered as f32 / *asked as f32, *asked, *covered))
        .filter(|(_, rate, _, _)| *rate < WEAK)
        .min_by(|a, b| a.1.total_cmp(&b.1).then(b.2.cmp(&a.2)))
        .map(|(p, _, asked, covered)| (p.to_string(), covered, asked))
}

/// The point the recent sessions cover least, else fillers over 5 a minute, else a pace
/// outside 120-170 words a minute.
fn work_on(recent: &[SessionFacts], fillers: Option<Trend>, pace: Option<Trend>) -> String {
    if let Some((p, gave, asked)) = weakest(recent) {
        let gave = if gave == 0 {
            "none".to_string()
        } else {
            format!("only {gave}")
        };
        return format!(
            "Work on the {p}: {gave} of your last {asked} answers that called for it gave it."
        );
    }
    if let Some(f) = fillers.filter(|f| f.last > 5.0) {
        return format!(
            "Work on fillers: {:.0} a minute last time. A short pause works better.",
            f.last
        );
    }
    match pace.map(|p| p.last) {
        Some(p) if p > 170.0 => {
            format!("Work on your pace: {p:.0} words a minute last time; slow down a little.")
        }
        Some(p) if p > 0.0 && p < 120.0 => format!(
            "Work on your pace: {p:.0} words a minute last time; a little faster keeps attention."
        ),
        _ if recent.iter().all(|s| s.answers.is_empty()) => {
            "Answer a few questions: there is nothing to go on yet.".into()
        }
        _ => "Keep going: your recent answers cover what they should.".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(id: &str, covered: &[&str], missing: &[&str], fillers: usize) -> AnswerFacts {
        AnswerFacts {
            question_id: id.into(),
            question: format!("{id}?"),
            covered: covered.iter().map(|s| s.to_string()).collect(),
            to_consider: missing.iter().map(|s| s.to_string()).collect(),
            words: 100,
            fillers,
            duration_s: 60.0,
            pace_wpm: 140.0,
        }
    }

    fn session(field: &str, answers: Vec<AnswerFacts>) -> SessionFacts {
        SessionFacts {
            started: "2026-12-01T10:00:00+00:00".into(),
            field: field.into(),
            answers,
            unanswered: 0,
        }
    }

    #[test]
    fn trends_counts_and_the_weakest_point() {
        let p = summarise(&[
            session(
                "cyber",
                vec![
                    answer("a", &["action"], &["result"], 8),
                    answer("b", &["action"], &["result"], 6),
                ],
            ),
            session(
                "cyber",
                vec![
                    answer("a", &["action", "result"], &[], 4),
                    answer("c", &["action"], &["result"], 2),
                ],
            ),
            session("ux", vec![answer("a", &["action"], &["result"], 1)]),
        ]);
        assert_eq!(p.sessions, 3);
        assert_eq!(p.answers, 5);
        assert_eq!(
            p.fields["cyber"],
            FieldCount {
                sessions: 2,
                answers: 4
            }
        );
        assert_eq!(p.talking_points["result"].by_session, [0.0, 0.5, 0.0]);
        assert_eq!(p.talking_points["action"].by_session, [1.0, 1.0, 1.0]);
        let f = p.fillers_per_minute.unwrap();
        assert_eq!((f.first, f.last), (7.0, 1.0));
        assert_eq!(p.most_practised[0].question_id, "a");
        assert_eq!(p.most_practised[0].times, 3);
        assert_eq!(p.least_practised[0].times, 1);
        assert!(
            p.work_on
                .starts_with("Work on the result: only 1 of your last 5 answers"),
            "{}",
            p.work_on
        );
    }

    #[test]
    fn nothing_saved_is_nothing_to_go_on() {
        let p = summarise(&[]);
        assert_eq!(p.sessions, 0);
        assert!(p.work_on.contains("nothing to go on"), "{}", p.work_on);
        assert_eq!(last_time(&p), None);
        assert!(spoken(&p).starts_with("I have no saved sessions"));
    }

    #[test]
    fn spoken_progress_and_the_sentence_on_last_time() {
        let sessions = [
            session("cyber", vec![answer("a", &["action"], &["result"], 8)]),
            session("cyber", vec![answer("b", &["action"], &["result"], 1)]),
        ];
        let p = summarise(&sessions);
        assert_eq!(
            spoken(&p),
            "You have practised 2 sessions and 2 answers so far. Fillers went from 8 to 1 a \
             minute. Work on the result: none of your last 2 answers that called for it gave it."
        );
        assert_eq!(
            last_time(&p).unwrap(),
            "From your last sessions: work on the result: none of your last 2 answers that \
             called for it gave it."
        );
        assert_eq!(weakest(&sessions), Some(("result".into(), 0, 2)));
    }
}
