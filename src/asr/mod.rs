//! Speech recognition: a [`Transcriber`] turns a clip into a [`Transcript`] with word timings.
//! The product's transcriber is whisper.cpp ([`WhisperTranscriber`]); tests may put a scripted
//! one behind the same trait.

pub mod hesitations;
pub mod incremental;
pub mod self_test;
pub mod wer;
mod whisper;

use serde::Serialize;

pub use whisper::WhisperTranscriber;

use crate::audio::Clip;

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

/// How to decode.
#[derive(Debug, Clone, PartialEq)]
pub struct TranscribeOptions {
    /// Context text for whisper (e.g. the question, or words the answer may use).
    pub prompt: Option<String>,
    /// 1 = greedy; more = beam search with that width.
    pub beam_size: u32,
    /// Size the encoder's context to the clip instead of whisper's fixed 30 s window.
    pub fit_audio_ctx: bool,
    /// Decode a second time with a prompt full of fillers and add the hesitation sounds only
    /// that pass heard ([`hesitations`]): twice the decoding time.
    pub keep_fillers: bool,
    /// Decode again at higher temperatures when a pass looks unsure (whisper's fallback: it
    /// recovers from loops on real speech, but on noise it retries up to five times).
    pub fallback: bool,
    pub threads: u32,
    /// At most this many tokens per segment (0: whisper's own limit). With `fallback` off, a
    /// model with damaged weights no longer decodes garbage for minutes.
    pub max_tokens: u32,
}

impl Default for TranscribeOptions {
    fn default() -> Self {
        TranscribeOptions {
            prompt: None,
            beam_size: 1,
            fit_audio_ctx: false,
            keep_fillers: false,
            fallback: true,
            threads: std::thread::available_parallelism()
                .map(|n| n.get().min(4) as u32)
                .unwrap_or(2),
            max_tokens: 0,
        }
    }
}

/// Why a transcription failed.
#[derive(Debug, thiserror::Error)]
pub enum AsrError {
    #[error(transparent)]
    Model(#[from] crate::models::ModelError),
    #[error("whisper: {0}")]
    Whisper(String),
    #[error(transparent)]
    Audio(#[from] crate::audio::AudioError),
    /// Abandoned because a stop was asked for (Ctrl-C, SIGTERM).
    #[error("transcription stopped")]
    Stopped,
}

/// Speech to text.
pub trait Transcriber {
    /// Transcribes a clip at any rate (it is resampled as needed).
    ///
    /// # Errors
    /// [`AsrError`].
    fn transcribe(&mut self, clip: &Clip, opts: &TranscribeOptions)
        -> Result<Transcript, AsrError>;
}
