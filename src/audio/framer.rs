//! Samples at any rate in, 30 ms frames at 16 kHz out: the one place a live stream is resampled
//! (with [`super::resample`]'s resampler) and cut. Pure: no device, no clock, so a test feeds it
//! a tone in odd-sized pieces and counts what comes out.

use std::collections::VecDeque;

use super::resample::StreamResampler;
use super::{to_frame, AudioError, Frame, ASR_RATE, FRAME_SAMPLES};

/// Cuts a stream of mono samples into [`Frame`]s at [`ASR_RATE`].
pub struct Framer {
    resampler: Option<StreamResampler>,
    /// Resampled audio not yet cut into a frame.
    out: Vec<f32>,
    frames: VecDeque<Frame>,
    rate: u32,
}

impl Framer {
    /// For a stream at `rate` Hz.
    ///
    /// # Errors
    /// [`AudioError::Resample`] if the rate cannot be resampled.
    pub fn new(rate: u32) -> Result<Self, AudioError> {
        Ok(Framer {
            resampler: (rate != ASR_RATE)
                .then(|| StreamResampler::new(rate, ASR_RATE))
                .transpose()?,
            out: Vec::new(),
            frames: VecDeque::new(),
            rate,
        })
    }

    /// Takes samples as they arrive.
    ///
    /// # Errors
    /// [`AudioError::Resample`].
    pub fn push(&mut self, samples: &[f32]) -> Result<(), AudioError> {
        match self.resampler.as_mut() {
            None => self.out.extend_from_slice(samples),
            Some(r) => r.push(samples, &mut self.out)?,
        }
        let whole = self.out.len() / FRAME_SAMPLES * FRAME_SAMPLES;
        self.frames
            .extend(self.out[..whole].chunks_exact(FRAME_SAMPLES).map(to_frame));
        self.out.drain(..whole);
        Ok(())
    }

    /// The next whole frame, if one is ready.
    pub fn next_frame(&mut self) -> Option<Frame> {
        self.frames.pop_front()
    }

    /// Whether `more` input samples would surely give a frame (with what is held).
    pub fn frame_within(&self, more: usize) -> bool {
        if !self.frames.is_empty() {
            return true;
        }
        let held = self.resampler.as_ref().map_or(0, |r| r.held());
        let chunk = self.resampler.as_ref().map_or(0, |r| r.chunk());
        // Input samples still needed for the resampled output to reach a frame, plus one chunk
        // the resampler may hold back.
        let short =
            (FRAME_SAMPLES - self.out.len()) as u64 * u64::from(self.rate) / u64::from(ASR_RATE);
        (held + more) as u64 >= short + chunk as u64
    }

    /// Forgets everything not yet read (stale audio).
    pub fn clear(&mut self) {
        if let Some(r) = self.resampler.as_mut() {
            r.clear();
        }
        self.out.clear();
        self.frames.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tone(rate: u32, secs: f32) -> Vec<f32> {
        (0..(rate as f32 * secs) as usize)
            .map(|i| (i as f32 / rate as f32 * 440.0 * std::f32::consts::TAU).sin() * 0.5)
            .collect()
    }

    #[test]
    fn any_rate_in_odd_pieces_gives_whole_16k_frames() {
        for rate in [16_000, 44_100, 48_000] {
            let mut f = Framer::new(rate).unwrap();
            let input = tone(rate, 1.0);
            let mut frames = Vec::new();
            for piece in input.chunks(997) {
                f.push(piece).unwrap();
                while let Some(frame) = f.next_frame() {
                    frames.push(frame);
                }
            }
            // One second is 33.3 frames; the resampler holds back at most a chunk and its delay.
            assert!(
                (31..=33).contains(&frames.len()),
                "{rate} Hz: {} frames",
                frames.len()
            );
            // Away from the resampler's start-up, the tone's level is kept (0.5 of full scale).
            let peak = frames[5].iter().map(|s| s.unsigned_abs()).max().unwrap();
            assert!((15_000..=17_500).contains(&peak), "{rate} Hz: peak {peak}");
        }
    }

    #[test]
    fn clear_forgets_stale_audio() {
        let mut f = Framer::new(48_000).unwrap();
        f.push(&tone(48_000, 0.5)).unwrap();
        assert!(f.next_frame().is_some());
        f.clear();
        assert!(f.next_frame().is_none());
        assert!(!f.frame_within(0));
        assert!(f.frame_within(48_000 / 10));
    }
}
