//! The words an answer leans on: content words only (stop words and fillers out), inflections
//! grouped under one lemma ("tested", "testing", "tests"), with synonyms from WordNet to vary
//! the wording.

use std::collections::HashMap;

use serde::Serialize;

use super::wordnet::WordNet;

/// One word the answer used often.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UsedWord {
    pub word: String,
    pub count: usize,
    pub synonyms: Vec<String>,
}

/// Function words and spoken glue that say nothing about the content.
const STOP: &[&str] = &[
    "a",
    "about",
    "above",
    "after",
    "again",
    "against",
    "all",
    "also",
    "am",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "done",
    "down",
    "during",
    "each",
    "even",
    "every",
    "few",
    "for",
    "from",
    "further",
    "get",
    "got",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "him",
    "his",
    "how",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "just",
    "let",
    "lot",
    "me",
    "more",
    "most",
    "much",
    "must",
    "my",
    "myself",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "on",
    "once",
    "one",
    "only",
    "or",
    "other",
    "our",
    "ours",
    "out",
    "over",
    "own",
    "really",
    "same",
    "she",
    "should",
    "so",
    "some",
    "such",
    "than",
    "that",
    "the",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "thing",
    "things",
    "this",
    "those",
    "through",
    "to",
    "too",
    "under",
    "until",
    "up",
    "us",
    "very",
    "was",
    "way",
    "we",
    "well",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "why",
    "will",
    "with",
    "would",
    "yes",
    "yeah",
    "you",
    "your",
    "yours",
    "i'm",
    "i've",
    "i'd",
    "i'll",
    "it's",
    "that's",
    "there's",
    "we're",
    "we've",
    "don't",
    "didn't",
    "doesn't",
    "can't",
    "won't",
    "wasn't",
    "isn't",
    "aren't",
    "they're",
    "you're",
    "um",
    "uh",
    "er",
    "erm",
    "hmm",
    "like",
    "know",
    "mean",
    "basically",
    "actually",
    "okay",
    "ok",
    "sort",
    "kind",
    "go",
    "going",
    "make",
    "made",
    "say",
    "said",
    "think",
    "want",
    "maybe",
    "probably",
    "guess",
    "two",
    "three",
    "four",
    "five",
    "first",
    "also",
    "able",
    "many",
    "something",
    "anything",
    "everything",
    "kind",
    "lot",
    "lots",
    "stuff",
    "bit",
];

/// The few content words used most, at least `min_count` times, with up to three synonyms each.
/// "Really" is a stop word here, but an answer that says it five times still hears about it.
pub fn most_used(words: &[&str], wordnet: Option<&WordNet>, min_count: usize) -> Vec<UsedWord> {
    let mut counts: HashMap<String, (usize, usize)> = HashMap::new();
    for (i, raw) in words.iter().enumerate() {
        let w: String = raw
            .trim_matches(|c: char| !c.is_alphanumeric() && c != '\'')
            .to_lowercase();
        if w.len() < 3 || w.chars().all(|c| c.is_ascii_digit()) {
            continue;
        }
        let leaned = w == "really" || w == "very" || w == "basically";
        if STOP.contains(&w.as_str()) && !leaned {
            continue;
        }
        let lemma = match wordnet {
            Some(wn) if !leaned => wn.lemma(&w),
            _ => w,
        };
        counts.entry(lemma).or_insert((0, i)).0 += 1;
    }
    let mut v: Vec<(String, usize, usize)> = counts
        .into_iter()
        .filter(|(_, (c, _))| *c >= min_count)
        .map(|(w, (c, first))| (w, c, first))
        .collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.2.cmp(&b.2)));
    v.into_iter()
        .take(3)
        .map(|(word, count, _)| UsedWord {
            synonyms: wordnet.map(|wn| wn.synonyms(&word, 3)).unwrap_or_default(),
            word,
            count,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inflections_group_and_synonyms_come_from_wordnet() {
        let wn = WordNet::load(std::path::Path::new(super::super::wordnet::DEFAULT_DIR)).unwrap();
        let text = "I tested the fix, then we kept testing it, and the tests passed. The team really really really liked it.";
        let words: Vec<&str> = text.split_whitespace().collect();
        let top = most_used(&words, Some(&wn), 2);
        assert_eq!(top[0].word, "test");
        assert_eq!(top[0].count, 3);
        assert_eq!(top[1].word, "really");
        assert!(top[1].synonyms.contains(&"truly".to_string()), "{top:?}");
        // Every synonym is a WordNet lemma of the same sense, not a hand list.
        assert!(!top[0].synonyms.is_empty());
    }

    #[test]
    fn empty_and_one_word_answers() {
        assert!(most_used(&[], None, 2).is_empty());
        assert!(most_used(&["Hello."], None, 2).is_empty());
    }
}
