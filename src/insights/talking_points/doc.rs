//! The sentence model the talking-point rules read, and the grammar helpers they share. An
//! answer is read once ([`Doc::new`]) into canonical words, the sentence of each word, and what
//! the question asks; every rule then takes `&Doc`. Reading is the costly part (normalising,
//! contractions, fillers), so the entry points build one `Doc` per answer and pass it to all
//! fourteen rules and the scorer's features instead of each rule reading the text again.
//!
//! The words are normalised: whisper's punctuation and capitals do not matter, "id"/"i'd" and
//! "im"/"i'm" read alike, "Security+" reads "security plus", and spoken fillers ("um",
//! "basically", "probably", "you know") are skipped before matching, so "I'd probably like to"
//! is "I'd like to".

use super::lexicon::{
    ALIASES, CONTRACTIONS, FILLERS, FILLER_PAIRS, ID_NOUN, IRREGULAR_PAST, NOT_PAST, NUMBER_WORDS,
    QUESTION_STOP,
};
use crate::transcript::normalize;

/// An answer read for talking points: canonical words, their sentence, and the question.
pub struct Doc {
    pub(super) words: Vec<String>,
    pub(super) sentence: Vec<usize>,
    pub(super) sentences: Vec<Vec<String>>,
    pub(super) raw: String,
    /// Content words of the question (its subject, roughly).
    pub(super) subject: Vec<String>,
    /// The question asks what something is ("What is ...", "Explain ...", "difference").
    pub(super) asks_definition: bool,
    /// The question asks what the speaker learned.
    pub(super) asks_lesson: bool,
    /// The question asks why the speaker chose the field or job.
    pub(super) asks_why: bool,
}

pub(super) fn canonical(text: &str) -> Vec<String> {
    let mut s = String::with_capacity(text.len() + 8);
    let mut prev = ' ';
    for c in text.chars() {
        let c = if c == '\u{2019}' || c == '\u{2018}' {
            '\''
        } else {
            c
        };
        // "Security+" is "Security plus".
        if c == '+' && prev.is_alphanumeric() {
            s.push_str(" plus");
        } else {
            s.push(c);
        }
        prev = c;
    }
    let mut out: Vec<String> = Vec::new();
    for w in normalize(&s) {
        let w = w.trim_matches('\'').to_string();
        if w.is_empty() || FILLERS.contains(&w.as_str()) {
            continue;
        }
        let w = match CONTRACTIONS.iter().find(|(a, _)| *a == w) {
            Some((_, b)) => b.to_string(),
            None if w == "id" && !out.last().is_some_and(|p| ID_NOUN.contains(&p.as_str())) => {
                "i'd".to_string()
            }
            None => w,
        };
        if let Some(p) = out.last() {
            if FILLER_PAIRS.iter().any(|(a, b)| p == a && w == *b) {
                out.pop();
                continue;
            }
        }
        out.push(w);
    }
    out
}

/// Sentences of the raw text: split at . ? ! ; followed by a space or the end.
fn split_sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let b = text.as_bytes();
    for (i, &c) in b.iter().enumerate() {
        if matches!(c, b'.' | b'?' | b'!' | b';')
            && b.get(i + 1).is_none_or(|n| n.is_ascii_whitespace())
        {
            out.push(&text[start..=i]);
            start = i + 1;
        }
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

impl Doc {
    /// Reads `text`, an answer to `question` ("" when the question is not known).
    pub fn new(text: &str, question: &str) -> Doc {
        let mut words = Vec::new();
        let mut sentence = Vec::new();
        let mut sentences = Vec::new();
        for s in split_sentences(text) {
            let w = canonical(s);
            if w.is_empty() {
                continue;
            }
            sentence.extend(std::iter::repeat_n(sentences.len(), w.len()));
            words.extend(w.iter().cloned());
            sentences.push(w);
        }
        let q = canonical(question);
        let mut subject: Vec<String> = q
            .iter()
            .filter(|w| w.len() > 1 && !QUESTION_STOP.contains(&w.as_str()))
            .cloned()
            .collect();
        for (a, b) in ALIASES {
            if subject.iter().any(|w| w == a) {
                subject.push(b.to_string());
            }
        }
        let has = |p: &[&str]| (0..q.len()).any(|i| matches_at(&q, i, p));
        let asks_definition = has(&["what", "is"])
            || has(&["what's"])
            || has(&["what", "does"])
            || has(&["what", "do"])
            || has(&["explain"])
            || has(&["difference"])
            || has(&["define"])
            || has(&["mean"]);
        let asks_why = q.first().is_some_and(|w| w == "why")
            || [
                "made",
                "drew",
                "draws",
                "got",
                "brought",
                "attracted",
                "motivates",
                "drives",
            ]
            .iter()
            .any(|v| has(&["what", v]))
            || has(&["how", "did", "you", "get", "into"]);
        let asks_lesson = q.iter().any(|w| w.starts_with("lesson"))
            || q.iter().any(|w| w == "what" || w == "what's")
                && q.iter().any(|w| w.starts_with("learn"));
        Doc {
            words,
            sentence,
            sentences,
            raw: text.to_string(),
            subject,
            asks_definition,
            asks_lesson,
            asks_why,
        }
    }

    pub(super) fn in_subject(&self, w: &str) -> bool {
        let stem = |x: &str| x.strip_suffix('s').unwrap_or(x).to_string();
        self.subject.iter().any(|s| stem(s) == stem(w))
    }

    /// Start positions of `cues` (a point's list in [`super::lexicon`]), skipping cues right
    /// after "if".
    pub(super) fn hits(&self, cues: &[&str]) -> Vec<usize> {
        let cues: Vec<Vec<&str>> = cues
            .iter()
            .map(|c| c.split_whitespace().collect())
            .collect();
        let words = &self.words;
        (0..words.len())
            .filter(|&i| {
                !(i > 0 && words[i - 1] == "if") && cues.iter().any(|c| matches_at(words, i, c))
            })
            .collect()
    }

    pub(super) fn sentence_has(&self, i: usize, pred: impl Fn(&str) -> bool) -> bool {
        self.sentences[self.sentence[i]].iter().any(|w| pred(w))
    }
}

pub(super) fn matches_at(words: &[String], i: usize, cue: &[&str]) -> bool {
    if i + cue.len() > words.len() {
        return false;
    }
    cue.iter()
        .zip(&words[i..])
        .all(|(c, w)| match c.strip_suffix('*') {
            Some(prefix) => w.starts_with(prefix),
            None => w == c,
        })
}

pub(super) fn is_past(w: &str) -> bool {
    IRREGULAR_PAST.contains(&w)
        || (w.ends_with("ed") && w.len() > 4 && !w.ends_with("eed") && !NOT_PAST.contains(&w))
}

pub(super) fn is_quantity(w: &str) -> bool {
    w.chars().any(|c| c.is_ascii_digit()) || NUMBER_WORDS.contains(&w)
}

/// A word in a hypothetical or modal frame: after "if" (within four words), or right after a
/// modal or "to".
pub(super) fn hypothetical(words: &[String], i: usize) -> bool {
    let modal = [
        "would", "i'd", "we'd", "could", "should", "might", "will", "i'll", "to", "can", "may",
    ];
    (i > 0 && modal.contains(&words[i - 1].as_str()))
        || words[i.saturating_sub(4)..i].iter().any(|w| w == "if")
}

/// A simple past at `i` (not a participle after have/be, not hypothetical).
pub(super) fn past_at(words: &[String], i: usize) -> bool {
    let aux = [
        "have", "has", "i've", "we've", "you've", "they've", "been", "be", "is", "are", "am",
        "i'm", "it's", "being", "get", "gets", "haven't", "hasn't", "hadn't", "never",
        // "want to feel heard", "they seem annoyed": a participle as an adjective.
        "feel", "feels", "seem", "seems", "look", "looks",
    ];
    is_past(&words[i])
        && !(i > 0 && aux.contains(&words[i - 1].as_str()))
        && !hypothetical(words, i)
}

/// Irregular verbs whose past is their present: "I put", "I set", "I run".
pub(super) const AMBIGUOUS_PAST: &[&str] = &[
    "put", "set", "cut", "hit", "let", "read", "shut", "quit", "spread", "cost", "hurt", "split",
];

/// A modal frame for the word at `i`: "would"/"i'd" earlier in its sentence, unless a narrated
/// clause ("and we agreed") comes between (transcripts without punctuation run on).
pub(super) fn modal_clause(d: &Doc, i: usize) -> bool {
    let w = &d.words;
    let s = d.sentence[i];
    let from = (0..=i)
        .rev()
        .take_while(|&j| d.sentence[j] == s)
        .last()
        .unwrap_or(i);
    // "we'd tucked it": "had", not "would".
    let Some(m) = (from..i).rev().find(|&j| {
        w[j] == "would"
            || ["i'd", "we'd", "you'd", "they'd"].contains(&w[j].as_str())
                && !w.get(j + 1).is_some_and(|n| is_past(n))
    }) else {
        // A modal right after still frames it ("happy, I would hope").
        return (i + 1..(i + 4).min(w.len()))
            .any(|j| d.sentence[j] == s && (w[j] == "would" || w[j] == "i'd"));
    };
    !(m + 2..i).any(|j| (w[j - 1] == "we" || w[j - 1] == "i") && past_at(w, j))
}

/// Is the word after `i` `x`?
pub(super) fn next_is(w: &[String], i: usize, x: &str) -> bool {
    w.get(i + 1).is_some_and(|n| n == x)
}

/// A figure: digits or a number word from two up ("which one", "all" and "nobody" are not).
pub(super) fn figure(w: &str) -> bool {
    w.chars().any(|c| c.is_ascii_digit())
        || NUMBER_WORDS[..NUMBER_WORDS
            .iter()
            .position(|x| *x == "nobody")
            .unwrap_or(0)]
            .iter()
            .skip(2)
            .any(|x| *x == w)
}
