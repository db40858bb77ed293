//! Where 16 kHz frames come from: a WAV file, a clip, or (with the devices work) a microphone.
//! The session reads time from the frames it is given, so a file runs faster than real time and
//! gives the same result every time.

use super::{Frame, FRAME_SAMPLES};

use super::{resample::resample, AudioError, Clip, ASR_RATE};

/// A stream of 30 ms frames at 16 kHz mono.
pub trait AudioSource {
    /// The next frame, or `None` at the end of the input.
    ///
    /// # Errors
    /// [`AudioError`] when the source fails (a device lost).
    fn next_frame(&mut self) -> Result<Option<Frame>, AudioError>;

    /// True once nothing more will ever come (a `None` from a device or scripted take may
    /// only mean "this take is over").
    fn exhausted(&self) -> bool {
        false
    }

    /// Drops audio captured while nobody was listening (the agent was speaking): the interview
    /// is half-duplex, and stale audio would be taken for an answer. Files have none.
    fn discard_pending(&mut self) {}

    /// The listener is done with the current take (its turn ended before the audio did). A
    /// scripted source drops the rest of the take; a device has no takes.
    fn end_take(&mut self) {}

    /// True when the input goes on while the agent speaks (a microphone, a recording of a
    /// whole session): the session reads it then too, for barge-in or to discard the echo.
    /// A scripted candidate only speaks when listened to.
    fn live(&self) -> bool {
        false
    }

    /// True when a frame can be read without waiting.
    fn ready(&self) -> bool {
        !self.exhausted()
    }

    /// True once after a button press that opened the input (push-to-talk or the kiosk's start
    /// button); sources without a button never have one.
    fn take_press(&mut self) -> bool {
        false
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

    fn exhausted(&self) -> bool {
        self.pos >= self.samples.len()
    }

    /// A clip is a timeline: one continuous recording of the microphone.
    fn live(&self) -> bool {
        true
    }
}

/// One thing a scripted candidate does when listened to.
#[derive(Clone)]
pub enum Take {
    /// Speaks (or stays silent for) a clip.
    Say(ClipSource),
    /// Presses the start or push-to-talk button (an empty take to a listener that does not
    /// look for presses).
    Press,
}

/// A scripted candidate: one take per time the session listens (an answer, a command, a
/// silence, a button press). Each take ends with one `None`; then the next take begins.
pub struct ScriptedSource {
    takes: std::collections::VecDeque<Take>,
}

impl ScriptedSource {
    pub fn new(takes: Vec<ClipSource>) -> Self {
        Self::with_presses(takes.into_iter().map(Take::Say).collect())
    }

    pub fn with_presses(takes: Vec<Take>) -> Self {
        ScriptedSource {
            takes: takes.into(),
        }
    }
}

impl AudioSource for ScriptedSource {
    fn next_frame(&mut self) -> Result<Option<Frame>, AudioError> {
        let Some(take) = self.takes.front_mut() else {
            return Ok(None);
        };
        match take {
            Take::Say(clip) => {
                if let Some(f) = clip.next_frame()? {
                    return Ok(Some(f));
                }
            }
            Take::Press => {}
        }
        self.takes.pop_front();
        Ok(None)
    }

    fn exhausted(&self) -> bool {
        self.takes.is_empty()
    }

    fn end_take(&mut self) {
        self.takes.pop_front();
    }

    fn take_press(&mut self) -> bool {
        matches!(self.takes.front(), Some(Take::Press))
    }
}
