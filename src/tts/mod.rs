//! Speech synthesis: a [`Synthesizer`] speaks text sentence by sentence, so the first sentence can
//! play while the rest is made (and memory stays flat: one ONNX run per sentence, not per
//! paragraph). The product's voice is Piper ([`PiperSynthesizer`]).

pub mod phonemes;
mod piper;

pub use piper::PiperSynthesizer;

use std::ops::ControlFlow;

use crate::audio::Clip;

/// Why speech could not be made.
#[derive(Debug, thiserror::Error)]
pub enum TtsError {
    #[error(transparent)]
    Model(#[from] crate::models::ModelError),
    #[error("loading the voice: {0}")]
    Load(String),
    #[error("phonemizing `{text}`: {why}")]
    Phonemes { text: String, why: String },
    #[error("synthesizing: {0}")]
    Inference(String),
}

/// Text to speech.
pub trait Synthesizer {
    /// The rate of the clips it makes.
    fn sample_rate(&self) -> u32;

    /// Speaks `text`, calling `on_sentence` with each sentence's audio as soon as it is ready;
    /// when it returns [`ControlFlow::Break`] (the user spoke over the agent) the remaining
    /// sentences are not synthesized. `rate` is a speaking-rate factor (1.0 normal, 1.25 faster).
    ///
    /// # Errors
    /// [`TtsError`]; sentences before the failing one have been delivered.
    fn synthesize(
        &mut self,
        text: &str,
        rate: f32,
        on_sentence: &mut dyn FnMut(Clip) -> ControlFlow<()>,
    ) -> Result<(), TtsError>;

    /// Speaks `text` into one clip.
    ///
    /// # Errors
    /// [`TtsError`].
    fn synthesize_clip(&mut self, text: &str, rate: f32) -> Result<Clip, TtsError> {
        let mut all = Clip::new(Vec::new(), self.sample_rate());
        self.synthesize(text, rate, &mut |c| {
            all.append(&c);
            ControlFlow::Continue(())
        })?;
        Ok(all)
    }
}
