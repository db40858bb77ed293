//! Fillers and hedges, from the transcript's words with whisper's punctuation still on them.
//! "like" counts only as a filler ("it was, like, slow"), not as a verb or a comparison ("I like
//! Python", "tools like Splunk"); "you know" only when it is not asking about something ("you
//! know the answer").

use std::collections::BTreeMap;

use crate::transcript::HESITATIONS as SOUNDS;
use serde::Serialize;

/// Filler counts.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Fillers {
    pub total: usize,
    /// Per minute of answer (0 for an empty answer).
    pub per_minute: f32,
    pub by_word: BTreeMap<String, usize>,
}

/// Hedge counts.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Hedges {
    pub total: usize,
    pub by_phrase: BTreeMap<String, usize>,
}

/// A word lower-cased without surrounding punctuation, whether a comma (or a sentence end)
/// follows it, and whether it starts a sentence.
struct Tok {
    w: String,
    comma_after: bool,
    sentence_start: bool,
}

fn tokens(words: &[&str]) -> Vec<Tok> {
    let mut out = Vec::with_capacity(words.len());
    let mut start = true;
    for raw in words {
        let w: String = raw
            .trim_matches(|c: char| !c.is_alphanumeric() && c != '\'')
            .to_lowercase();
        let end = raw.trim_end();
        let comma_after = end.ends_with(',') || end.ends_with("...") || end.ends_with('-');
        let stop = end.ends_with('.') || end.ends_with('?') || end.ends_with('!');
        if !w.is_empty() {
            out.push(Tok {
                w,
                comma_after: comma_after || stop,
                sentence_start: start,
            });
        }
        start = stop;
    }
    out
}

/// Counts fillers in words (as whisper wrote them) spoken over `minutes`.
pub fn fillers(words: &[&str], minutes: f32) -> Fillers {
    let t = tokens(words);
    let mut by: BTreeMap<String, usize> = BTreeMap::new();
    let mut i = 0;
    while i < t.len() {
        let w = t[i].w.as_str();
        let next = t.get(i + 1).map(|x| x.w.as_str());
        let prev_comma = i > 0 && t[i - 1].comma_after;
        let at_pause = prev_comma || t[i].sentence_start;
        let mut hit: Option<(&str, usize)> = None;
        if SOUNDS.contains(&w) {
            hit = Some((w, 1));
        } else if w == "like" && (t[i].comma_after || prev_comma) {
            // "..., like, ..." or "it was, like slow": set off by pauses, not a verb.
            hit = Some(("like", 1));
        } else if w == "you" && next == Some("know") {
            let after = t.get(i + 2).map(|x| x.w.as_str());
            let asks = matches!(
                after,
                Some(
                    "what"
                        | "how"
                        | "why"
                        | "that"
                        | "the"
                        | "if"
                        | "where"
                        | "who"
                        | "when"
                        | "about"
                )
            ) && !t[i + 1].comma_after;
            if !asks {
                hit = Some(("you know", 2));
            }
        } else if w == "i" && next == Some("mean") && (t[i + 1].comma_after || at_pause) {
            hit = Some(("i mean", 2));
        } else if w == "basically" {
            hit = Some(("basically", 1));
        } else if (w == "sort" || w == "kind") && next == Some("of") {
            let before = i.checked_sub(1).map(|j| t[j].w.as_str());
            let a_type = matches!(
                before,
                Some(
                    "what"
                        | "this"
                        | "that"
                        | "a"
                        | "any"
                        | "some"
                        | "the"
                        | "every"
                        | "which"
                        | "one"
                )
            );
            if !a_type {
                hit = Some((if w == "sort" { "sort of" } else { "kind of" }, 2));
            }
        }
        match hit {
            Some((name, n)) => {
                *by.entry(name.to_string()).or_default() += 1;
                i += n;
            }
            None => i += 1,
        }
    }
    let total = by.values().sum();
    Fillers {
        total,
        per_minute: if minutes > 0.0 {
            (total as f32 / minutes * 10.0).round() / 10.0
        } else {
            0.0
        },
        by_word: by,
    }
}

const HEDGES: [&str; 12] = [
    "i think",
    "i guess",
    "i believe",
    "i suppose",
    "maybe",
    "probably",
    "perhaps",
    "possibly",
    "sort of",
    "kind of",
    "not sure",
    "might",
];

/// Counts hedging phrases.
pub fn hedges(words: &[&str]) -> Hedges {
    let t: Vec<String> = tokens(words).into_iter().map(|t| t.w).collect();
    let mut by: BTreeMap<String, usize> = BTreeMap::new();
    let mut i = 0;
    while i < t.len() {
        let hit = HEDGES.iter().find(|h| {
            let hw: Vec<&str> = h.split(' ').collect();
            t.len() >= i + hw.len() && t[i..i + hw.len()].iter().zip(&hw).all(|(a, b)| a == b)
        });
        match hit {
            Some(h) => {
                *by.entry(h.to_string()).or_default() += 1;
                i += h.split(' ').count();
            }
            None => i += 1,
        }
    }
    Hedges {
        total: by.values().sum(),
        by_phrase: by,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(text: &str) -> BTreeMap<String, usize> {
        let words: Vec<&str> = text.split_whitespace().collect();
        fillers(&words, 1.0).by_word
    }

    #[test]
    fn like_as_a_verb_or_comparison_is_not_a_filler() {
        assert!(f("I like Python and tools like Splunk.").is_empty());
        assert_eq!(f("It was, like, really slow, like.")["like"], 2);
        assert_eq!(f("Um, so I, uh, fixed it.").len(), 2);
    }

    #[test]
    fn you_know_and_kind_of_in_context() {
        assert!(f("Do you know the answer? What kind of tool?").is_empty());
        assert_eq!(f("It was, you know, kind of hard.")["you know"], 1);
        assert_eq!(f("It was, you know, kind of hard.")["kind of"], 1);
        assert_eq!(f("Basically, I mean, we patched it.").len(), 2);
    }

    #[test]
    fn hedges_are_counted_by_phrase() {
        let words: Vec<&str> = "I think maybe we could probably patch it, I guess."
            .split_whitespace()
            .collect();
        let h = hedges(&words);
        assert_eq!(h.total, 4);
        assert_eq!(h.by_phrase["i think"], 1);
    }

    #[test]
    fn empty_answer_has_no_fillers_and_no_rate() {
        let x = fillers(&[], 0.0);
        assert_eq!((x.total, x.per_minute), (0, 0.0));
    }
}
