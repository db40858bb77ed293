//! Where 16 kHz frames come from: a WAV file, a clip, or a microphone ([`super::mic`]).
//! The session reads time from the frames it is given, so a file runs faster than real time and
//! gives the same result every time.

use super::{Frame, FRAME_SAMPLES};

use super::{resample::resample, AudioError, Clip, ASR_RATE};

/// A stream of 30 ms frames at 16 kHz mono: a microphone through the framer, a clip, a file.
/// What the interview makes of a stream (takes, buttons, barge-in) is the session's
/// ([`crate::session::input`]).
pub trait AudioSource {
    /// The next frame (waiting for it, from a device), or `None` at the end of the input.
    ///
    /// # Errors
    /// [`AudioError`] when the source fails (a device lost).
    fn next_frame(&mut self) -> Result<Option<Frame>, AudioError>;

    /// Drops audio captured and not yet read (stale, heard while nobody listened). Files and
    /// clips have none.
    fn discard_pending(&mut self) {}

    /// True when a frame can be read without waiting (always, for a clip).
    fn ready(&self) -> bool {
        true
    }
}

/// Frames from a clip held in memory (a WAV file, a synthesized answer).
/// Clones share the samples: a scripted candidate can say the same clip many times.
#[derive(Clone)]
pub struct ClipSource {
    samples: std::sync::Arc<Vec<f32>>,
    pos: usize,
}

impl ClipSource {
    /// Resamples `clip` to 16 kHz.
    ///
    /// # Errors
    /// [`AudioError::Resample`].
    pub fn new(clip: &Clip) -> Result<Self, AudioError> {
        Ok(ClipSource {
            samples: std::sync::Arc::new(resample(clip, ASR_RATE)?.samples),
            pos: 0,
        })
    }

    /// Reads a WAV file (any layout).
    ///
    /// # Errors
    /// As [`super::wav::read_wav`].
    pub fn from_wav(path: &std::path::Path) -> Result<Self, AudioError> {
        Self::new(&super::wav::read_wav(path)?)
    }

    /// Appends `seconds` of silence (a file that stops right after the last word still ends
    /// its turn by silence).
    pub fn pad_silence(mut self, seconds: f32) -> Self {
        std::sync::Arc::make_mut(&mut self.samples).extend(std::iter::repeat_n(
            0.0,
            (seconds * ASR_RATE as f32) as usize,
        ));
        self
    }
}

impl AudioSource for ClipSource {
    fn next_frame(&mut self) -> Result<Option<Frame>, AudioError> {
        if self.pos >= self.samples.len() {
            return Ok(None);
        }
        let end = (self.pos + FRAME_SAMPLES).min(self.samples.len());
        let frame = super::to_frame(&self.samples[self.pos..end]);
        self.pos = end;
        Ok(Some(frame))
    }
}
