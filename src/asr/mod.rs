//! Speech recognition: a [`Transcriber`] turns a clip into a [`Transcript`] with word timings.
//! The product's transcriber is whisper.cpp ([`WhisperTranscriber`]); tests may put a scripted
//! one behind the same trait.

pub mod hesitations;
pub mod incremental;
pub mod self_test;
pub mod threads;
pub mod wer;
mod whisper;

pub use whisper::WhisperTranscriber;

#[cfg(test)]
pub(crate) use crate::transcript::timed_words;
pub(crate) use crate::transcript::word_key;
pub use crate::transcript::{Transcript, Word};

use crate::audio::Clip;

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
    /// At most this many decoding threads; fewer while other processes hold cores
    /// ([`threads::for_decode`]).
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
