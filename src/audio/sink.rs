//! Where the agent's voice goes: a speaker ([`super::speaker::RodioSink`]), a clip in memory
//! (written to a WAV by the caller), or nowhere. Playback is queued so that the session can
//! listen while the agent speaks (barge-in); a file sink keeps its own clock, moved by the
//! session as it reads input frames, so file-driven sessions behave like live ones, only faster.

use super::{AudioError, Clip};

/// Something that plays audio.
pub trait AudioSink {
    /// Queues a clip after what is already queued, and returns at once.
    ///
    /// # Errors
    /// [`AudioError`] when the device fails.
    fn queue(&mut self, clip: &Clip) -> Result<(), AudioError>;

    /// True while queued audio has not finished playing.
    fn busy(&self) -> bool;

    /// `seconds` of playback have passed. A device plays in real time and ignores this; a
    /// file sink moves its clock.
    fn advance(&mut self, _seconds: f32) {}

    /// Stops at once and drops everything queued (the user spoke over the agent).
    fn stop(&mut self);

    /// Waits until everything queued has played.
    ///
    /// # Errors
    /// [`AudioError`] when the device fails.
    fn drain(&mut self) -> Result<(), AudioError>;

    /// Plays a clip to its end.
    ///
    /// # Errors
    /// [`AudioError`] when the device fails.
    fn play(&mut self, clip: &Clip) -> Result<(), AudioError> {
        self.queue(clip)?;
        self.drain()
    }
}

/// Collects what was played into one clip, for a WAV file: what was stopped by a barge-in is
/// not in it, as a listener would not have heard it.
pub struct ClipSink {
    pub clip: Clip,
    queued: std::collections::VecDeque<f32>,
}

impl ClipSink {
    pub fn new(sample_rate: u32) -> Self {
        ClipSink {
            clip: Clip::new(Vec::new(), sample_rate),
            queued: std::collections::VecDeque::new(),
        }
    }
}

impl AudioSink for ClipSink {
    fn queue(&mut self, clip: &Clip) -> Result<(), AudioError> {
        let c = super::resample::resample(clip, self.clip.sample_rate)?;
        self.queued.extend(c.samples);
        Ok(())
    }

    fn busy(&self) -> bool {
        !self.queued.is_empty()
    }

    fn advance(&mut self, seconds: f32) {
        let n = ((seconds * self.clip.sample_rate as f32).round() as usize).min(self.queued.len());
        self.clip.samples.extend(self.queued.drain(..n));
    }

    fn stop(&mut self) {
        self.queued.clear();
    }

    fn drain(&mut self) -> Result<(), AudioError> {
        self.clip.samples.extend(self.queued.drain(..));
        Ok(())
    }
}

/// Plays nothing, but takes as long as the audio would (on the session's clock).
#[derive(Default)]
pub struct NullSink {
    pending_s: f32,
}

impl AudioSink for NullSink {
    fn queue(&mut self, clip: &Clip) -> Result<(), AudioError> {
        self.pending_s += clip.duration_s();
        Ok(())
    }

    fn busy(&self) -> bool {
        self.pending_s > 0.0
    }

    fn advance(&mut self, seconds: f32) {
        self.pending_s = (self.pending_s - seconds).max(0.0);
    }

    fn stop(&mut self) {
        self.pending_s = 0.0;
    }

    fn drain(&mut self) -> Result<(), AudioError> {
        self.pending_s = 0.0;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_clip_sink_plays_on_its_own_clock_and_stops_cleanly() {
        let mut s = ClipSink::new(1000);
        s.queue(&Clip::new(vec![0.5; 1000], 1000)).unwrap();
        assert!(s.busy());
        s.advance(0.25);
        assert_eq!(s.clip.samples.len(), 250);
        s.stop();
        assert!(!s.busy());
        assert_eq!(
            s.clip.samples.len(),
            250,
            "what was stopped was never heard"
        );
        s.play(&Clip::new(vec![0.1; 100], 1000)).unwrap();
        assert_eq!(s.clip.samples.len(), 350);
        let mut n = NullSink::default();
        n.queue(&Clip::new(vec![0.0; 500], 1000)).unwrap();
        n.advance(0.4);
        assert!(n.busy());
        n.advance(0.2);
        assert!(!n.busy());
    }
}
