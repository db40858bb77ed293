//! Talking-point detection on the labelled answers: precision, recall and F1 per point, and the
//! time per answer. Development sets: the rules (sentence rules on tense, person and the
//! question, plus general cue constructions; see `src/insights/talking_points.rs`) were written
//! with them in view (`answers.toml`; the four `heldout*.toml` up to `heldout4.toml`, each
//! written blind and measured once before it was used). Held-out set: `heldout5.toml`, written
//! blind by another author and never used for writing or tuning the rules; only it measures
//! accuracy on new answers (the leave-one-set-out estimate at the end approximates it).
//! `cargo bench --bench talking_points` (`SHOW_MISSES=1` lists each miss with the cue hits).

fn main() {
    for (name, file) in [
        ("development set", "answers.toml"),
        (
            "development set 2 (written blind, since used)",
            "heldout.toml",
        ),
        (
            "development set 3 (written blind, since used)",
            "heldout2.toml",
        ),
        (
            "development set 4 (written blind, since used)",
            "heldout3.toml",
        ),
        (
            "development set 5 (written blind, since used)",
            "heldout4.toml",
        ),
        (
            "held-out set (blind, never used for tuning)",
            "heldout5.toml",
        ),
    ] {
        let path = format!(
            "{}/tests/fixtures/insights/{file}",
            env!("CARGO_MANIFEST_DIR")
        );
        // A set kept out of a working copy (a blind set, away from whoever writes rules).
        let Ok(text) = std::fs::read_to_string(&path) else {
            println!("## {name} ({file}): not in this working copy\n");
            continue;
        };
        let start = std::time::Instant::now();
        let (scores, n, misses) = warmup::insights::evaluate::evaluate(&text).expect("valid set");
        let per_answer = start.elapsed().as_secs_f64() * 1e6 / n.max(1) as f64;
        println!("## {name} ({file}): {n} labelled answers\n");
        println!("({per_answer:.0} µs per answer, parsing the set included)\n");
        print!("{}", warmup::insights::evaluate::table(&scores));
        println!();
        if std::env::var("SHOW_MISSES").is_ok() {
            println!("{}\n", misses.join("\n"));
        }
    }
    let files = [
        "answers.toml",
        "heldout.toml",
        "heldout2.toml",
        "heldout3.toml",
        "heldout4.toml",
    ];
    let texts: Vec<String> = files
        .iter()
        .map(|f| {
            std::fs::read_to_string(format!(
                "{}/tests/fixtures/insights/{f}",
                env!("CARGO_MANIFEST_DIR")
            ))
            .expect("labelled set")
        })
        .collect();
    let refs: Vec<&str> = texts.iter().map(|t| t.as_str()).collect();
    let loso = warmup::insights::evaluate::leave_one_set_out(&refs).expect("valid sets");
    for ((scores, off, misses), file) in loso.iter().zip(files) {
        println!(
            "## leave-one-set-out estimate ({file}): {} cues found only in this set switched off\n",
            off.len()
        );
        print!("{}", warmup::insights::evaluate::table(scores));
        println!();
        if std::env::var("SHOW_MISSES").is_ok() {
            let off: Vec<String> = off.iter().map(|(p, c)| format!("{p}:{c}")).collect();
            println!(
                "switched off: {}\n\n{}\n",
                off.join(", "),
                misses.join("\n")
            );
        }
    }
}
