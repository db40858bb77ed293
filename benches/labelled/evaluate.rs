//! Precision and recall of talking-point detection on a labelled set of answers
//! (`tests/fixtures/insights/answers.toml` and the other sets there): used by a test (a floor),
//! the benchmark (the tables, and leave-one-set-out estimates) and the scorer's training. Kept
//! out of the library, which never reads a labelled set: the bench, the integration tests and
//! the trainer include this folder by path.

use std::path::PathBuf;

use serde::Deserialize;

use super::train::{self, Example, TrainOptions, Weights};
use warmup::bank::Kind;
use warmup::insights::scorer::Model;
use warmup::insights::talking_points::{self, Doc, TalkingPoint};

/// The labelled sets the shipped scorer is trained on, oldest first.
pub const TRAINING_SETS: [&str; 9] = [
    "answers.toml",
    "heldout.toml",
    "heldout2.toml",
    "heldout3.toml",
    "heldout4.toml",
    "heldout5.toml",
    "heldout6.toml",
    "heldout7.toml",
    "heldout8.toml",
];

/// Sets written after most of the rules: only the lesson misses of heldout5-7 (and heldout5's
/// per-point scores) were looked at when rules were written; heldout8 came after the last rule.
pub const LATER_SETS: [&str; 4] = [
    "heldout5.toml",
    "heldout6.toml",
    "heldout7.toml",
    "heldout8.toml",
];

/// Sets kept out of everything: written blind after the last rules and not trained on, they
/// measure the shipped scorer and rules as a new user's answers would. Do not read them when
/// writing rules; once read or trained on, write a new one.
pub const BLIND_SETS: [&str; 1] = ["heldout9.toml"];

/// The scores of several sets taken as one (counts added per point).
pub fn pooled(sets: &[Vec<Score>]) -> Vec<Score> {
    let mut out: Vec<Score> = Vec::new();
    for s in sets.iter().flatten() {
        match out.iter_mut().find(|o| o.point == s.point) {
            Some(o) => {
                o.tp += s.tp;
                o.fp += s.fp;
                o.fn_ += s.fn_;
            }
            None => out.push(s.clone()),
        }
    }
    out
}

/// One set scored by the rules and by a scorer trained without it.
#[derive(Debug, Clone)]
pub struct LeftOut {
    pub rules: Vec<Score>,
    pub scorer: Vec<Score>,
}

/// For each of `sets`: the rules' scores and those of a scorer trained on every other training
/// set (a leave-one-set-out measure of the scorer).
///
/// # Errors
/// A set that cannot be read or is invalid.
pub fn rules_and_left_out_scorer(sets: &[&str]) -> Result<Vec<LeftOut>, String> {
    sets.iter()
        .map(|file| {
            let others: Vec<&str> = TRAINING_SETS
                .iter()
                .copied()
                .filter(|f| f != file)
                .collect();
            let model = train_on(&others)?.model();
            let text = std::fs::read_to_string(fixture(file))
                .map_err(|e| format!("{}: {e}", fixture(file).display()))?;
            let (rules, _, _) = evaluate(&text, Detector::Rules)?;
            let (scorer, _, _) = evaluate(&text, Detector::Scorer(&model))?;
            Ok(LeftOut { rules, scorer })
        })
        .collect()
}

/// The mean F1 over the points.
pub fn mean_f1(scores: &[Score]) -> f32 {
    scores.iter().map(|s| s.f1()).sum::<f32>() / scores.len().max(1) as f32
}

/// Where a labelled set is kept in the source tree.
pub fn fixture(file: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/insights")
        .join(file)
}

/// What decides which points an answer covers.
#[derive(Clone, Copy)]
pub enum Detector<'a> {
    /// The rules alone.
    Rules,
    /// The learned scorer over the rules and the words.
    Scorer(&'a Model),
}

/// The labelled answers of a set as training examples.
///
/// # Errors
/// An invalid set.
pub fn examples(set_toml: &str) -> Result<Vec<Example>, String> {
    let set: Set = toml::from_str(set_toml).map_err(|e| e.to_string())?;
    Ok(set
        .answer
        .iter()
        .map(|a| Example {
            kind: a.kind,
            features: talking_points::features(&Doc::new(&a.text, &a.question)),
            covered: a.covered.clone(),
        })
        .collect())
}

/// Trains the scorer on the named sets (files under the fixtures folder).
///
/// # Errors
/// A set that cannot be read or is invalid.
pub fn train_on(files: &[&str]) -> Result<Weights, String> {
    let mut all = Vec::new();
    for f in files {
        let path = fixture(f);
        let text =
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        all.extend(examples(&text).map_err(|e| format!("{}: {e}", path.display()))?);
    }
    Ok(train::train(&all, &TrainOptions::default()))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Labelled {
    id: String,
    field: String,
    kind: Kind,
    question: String,
    text: String,
    covered: Vec<TalkingPoint>,
}

#[derive(Debug, Deserialize)]
struct Set {
    answer: Vec<Labelled>,
}

/// Counts for one talking point.
#[derive(Debug, Clone, PartialEq)]
pub struct Score {
    pub point: TalkingPoint,
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
pub fn evaluate(
    set_toml: &str,
    detector: Detector,
) -> Result<(Vec<Score>, usize, Vec<String>), String> {
    let set: Set = toml::from_str(set_toml).map_err(|e| e.to_string())?;
    let (scores, misses) = score(&set, detector);
    Ok((scores, set.answer.len(), misses))
}

fn score(set: &Set, detector: Detector) -> (Vec<Score>, Vec<String>) {
    let mut scores: Vec<Score> = Vec::new();
    let mut misses = Vec::new();
    for a in &set.answer {
        let _ = &a.field;
        let points = a.kind.default_talking_points();
        let d = Doc::new(&a.text, &a.question);
        let got = match detector {
            Detector::Rules => talking_points::covered_by_rules(&d, points),
            Detector::Scorer(m) => talking_points::covered_by(m, &d, points),
        };
        let why = |p: TalkingPoint| match detector {
            Detector::Rules => talking_points::explain(&d, p),
            Detector::Scorer(m) => m
                .reasons(p, &talking_points::features(&d), 4)
                .iter()
                .map(|(f, w)| format!("{f} {w:+.2}"))
                .collect::<Vec<_>>()
                .join(", "),
        };
        for &p in points {
            let s = match scores.iter_mut().find(|s| s.point == p) {
                Some(s) => s,
                None => {
                    scores.push(Score {
                        point: p,
                        tp: 0,
                        fp: 0,
                        fn_: 0,
                    });
                    scores.last_mut().expect("just pushed")
                }
            };
            match (got.contains(&p), a.covered.contains(&p)) {
                (true, true) => s.tp += 1,
                (true, false) => {
                    s.fp += 1;
                    misses.push(format!("{} +{p}  [{}]", a.id, why(p)));
                }
                (false, true) => {
                    s.fn_ += 1;
                    misses.push(format!("{} -{p}  [{}]", a.id, why(p)));
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
