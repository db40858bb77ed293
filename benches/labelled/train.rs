//! Training the talking-point scorer: the regression, the weights it gives and their text form.
//! Used by the trainer (`cargo run --release --example train_talking_points`), the benchmark's
//! leave-one-set-out columns and the test that the committed weights are what training gives;
//! the library only reads the committed file ([`Model::parse`]), so none of this is compiled
//! into warmup. Training is deterministic: the same sets give the same file.

use std::collections::HashMap;

use warmup::bank::Kind;
use warmup::insights::scorer::Model;
use warmup::insights::talking_points::TalkingPoint;

/// How the regression is trained.
#[derive(Debug, Clone, PartialEq)]
pub struct TrainOptions {
    /// Inverse regularisation strength (as in scikit-learn's `C`).
    pub c: f64,
    /// A feature must occur in this many training answers of the kind to get a weight.
    pub min_answers: usize,
    /// Weights smaller than this are dropped after training (they change no decision).
    pub prune: f64,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            c: 1.0,
            min_answers: 2,
            prune: 0.05,
        }
    }
}

/// One labelled answer, as features.
#[derive(Debug, Clone)]
pub struct Example {
    pub kind: Kind,
    pub features: Vec<String>,
    pub covered: Vec<TalkingPoint>,
}

/// Trained weights, a regression per talking point (by name, as in the weights file).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Weights {
    points: HashMap<String, Point>,
}

#[derive(Debug, Clone, Default, PartialEq)]
struct Point {
    bias: f64,
    weights: HashMap<String, f64>,
}

const BIAS: &str = "(bias)";

impl Weights {
    /// The scorer these weights make, as the library reads them from the weights file (the text
    /// form holds every weight exactly: they are rounded to four places when trained).
    pub fn model(&self) -> Model {
        Model::parse(&self.to_text()).expect("the text form of trained weights parses")
    }

    /// Reads the text form (as [`Model::parse`] does): lines of `point<TAB>feature<TAB>weight`, `#` comments.
    ///
    /// # Errors
    /// The line number and what is wrong with it.
    pub fn parse(text: &str) -> Result<Weights, String> {
        let mut m = Weights::default();
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

    /// The text form [`Model::parse`] and [`Weights::parse`] read, sorted (points, then features).
    pub fn to_text(&self) -> String {
        let mut points: Vec<&String> = self.points.keys().collect();
        points.sort();
        let mut out = String::from(
            "# warmup talking-point scorer: point, feature, weight (made by `cargo run --release \
             --example train_talking_points`)\n",
        );
        for name in points {
            let p = &self.points[name];
            out.push_str(&format!("{name}\t{BIAS}\t{:.4}\n", p.bias));
            let mut ws: Vec<(&String, &f64)> = p.weights.iter().collect();
            ws.sort_by(|a, b| a.0.cmp(b.0));
            for (f, w) in ws {
                out.push_str(&format!("{name}\t{f}\t{w:.4}\n"));
            }
        }
        out
    }

    /// Whether `other` makes the same decisions, up to rounding: every bias and weight within
    /// `tol`, and a weight only one of them has below the pruning threshold plus `tol` (training
    /// on another machine may round a last digit differently). The first difference otherwise.
    ///
    /// # Errors
    /// The point and feature that differ, and the two weights.
    pub fn agrees_with(&self, other: &Weights, tol: f64) -> Result<(), String> {
        let prune = TrainOptions::default().prune;
        let mut names: Vec<&String> = self.points.keys().chain(other.points.keys()).collect();
        names.sort();
        names.dedup();
        for name in names {
            let (Some(a), Some(b)) = (self.points.get(name), other.points.get(name)) else {
                return Err(format!("{name}: in one model only"));
            };
            if (a.bias - b.bias).abs() > tol {
                return Err(format!("{name} bias: {} vs {}", a.bias, b.bias));
            }
            for f in a.weights.keys().chain(b.weights.keys()) {
                let (x, y) = (a.weights.get(f), b.weights.get(f));
                let ok = match (x, y) {
                    (Some(x), Some(y)) => (x - y).abs() <= tol,
                    (Some(w), None) | (None, Some(w)) => w.abs() <= prune + tol,
                    (None, None) => true,
                };
                if !ok {
                    return Err(format!("{name} {f}: {x:?} vs {y:?}"));
                }
            }
        }
        Ok(())
    }
}

/// Trains a regression for every talking point of every kind, on the examples of that kind.
pub fn train(examples: &[Example], opts: &TrainOptions) -> Weights {
    let mut m = Weights::default();
    for kind in Kind::ALL {
        let of_kind: Vec<&Example> = examples.iter().filter(|e| e.kind == kind).collect();
        if of_kind.is_empty() {
            continue;
        }
        let mut df: HashMap<&str, usize> = HashMap::new();
        for e in &of_kind {
            let mut seen: Vec<&str> = e.features.iter().map(String::as_str).collect();
            seen.sort_unstable();
            seen.dedup();
            for f in seen {
                *df.entry(f).or_default() += 1;
            }
        }
        let mut vocab: Vec<&str> = df
            .iter()
            .filter(|(_, n)| **n >= opts.min_answers)
            .map(|(f, _)| *f)
            .collect();
        vocab.sort_unstable();
        let index: HashMap<&str, u32> = vocab
            .iter()
            .enumerate()
            .map(|(i, f)| (*f, i as u32))
            .collect();
        let rows: Vec<Vec<u32>> = of_kind
            .iter()
            .map(|e| {
                let mut r: Vec<u32> = e
                    .features
                    .iter()
                    .filter_map(|f| index.get(f.as_str()).copied())
                    .collect();
                r.sort_unstable();
                r.dedup();
                r
            })
            .collect();
        for point in kind.default_talking_points() {
            let y: Vec<bool> = of_kind.iter().map(|e| e.covered.contains(point)).collect();
            let (w, bias) = logistic(&rows, &y, vocab.len(), opts.c);
            let weights = vocab
                .iter()
                .zip(&w)
                .filter(|(_, w)| w.abs() >= opts.prune)
                .map(|(f, w)| (f.to_string(), round4(*w)))
                .collect();
            m.points.insert(
                point.to_string(),
                Point {
                    bias: round4(bias),
                    weights,
                },
            );
        }
    }
    m
}

fn round4(x: f64) -> f64 {
    (x * 1e4).round() / 1e4
}

/// L2-regularised logistic regression on binary sparse rows, classes weighted to balance (as
/// scikit-learn's `class_weight="balanced"`), the bias not regularised: minimises
/// `|w|²/2 + c · Σ sᵢ · log(1 + exp(-±(w·xᵢ + b)))` by Newton's method, each step solved by
/// conjugate gradients. Returns the weights and the bias.
fn logistic(rows: &[Vec<u32>], y: &[bool], dim: usize, c: f64) -> (Vec<f64>, f64) {
    let n = rows.len() as f64;
    let pos = y.iter().filter(|v| **v).count() as f64;
    let sample = |yes: bool| {
        let k = if yes { pos } else { n - pos };
        if k == 0.0 {
            0.0
        } else {
            c * n / (2.0 * k)
        }
    };
    let s: Vec<f64> = y.iter().map(|v| sample(*v)).collect();
    if pos == 0.0 || pos == n {
        // One class only: nothing to separate; a firm bias towards it.
        return (vec![0.0; dim], if pos == 0.0 { -5.0 } else { 5.0 });
    }
    // Parameters: dim weights, then the bias.
    let mut theta = vec![0.0; dim + 1];
    let margin = |theta: &[f64], r: &[u32]| -> f64 {
        theta[dim] + r.iter().map(|&j| theta[j as usize]).sum::<f64>()
    };
    let objective = |theta: &[f64]| -> f64 {
        let reg: f64 = theta[..dim].iter().map(|w| w * w).sum::<f64>() / 2.0;
        reg + rows
            .iter()
            .zip(y)
            .zip(&s)
            .map(|((r, &yes), si)| {
                let z = margin(theta, r);
                let z = if yes { z } else { -z };
                si * softplus(-z)
            })
            .sum::<f64>()
    };
    for _ in 0..50 {
        let probs: Vec<f64> = rows.iter().map(|r| sigmoid(margin(&theta, r))).collect();
        let mut grad: Vec<f64> = theta.clone();
        grad[dim] = 0.0;
        for ((r, (&yes, si)), p) in rows.iter().zip(y.iter().zip(&s)).zip(&probs) {
            let g = si * (p - if yes { 1.0 } else { 0.0 });
            for &j in r {
                grad[j as usize] += g;
            }
            grad[dim] += g;
        }
        let gnorm = grad.iter().map(|g| g * g).sum::<f64>().sqrt();
        if gnorm < 1e-6 {
            break;
        }
        let curv: Vec<f64> = probs
            .iter()
            .zip(&s)
            .map(|(p, si)| si * p * (1.0 - p))
            .collect();
        // Hessian times v: v (weights only) + Σ curvᵢ (xᵢ·v) xᵢ.
        let hess = |v: &[f64]| -> Vec<f64> {
            let mut out = v.to_vec();
            out[dim] = 0.0;
            for (r, cv) in rows.iter().zip(&curv) {
                let xv = cg_dot(r, v, dim) * cv;
                for &j in r {
                    out[j as usize] += xv;
                }
                out[dim] += xv;
            }
            out
        };
        let step = conjugate_gradient(&hess, &grad, 0.1 * gnorm.min(1.0), 200);
        // Backtracking along the Newton direction.
        let f0 = objective(&theta);
        let slope: f64 = grad.iter().zip(&step).map(|(g, d)| g * d).sum();
        let mut t = 1.0;
        loop {
            let next: Vec<f64> = theta.iter().zip(&step).map(|(a, d)| a + t * d).collect();
            if objective(&next) <= f0 + 1e-4 * t * slope || t < 1e-8 {
                theta = next;
                break;
            }
            t /= 2.0;
        }
    }
    let bias = theta[dim];
    theta.truncate(dim);
    (theta, bias)
}

/// xᵢ·v for a binary row with the bias term.
fn cg_dot(r: &[u32], v: &[f64], dim: usize) -> f64 {
    v[dim] + r.iter().map(|&j| v[j as usize]).sum::<f64>()
}

/// Solves `H d = -g` approximately (H symmetric positive definite, given as a product).
fn conjugate_gradient(h: &dyn Fn(&[f64]) -> Vec<f64>, g: &[f64], tol: f64, max: usize) -> Vec<f64> {
    let mut d = vec![0.0; g.len()];
    let mut r: Vec<f64> = g.iter().map(|x| -x).collect();
    let mut p = r.clone();
    let mut rr: f64 = r.iter().map(|x| x * x).sum();
    for _ in 0..max {
        if rr.sqrt() <= tol {
            break;
        }
        let hp = h(&p);
        let php: f64 = p.iter().zip(&hp).map(|(a, b)| a * b).sum();
        if php <= 0.0 {
            break;
        }
        let alpha = rr / php;
        for i in 0..d.len() {
            d[i] += alpha * p[i];
            r[i] -= alpha * hp[i];
        }
        let rr_next: f64 = r.iter().map(|x| x * x).sum();
        let beta = rr_next / rr;
        for i in 0..p.len() {
            p[i] = r[i] + beta * p[i];
        }
        rr = rr_next;
    }
    d
}

fn sigmoid(z: f64) -> f64 {
    1.0 / (1.0 + (-z).exp())
}

/// log(1 + eˣ) without overflow.
fn softplus(x: f64) -> f64 {
    if x > 30.0 {
        x
    } else {
        x.exp().ln_1p()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ex(kind: Kind, features: &[&str], covered: &[TalkingPoint]) -> Example {
        Example {
            kind,
            features: features.iter().map(|s| s.to_string()).collect(),
            covered: covered.to_vec(),
        }
    }

    #[test]
    fn the_regression_learns_a_separable_feature_and_ignores_noise() {
        // "w:learned" marks lesson; "w:team" occurs on both sides.
        let mut examples = Vec::new();
        for i in 0..20 {
            let lesson = i % 2 == 0;
            let mut f = vec!["w:team"];
            if lesson {
                f.push("w:learned");
            }
            if i % 3 == 0 {
                f.push("w:server");
            }
            examples.push(ex(
                Kind::Behavioral,
                &f,
                if lesson { &[TalkingPoint::Lesson] } else { &[] },
            ));
        }
        let m = train(&examples, &TrainOptions::default());
        let model = m.model();
        let yes = model
            .score(TalkingPoint::Lesson, &["w:team".into(), "w:learned".into()])
            .unwrap();
        let no = model
            .score(TalkingPoint::Lesson, &["w:team".into()])
            .unwrap();
        assert!(yes > 1.0 && no < -1.0, "yes {yes}, no {no}");
        let reasons = model.reasons(
            TalkingPoint::Lesson,
            &["w:team".into(), "w:learned".into()],
            1,
        );
        assert_eq!(reasons[0].0, "w:learned");
        // A point no example has is never predicted; an unknown point has no score.
        assert!(
            model
                .score(TalkingPoint::Task, &["w:learned".into()])
                .unwrap()
                < 0.0
        );
        assert_eq!(model.score(TalkingPoint::Tools, &[]), None);
        // The text form reads back as the same model.
        assert_eq!(Weights::parse(&m.to_text()).unwrap(), m);
        assert!(m.agrees_with(&m, 0.0).is_ok());
        let mut other = m.clone();
        let lesson = other.points.get_mut("lesson").unwrap();
        lesson.weights.insert("w:learned".into(), 9.0);
        let err = m.agrees_with(&other, 1e-3).unwrap_err();
        assert!(err.contains("lesson w:learned"), "{err}");
        other.points.get_mut("lesson").unwrap().weights.clear();
        assert!(m.agrees_with(&other, 1e-3).is_err());
    }
}
