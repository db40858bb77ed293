//! Talking-point detection on the labelled answers: precision, recall and F1 per point, on the
//! development sets (the cue lexicons were tuned on them: `answers.toml`, and `heldout.toml`,
//! written blind and measured once before it was used for tuning) and on the held-out set
//! (`heldout2.toml` and `heldout3.toml`, each written blind by another author, never used for
//! tuning). `cargo bench --bench talking_points`

fn main() {
    for (name, file) in [
        ("development set", "answers.toml"),
        (
            "development set 2 (first blind set, since used for tuning)",
            "heldout.toml",
        ),
        (
            "held-out set (blind, never used for tuning)",
            "heldout2.toml",
        ),
        (
            "held-out set 3 (blind, never used for tuning)",
            "heldout3.toml",
        ),
        (
            "held-out set 4 (blind, never used for tuning)",
            "heldout4.toml",
        ),
    ] {
        let path = format!(
            "{}/tests/fixtures/insights/{file}",
            env!("CARGO_MANIFEST_DIR")
        );
        let text = std::fs::read_to_string(&path).expect("labelled set");
        let (scores, n, misses) = warmup::insights::evaluate::evaluate(&text).expect("valid set");
        println!("## {name} ({file}): {n} labelled answers\n");
        print!("{}", warmup::insights::evaluate::table(&scores));
        println!();
        if std::env::var("SHOW_MISSES").is_ok() {
            println!("{}\n", misses.join("\n"));
        }
    }
}
