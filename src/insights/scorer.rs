//! The learned talking-point scorer: one logistic regression per talking point over the sparse
//! features of [`super::talking_points::features`] (every rule's verdict, the sentence signals
//! the rules combine, what the question asks, the answer's length band, its words and word
//! pairs). The regression learns how far to trust each rule and which words tip a case. On the
//! 260 labelled answers written after the rules, each set scored by a scorer trained on the
//! others: mean F1 0.892, 12 of 14 points at 0.85 or more, against 0.872 and 9 for the rules
//! alone (`cargo bench --bench talking_points`, BENCHMARKS.md). Answers under 25 words are left
//! to the rules (see `talking_points::covered_by`).
//!
//! The weights are plain text (`talking_points.weights`: point, feature, weight), made by
//! `cargo run --release --example train_talking_points` from the labelled sets under
//! `tests/fixtures/insights/`, and read once. Training is not in the library: it lives with the
//! labelled sets' scoring in `benches/labelled/` (the trainer, the bench and the integration
//! tests include it), deterministic, and a test checks the committed file is what it gives.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::talking_points::TalkingPoint;

/// The committed weights.
const WEIGHTS: &str = include_str!("talking_points.weights");

/// A regression per talking point.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Model {
    points: HashMap<String, Point>,
}

#[derive(Debug, Clone, Default, PartialEq)]
struct Point {
    bias: f64,
    weights: HashMap<String, f64>,
}

const BIAS: &str = "(bias)";

impl Model {
    /// The model shipped with warmup.
    pub fn builtin() -> &'static Model {
        static MODEL: OnceLock<Model> = OnceLock::new();
        MODEL.get_or_init(|| Model::parse(WEIGHTS).expect("the committed weights parse"))
    }

    /// Reads the text form: lines of `point<TAB>feature<TAB>weight`, `#` comments.
    ///
    /// # Errors
    /// The line number and what is wrong with it.
    pub fn parse(text: &str) -> Result<Model, String> {
        let mut m = Model::default();
        for (i, line) in text.lines().enumerate() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let mut parts = line.split('\t');
            let (Some(point), Some(feature), Some(weight), None) =
                (parts.next(), parts.next(), parts.next(), parts.next())
            else {
                return Err(format!("line {}: expected point, feature, weight", i + 1));
            };
            let w: f64 = weight
                .parse()
                .map_err(|_| format!("line {}: {weight:?} is not a number", i + 1))?;
            let p = m.points.entry(point.to_string()).or_default();
            if feature == BIAS {
                p.bias = w;
            } else {
                p.weights.insert(feature.to_string(), w);
            }
        }
        Ok(m)
    }

    /// The log-odds that an answer with `features` covers `point`; `None` for a point the model
    /// does not know.
    pub fn score(&self, point: TalkingPoint, features: &[String]) -> Option<f64> {
        let p = self.points.get(point.as_str())?;
        Some(
            p.bias
                + features
                    .iter()
                    .filter_map(|f| p.weights.get(f))
                    .sum::<f64>(),
        )
    }

    /// The features that weigh most in the decision on `point`, strongest first, with their
    /// weights (to explain a decision).
    pub fn reasons(
        &self,
        point: TalkingPoint,
        features: &[String],
        n: usize,
    ) -> Vec<(String, f64)> {
        let Some(p) = self.points.get(point.as_str()) else {
            return Vec::new();
        };
        let mut r: Vec<(String, f64)> = features
            .iter()
            .filter_map(|f| p.weights.get(f).map(|w| (f.clone(), *w)))
            .collect();
        r.sort_by(|a, b| b.1.abs().total_cmp(&a.1.abs()).then(a.0.cmp(&b.0)));
        r.truncate(n);
        r
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::Kind;

    #[test]
    fn a_broken_weights_line_names_its_line() {
        let err = Model::parse("# c\nlesson\t(bias)\t0.5\nlesson\tw:x\tlots\n").unwrap_err();
        assert!(err.contains("line 3") && err.contains("lots"), "{err}");
        let err = Model::parse("lesson\tw:x\n").unwrap_err();
        assert!(err.contains("line 1"), "{err}");
    }

    #[test]
    fn the_builtin_model_knows_every_talking_point() {
        let m = Model::builtin();
        for kind in Kind::ALL {
            for &p in kind.default_talking_points() {
                assert!(m.score(p, &[]).is_some(), "{p}");
            }
        }
    }
}
