//! Talking-point detection on the labelled answers: precision, recall and F1 per point.
//! `cargo bench --bench talking_points`

fn main() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/insights/answers.toml"
    );
    let text = std::fs::read_to_string(path).expect("labelled set");
    let (scores, n, misses) = warmup::insights::evaluate::evaluate(&text).expect("valid set");
    println!("{n} labelled answers\n");
    print!("{}", warmup::insights::evaluate::table(&scores));
    if std::env::var("SHOW_MISSES").is_ok() {
        println!("\n{}", misses.join("\n"));
    }
}
