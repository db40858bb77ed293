//! Job terms on human-labelled answers (issue 13, item 5): recall and precision of the terms the
//! glossaries find, per field, on `tests/fixtures/terms/blind.toml` (56 spoken-style answers, 8
//! per field, written and labelled blind by a helper that never saw the code or the glossaries).
//!
//! Scored on word positions: a labelled term is found when a glossary match covers any of its
//! words where it occurs; a term the glossary found counts as right when one of its matches
//! covers a labelled term's words, is ignored when it covers only a `maybe` (a borderline term the
//! labeller would not insist on either way), and is wrong otherwise.
//!
//! `cargo bench --bench terms` prints a table; `BENCH_VERBOSE=1` each answer's misses and false
//! finds.

use std::collections::BTreeMap;
use std::path::Path;

use warmup::insights::terms::Glossary;
use warmup::transcript::normalize;

#[derive(serde::Deserialize)]
struct Set {
    answer: Vec<Answer>,
}

#[derive(serde::Deserialize)]
struct Answer {
    id: String,
    field: String,
    text: String,
    terms: Vec<String>,
    #[serde(default)]
    maybe: Vec<String>,
}

#[derive(Default)]
struct Score {
    answers: usize,
    labelled: usize,
    found: usize,
    right: usize,
    wrong: usize,
}

/// Word positions of every occurrence of `phrase` in `words`.
fn occurrences(words: &[String], phrase: &str) -> Vec<std::ops::Range<usize>> {
    let p = normalize(phrase);
    if p.is_empty() || p.len() > words.len() {
        return Vec::new();
    }
    (0..=words.len() - p.len())
        .filter(|&i| words[i..i + p.len()] == p[..])
        .map(|i| i..i + p.len())
        .collect()
}

fn overlaps(a: &std::ops::Range<usize>, b: &std::ops::Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let set: Set = toml::from_str(
        &std::fs::read_to_string(root.join("tests/fixtures/terms/blind.toml")).expect("the set"),
    )
    .expect("the set parses");
    let glossaries = root.join("question-banks/glossary");
    let verbose = std::env::var_os("BENCH_VERBOSE").is_some();
    let mut by_field: BTreeMap<String, Score> = BTreeMap::new();
    for a in &set.answer {
        let g = Glossary::load(&glossaries, &a.field).expect("glossary");
        let words = normalize(&a.text);
        let spans = g.matches(&a.text);
        let labelled: Vec<Vec<_>> = a.terms.iter().map(|t| occurrences(&words, t)).collect();
        let maybe: Vec<_> = a
            .maybe
            .iter()
            .flat_map(|t| occurrences(&words, t))
            .collect();
        let s = by_field.entry(a.field.clone()).or_default();
        s.answers += 1;
        s.labelled += a.terms.len();
        let mut missed = Vec::new();
        for (t, occ) in a.terms.iter().zip(&labelled) {
            if occ
                .iter()
                .any(|o| spans.iter().any(|m| overlaps(o, &m.words)))
            {
                s.found += 1;
            } else {
                missed.push(t.as_str());
            }
        }
        // One verdict per glossary term, however often the answer uses it.
        let mut terms: BTreeMap<&str, (bool, bool)> = BTreeMap::new();
        for m in &spans {
            let e = terms.entry(m.term.as_str()).or_default();
            e.0 |= labelled.iter().flatten().any(|o| overlaps(o, &m.words));
            e.1 |= maybe.iter().any(|o| overlaps(o, &m.words));
        }
        let mut wrong = Vec::new();
        for (term, (right, borderline)) in terms {
            if right {
                s.right += 1;
            } else if !borderline {
                s.wrong += 1;
                wrong.push(term);
            }
        }
        if verbose && (!missed.is_empty() || !wrong.is_empty()) {
            eprintln!("{}: missed {missed:?}; not a term here {wrong:?}", a.id);
        }
    }
    let row = |name: &str, s: &Score| {
        println!(
            "| {name} | {} | {} | {:.2} | {:.2} |",
            s.answers,
            s.labelled,
            s.found as f64 / s.labelled.max(1) as f64,
            s.right as f64 / (s.right + s.wrong).max(1) as f64
        );
    };
    println!("| field | answers | labelled terms | recall | precision |");
    println!("|---|---:|---:|---:|---:|");
    let mut all = Score::default();
    for (field, s) in &by_field {
        row(field, s);
        all.answers += s.answers;
        all.labelled += s.labelled;
        all.found += s.found;
        all.right += s.right;
        all.wrong += s.wrong;
    }
    row("all", &all);
}
