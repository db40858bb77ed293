//! Talking-point detection on the labelled answers: precision, recall and F1 per point, for the
//! rules alone and for the learned scorer (`src/insights/scorer.rs`), and the time per answer.
//!
//! The sets (`tests/fixtures/insights/`) were each written blind by an author who had not read
//! the detector, then used: the rules were written with `answers.toml` to `heldout4.toml` in
//! view, and with only the lesson misses of `heldout5.toml` to `heldout7.toml`; `heldout8.toml`
//! came after the last rule (`LATER_SETS`: heldout5-8). The shipped scorer is trained on those
//! nine (`TRAINING_SETS`). Per training set the table gives:
//! - rules: the rules alone (development figures for the first five sets);
//! - scorer, set left out: a scorer trained on the other eight sets (blind for the scorer, not
//!   for the rules it reads, except heldout8);
//! - shipped scorer: trained on this set too (a training fit).
//!
//! The figure that counts: `heldout9.toml` (`BLIND_SETS`), written after the last rule and
//! never trained on, scored by the rules and by the shipped scorer. Then the later sets pooled,
//! rules against the left-out scorer.
//!
//! `cargo bench --bench talking_points` (`SHOW_MISSES=1` lists each miss of the scorer with
//! the features that weighed most, on the training sets only: a blind set's misses are counted,
//! never listed).

mod labelled;

use labelled::evaluate::{
    evaluate, fixture, pooled, rules_and_left_out_scorer, train_on, Detector, Score, BLIND_SETS,
    LATER_SETS, TRAINING_SETS,
};
use warmup::insights::scorer::Model;

fn f1s(s: &[Score]) -> (f32, usize) {
    let mean = s.iter().map(|x| x.f1()).sum::<f32>() / s.len().max(1) as f32;
    (mean, s.iter().filter(|x| x.f1() >= 0.85).count())
}

fn table(columns: &[(&str, &[Score])]) -> String {
    let mut s = String::from("| talking point |");
    let mut rule = String::from("|---|");
    for (name, _) in columns {
        s.push_str(&format!(" {name}: P / R / F1 |"));
        rule.push_str("---:|");
    }
    s.push_str(" labelled yes |\n");
    rule.push_str("---:|\n");
    s.push_str(&rule);
    for (i, first) in columns[0].1.iter().enumerate() {
        s.push_str(&format!("| {} |", first.point));
        for (_, scores) in columns {
            let x = &scores[i];
            s.push_str(&format!(
                " {:.2} / {:.2} / **{:.2}** |",
                x.precision(),
                x.recall(),
                x.f1()
            ));
        }
        s.push_str(&format!(" {} |\n", first.tp + first.fn_));
    }
    s.push_str("| mean F1, points >= 0.85 |");
    for (_, scores) in columns {
        let (mean, n) = f1s(scores);
        s.push_str(&format!(" {mean:.3}, {n} of {} |", scores.len()));
    }
    s.push_str(" |\n");
    s
}

fn main() {
    let shipped = Model::builtin();
    let show = std::env::var("SHOW_MISSES").is_ok();
    let mut files: Vec<String> = TRAINING_SETS.iter().map(|s| s.to_string()).collect();
    files.extend(BLIND_SETS.iter().map(|s| s.to_string()));
    for file in &files {
        // A set kept out of a working copy (a blind set, away from whoever writes rules).
        let Ok(text) = std::fs::read_to_string(fixture(file)) else {
            println!("## {file}: not in this working copy\n");
            continue;
        };
        let start = std::time::Instant::now();
        let (rules, n, _) = evaluate(&text, Detector::Rules).expect("valid set");
        let rules_us = start.elapsed().as_secs_f64() * 1e6 / n.max(1) as f64;
        let start = std::time::Instant::now();
        let (fit, _, fit_misses) = evaluate(&text, Detector::Scorer(shipped)).expect("valid set");
        let scorer_us = start.elapsed().as_secs_f64() * 1e6 / n.max(1) as f64;
        println!("## {file}: {n} labelled answers\n");
        println!(
            "({rules_us:.0} µs per answer with the rules, {scorer_us:.0} µs with the scorer, \
             parsing the set included)\n"
        );
        if TRAINING_SETS.contains(&file.as_str()) {
            let others: Vec<&str> = TRAINING_SETS
                .iter()
                .copied()
                .filter(|f| f != file)
                .collect();
            let model = train_on(&others).expect("training sets").model();
            let (out, _, misses) = evaluate(&text, Detector::Scorer(&model)).expect("valid set");
            print!(
                "{}",
                table(&[
                    ("rules", &rules),
                    ("scorer, set left out", &out),
                    ("shipped scorer", &fit)
                ])
            );
            if show {
                println!(
                    "\nmisses of the scorer with this set left out:\n{}",
                    misses.join("\n")
                );
            }
        } else {
            print!(
                "{}",
                table(&[("rules (blind)", &rules), ("shipped scorer (blind)", &fit)])
            );
            // A blind set's misses are never shown: read, they would make it a development set.
            if show {
                println!(
                    "\n({} misses of the shipped scorer on this blind set, not listed)",
                    fit_misses.len()
                );
            }
        }
        println!();
    }
    match rules_and_left_out_scorer(&LATER_SETS) {
        Ok(runs) => {
            let rules: Vec<Vec<Score>> = runs.iter().map(|r| r.rules.clone()).collect();
            let scorer: Vec<Vec<Score>> = runs.iter().map(|r| r.scorer.clone()).collect();
            println!(
                "## Pooled: {} (written after most rules), each scored by the rules and by a \
                 scorer trained on the other sets\n",
                LATER_SETS.join(", ")
            );
            print!(
                "{}",
                table(&[
                    ("rules", &pooled(&rules)),
                    ("scorer, set left out", &pooled(&scorer))
                ])
            );
        }
        Err(e) => println!("## Pooled sets unseen by the rules: {e}"),
    }
}
