//! Keeping the candidate's "um"s and "uh"s without paying for them in accuracy. whisper drops
//! most hesitation sounds; an initial prompt written with fillers makes it keep them, but with
//! tiny.en it also costs accuracy on every word (`cargo bench --bench fillers`). So a clip can
//! be decoded twice, plainly and with [`FILLER_PROMPT`], and only the hesitation sounds of the
//! prompted pass are added to the plain transcript ([`merge`]): the words stay those of the
//! plain pass.

use super::{word_key as key, Word};
use crate::transcript::HESITATIONS;

/// The prompt of the second pass: a "transcript" that keeps its fillers.
pub const FILLER_PROMPT: &str = "Umm, let me think like, hmm... Okay, here's what I'm, like, \
                                 thinking. So, uh, you know, I mean, it was sort of, er, fine.";

/// Whether a word is a hesitation sound.
pub fn is_hesitation(w: &Word) -> bool {
    HESITATIONS.contains(&key(w).as_str())
}

/// One step of the alignment of the plain pass with the prompted one.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Step {
    /// A plain word, matched, substituted or missing from the prompted pass.
    Plain(usize),
    /// A prompted word with no counterpart in the plain pass.
    Extra(usize),
}

/// The plain transcript with the hesitation sounds that only the prompted pass heard, each put
/// where the word alignment of the two passes places it (edit distance on normalised words) and
/// timed within the gap it fills. A hesitation the plain pass heard as a word ("I'm" for "um")
/// is left as the plain pass has it, and none is added after the last plain word.
pub fn merge(plain: Vec<Word>, prompted: &[Word]) -> Vec<Word> {
    let (a, b): (Vec<String>, Vec<String>) = (
        plain.iter().map(key).collect(),
        prompted.iter().map(key).collect(),
    );
    let (n, m) = (a.len(), b.len());
    // cost[i][j]: edit distance between a[i..] and b[j..].
    let mut cost = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..=n).rev() {
        for j in (0..=m).rev() {
            cost[i][j] = if i == n {
                (m - j) as u32
            } else if j == m {
                (n - i) as u32
            } else {
                let sub = cost[i + 1][j + 1] + u32::from(a[i] != b[j]);
                sub.min(cost[i + 1][j] + 1).min(cost[i][j + 1] + 1)
            };
        }
    }
    let mut steps = Vec::with_capacity(n.max(m));
    let (mut i, mut j) = (0, 0);
    while i < n || j < m {
        if i < n && j < m && cost[i][j] == cost[i + 1][j + 1] + u32::from(a[i] != b[j]) {
            steps.push(Step::Plain(i));
            i += 1;
            j += 1;
        } else if j < m && (i == n || cost[i][j] == cost[i][j + 1] + 1) {
            steps.push(Step::Extra(j));
            j += 1;
        } else {
            steps.push(Step::Plain(i));
            i += 1;
        }
    }
    // Hesitations after the last plain word are left out: the prompted pass tends to add an
    // "um uh" on the silence that ends a clip (seen on the agent's own voice).
    let last_plain = steps.iter().rposition(|s| matches!(s, Step::Plain(_)));
    if let Some(last) = last_plain {
        steps.truncate(last + 1);
    }
    let mut out: Vec<Word> = Vec::with_capacity(n + 4);
    let mut next_plain = 0;
    for step in steps {
        match step {
            Step::Plain(i) => {
                out.push(plain[i].clone());
                next_plain = i + 1;
            }
            Step::Extra(j) if is_hesitation(&prompted[j]) => {
                let after = out.last().map_or(0.0, |w| w.end);
                let before = plain.get(next_plain).map_or(f32::MAX, |w| w.start);
                let mut w = prompted[j].clone();
                w.text = key(&w);
                w.start = w.start.clamp(after, before.max(after));
                w.end = w.end.clamp(w.start, before.max(w.start));
                out.push(w);
            }
            Step::Extra(_) => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<Word> {
        crate::asr::timed_words(text, 0.4)
    }

    fn text(ws: &[Word]) -> String {
        ws.iter()
            .map(|w| w.text.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn hesitations_of_the_prompted_pass_join_the_plain_words() {
        for (plain, prompted, want) in [
            // Seen from tiny.en on the same clip: the plain pass dropped both fillers, the
            // prompted one kept them and misheard "help desk".
            (
                "So I worked in a help desk for about three years.",
                "Um, so I worked in a health mask for, uh, about three years.",
                "um So I worked in a help desk for uh about three years.",
            ),
            // Words only the prompted pass has are not taken, fillers only.
            (
                "I led the project with two analysts.",
                "I, uh, sort of led the project with two other analysts.",
                "I uh led the project with two analysts.",
            ),
            // A filler the plain pass heard as a word stays the plain word.
            (
                "the main thing was I'm keeping users calm",
                "the main thing was, um, keeping users calm",
                "the main thing was I'm keeping users calm",
            ),
            // Not after the last word: whisper invents them on the closing silence.
            (
                "So I worked at a help desk for about three years.",
                "um So I worked to help desk for uh about three years. um uh",
                "um So I worked at a help desk for uh about three years.",
            ),
            // Nothing prompted: the plain words; nothing plain: only the fillers.
            ("we fixed it", "", "we fixed it"),
            ("", "um uh", "um uh"),
            ("", "", ""),
        ] {
            let got = merge(words(plain), &words(prompted));
            assert_eq!(text(&got), want, "{plain:?} + {prompted:?}");
        }
    }

    #[test]
    fn an_added_filler_is_timed_within_its_gap() {
        let plain = vec![
            Word {
                text: "so".into(),
                start: 0.0,
                end: 0.3,
                prob: 0.9,
            },
            Word {
                text: "yes".into(),
                start: 1.5,
                end: 1.8,
                prob: 0.9,
            },
        ];
        // The prompted pass put "um" at 0.1-2.0: it must end before "yes" starts.
        let prompted = vec![
            plain[0].clone(),
            Word {
                text: "um,".into(),
                start: 0.1,
                end: 2.0,
                prob: 0.5,
            },
            plain[1].clone(),
        ];
        let got = merge(plain, &prompted);
        assert_eq!(text(&got), "so um yes");
        assert!(got[1].start >= 0.3 && got[1].end <= 1.5, "{:?}", got[1]);
    }
}
