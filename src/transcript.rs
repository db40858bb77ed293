//! What was said: the words with their times, as the recogniser produces them and the insights
//! and the session read them, and the one way text is cut into comparable words. Plain data at
//! the bottom of the house: it imports nothing of warmup's.

use serde::Serialize;

/// One recognised word, times in seconds from the start of the clip.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct Word {
    pub text: String,
    pub start: f32,
    pub end: f32,
    /// Mean token probability, 0..1.
    pub prob: f32,
}

/// A word lower-cased without punctuation ("Um," is "um"), for comparing words.
pub(crate) fn word_key(w: &Word) -> String {
    w.text
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == '\'')
        .flat_map(char::to_lowercase)
        .collect()
}

/// Words of `text` spaced `step` seconds apart, each lasting three quarters of it (for tests).
#[cfg(test)]
pub(crate) fn timed_words(text: &str, step: f32) -> Vec<Word> {
    text.split_whitespace()
        .enumerate()
        .map(|(i, w)| Word {
            text: w.to_string(),
            start: i as f32 * step,
            end: i as f32 * step + 0.75 * step,
            prob: 0.9,
        })
        .collect()
}

/// What was said.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Transcript {
    pub text: String,
    pub words: Vec<Word>,
    /// Length of the audio, seconds.
    pub duration_s: f32,
}

impl Transcript {
    /// `text` as if said evenly: a word every 0.4 s, each 0.3 s long (150 words a minute). For
    /// tests and simulations that need an answer's timings without audio.
    pub fn evenly_spoken(text: &str) -> Transcript {
        let words: Vec<Word> = text
            .split_whitespace()
            .enumerate()
            .map(|(i, w)| Word {
                text: w.into(),
                start: i as f32 * 0.4,
                end: i as f32 * 0.4 + 0.3,
                prob: 0.9,
            })
            .collect();
        Transcript {
            text: text.into(),
            duration_s: words.len() as f32 * 0.4,
            words,
        }
    }
}

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

/// Hesitation sounds as whisper spells them (lower case, no punctuation).
pub const HESITATIONS: [&str; 9] = ["um", "umm", "uh", "uhh", "er", "erm", "hmm", "uhm", "ah"];
