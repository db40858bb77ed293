//! Word error rate, for tests and benchmarks: (substitutions + deletions + insertions) / words
//! in the reference, on lower-cased words with punctuation removed.

/// Lower-cased words without punctuation (apostrophes and inner hyphens kept).
pub fn normalize(text: &str) -> Vec<String> {
    text.split(|c: char| c.is_whitespace() || c == '-' || c == '/')
        .map(|w| {
            w.chars()
                .filter(|c| c.is_alphanumeric() || *c == '\'')
                .collect::<String>()
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// Word error rate of `hypothesis` against `reference` (0 = identical; can exceed 1).
pub fn wer(reference: &str, hypothesis: &str) -> f32 {
    let r = normalize(reference);
    let h = normalize(hypothesis);
    if r.is_empty() {
        return if h.is_empty() { 0.0 } else { 1.0 };
    }
    let mut prev: Vec<usize> = (0..=h.len()).collect();
    for (i, rw) in r.iter().enumerate() {
        let mut cur = vec![i + 1; h.len() + 1];
        for (j, hw) in h.iter().enumerate() {
            let sub = prev[j] + usize::from(rw != hw);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[h.len()] as f32 / r.len() as f32
}

/// Share of the reference's words that appear in the hypothesis (order ignored, counted with
/// multiplicity).
pub fn recall(reference: &str, hypothesis: &str) -> f32 {
    let r = normalize(reference);
    let mut h = normalize(hypothesis);
    if r.is_empty() {
        return 1.0;
    }
    let found = r
        .iter()
        .filter(|w| {
            h.iter()
                .position(|x| x == *w)
                .map(|i| h.swap_remove(i))
                .is_some()
        })
        .count();
    found as f32 / r.len() as f32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_edits() {
        assert_eq!(wer("I led the team.", "i led the team"), 0.0);
        assert_eq!(wer("a b c d", "a x c"), 0.5);
        assert_eq!(wer("a b", "a b c d"), 1.0);
        assert_eq!(wer("", ""), 0.0);
        assert!((recall("the team and the plan", "team plan the") - 0.6).abs() < 1e-6);
    }
}
