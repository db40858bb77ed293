//! Precision and recall of talking-point detection on a labelled set of answers
//! (`tests/fixtures/insights/answers.toml` and the other sets there): used by a test (a floor)
//! and a benchmark (the tables, and a leave-one-set-out estimate).

use serde::Deserialize;

use super::talking_points;
use crate::bank::Kind;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Labelled {
    id: String,
    field: String,
    kind: Kind,
    question: String,
    text: String,
    covered: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct Set {
    answer: Vec<Labelled>,
}

/// Counts for one talking point.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Score {
    pub point: String,
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
}

impl Score {
    pub fn precision(&self) -> f32 {
        ratio(self.tp, self.tp + self.fp)
    }
    pub fn recall(&self) -> f32 {
        ratio(self.tp, self.tp + self.fn_)
    }
    pub fn f1(&self) -> f32 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn ratio(a: usize, b: usize) -> f32 {
    if b == 0 {
        1.0
    } else {
        a as f32 / b as f32
    }
}

/// Scores every talking point on the set; also returns the ids of misclassified answers.
///
/// # Errors
/// An unreadable or invalid set.
pub fn evaluate(set_toml: &str) -> Result<(Vec<Score>, usize, Vec<String>), String> {
    let set: Set = toml::from_str(set_toml).map_err(|e| e.to_string())?;
    let (scores, misses) = score(&set, &[]);
    Ok((scores, set.answer.len(), misses))
}

/// A leave-one-set-out estimate for a rule set that was written with every set in view: each
/// set is scored with the cue phrases that occur in none of the other sets switched off (cues
/// only that set could have suggested). The sentence rules stay as they are, so this is a
/// guide, not a blind measurement: it over-states (the rules saw every set) and under-states
/// (a general cue that happens to occur in one set only is switched off too).
/// Returns, per set, the scores, the cues switched off and the misses.
///
/// # Errors
/// An invalid set.
#[allow(clippy::type_complexity)]
pub fn leave_one_set_out(
    sets_toml: &[&str],
) -> Result<Vec<(Vec<Score>, Vec<(String, String)>, Vec<String>)>, String> {
    let sets: Vec<Set> = sets_toml
        .iter()
        .map(|t| toml::from_str(t).map_err(|e: toml::de::Error| e.to_string()))
        .collect::<Result<_, _>>()?;
    let found: Vec<Vec<(String, String)>> = sets
        .iter()
        .map(|s| {
            let mut all: Vec<(String, String)> = s
                .answer
                .iter()
                .flat_map(|a| talking_points::cues_found(&a.text, &a.question))
                .collect();
            all.sort();
            all.dedup();
            all
        })
        .collect();
    Ok(sets
        .iter()
        .enumerate()
        .map(|(k, set)| {
            let only_here: Vec<(String, String)> = found[k]
                .iter()
                .filter(|c| {
                    found
                        .iter()
                        .enumerate()
                        .all(|(j, f)| j == k || !f.contains(c))
                })
                .cloned()
                .collect();
            let (scores, misses) = score(set, &only_here);
            (scores, only_here, misses)
        })
        .collect())
}

fn score(set: &Set, blocked: &[(String, String)]) -> (Vec<Score>, Vec<String>) {
    let mut scores: Vec<Score> = Vec::new();
    let mut misses = Vec::new();
    for a in &set.answer {
        let _ = &a.field;
        let points: Vec<String> = a
            .kind
            .default_talking_points()
            .iter()
            .map(|s| s.to_string())
            .collect();
        let got = talking_points::covered_without(&a.text, &a.question, &points, blocked);
        for p in &points {
            let s = match scores.iter_mut().find(|s| &s.point == p) {
                Some(s) => s,
                None => {
                    scores.push(Score {
                        point: p.clone(),
                        ..Score::default()
                    });
                    scores.last_mut().expect("just pushed")
                }
            };
            match (got.contains(p), a.covered.contains(p)) {
                (true, true) => s.tp += 1,
                (true, false) => {
                    s.fp += 1;
                    misses.push(format!(
                        "{} +{p}  [{}]",
                        a.id,
                        talking_points::explain(&a.text, &a.question, p)
                    ));
                }
                (false, true) => {
                    s.fn_ += 1;
                    misses.push(format!("{} -{p}", a.id));
                }
                (false, false) => {}
            }
        }
    }
    (scores, misses)
}

/// The table, Markdown.
pub fn table(scores: &[Score]) -> String {
    let mut s = String::from(
        "| talking point | precision | recall | F1 | labelled yes |\n|---|---:|---:|---:|---:|\n",
    );
    for x in scores {
        s.push_str(&format!(
            "| {} | {:.2} | {:.2} | {:.2} | {} |\n",
            x.point,
            x.precision(),
            x.recall(),
            x.f1(),
            x.tp + x.fn_
        ));
    }
    s
}
