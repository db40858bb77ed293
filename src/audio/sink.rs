//! Where the agent's voice goes: a clip in memory (written to a WAV by the caller), nowhere, or
//! (with the devices work) a speaker.

use super::{AudioError, Clip};

/// Something that plays audio.
pub trait AudioSink {
    /// Plays (or records) a clip.
    ///
    /// # Errors
    /// [`AudioError`] when the device fails.
    fn play(&mut self, clip: &Clip) -> Result<(), AudioError>;
}

/// Collects everything played into one clip, for a WAV file.
pub struct ClipSink {
    pub clip: Clip,
}

impl ClipSink {
    pub fn new(sample_rate: u32) -> Self {
        ClipSink {
            clip: Clip::new(Vec::new(), sample_rate),
        }
    }
}

impl AudioSink for ClipSink {
    fn play(&mut self, clip: &Clip) -> Result<(), AudioError> {
        let c = super::resample::resample(clip, self.clip.sample_rate)?;
        self.clip.append(&c);
        Ok(())
    }
}

/// Plays nothing.
pub struct NullSink;

impl AudioSink for NullSink {
    fn play(&mut self, _: &Clip) -> Result<(), AudioError> {
        Ok(())
    }
}
