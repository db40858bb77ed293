//! Word error rate, for tests and benchmarks: (substitutions + deletions + insertions) / words
//! in the reference, on lower-cased words with punctuation removed.

use crate::transcript::normalize;

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
/// multiplicity). A reference word heard as two adjacent words ("login" as "log in") counts.
pub fn recall(reference: &str, hypothesis: &str) -> f32 {
    let r = normalize(reference);
    if r.is_empty() {
        return 1.0;
    }
    let mut h: Vec<Option<String>> = normalize(hypothesis).into_iter().map(Some).collect();
    let mut missed = Vec::new();
    for w in &r {
        match h.iter().position(|x| x.as_deref() == Some(w.as_str())) {
            Some(i) => h[i] = None,
            None => missed.push(w),
        }
    }
    let mut found = r.len() - missed.len();
    for w in missed {
        let split = (0..h.len().saturating_sub(1)).find(|&i| match (&h[i], &h[i + 1]) {
            (Some(a), Some(b)) => {
                a.len() + b.len() == w.len() && w.starts_with(a.as_str()) && w.ends_with(b.as_str())
            }
            _ => false,
        });
        if let Some(i) = split {
            (h[i], h[i + 1]) = (None, None);
            found += 1;
        }
    }
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
        assert_eq!(
            recall("a suspicious login alert", "a suspicious log in alert"),
            1.0
        );
        assert_eq!(recall("a login", "a log"), 0.5);
    }
}
