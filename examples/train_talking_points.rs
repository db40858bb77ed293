//! Trains the talking-point scorer on the labelled sets and writes its weights to
//! `src/insights/talking_points.weights` (`--check`: only say whether the file is up to date).
//! `cargo run --release --example train_talking_points`

#[path = "../benches/labelled/mod.rs"]
mod labelled;

use labelled::evaluate::{train_on, TRAINING_SETS};

fn main() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/src/insights/talking_points.weights"
    );
    let start = std::time::Instant::now();
    let model = match train_on(&TRAINING_SETS) {
        Ok(m) => m,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    };
    let text = model.to_text();
    eprintln!(
        "trained on {} sets in {:.1} s: {} weights",
        TRAINING_SETS.len(),
        start.elapsed().as_secs_f64(),
        text.lines().count() - 1
    );
    if std::env::args().any(|a| a == "--check") {
        let same = std::fs::read_to_string(path).is_ok_and(|t| t == text);
        println!(
            "{path}: {}",
            if same { "up to date" } else { "out of date" }
        );
        std::process::exit(if same { 0 } else { 1 });
    }
    if let Err(e) = std::fs::write(path, text) {
        eprintln!("error: writing {path}: {e}");
        std::process::exit(1);
    }
    println!("wrote {path}");
}
