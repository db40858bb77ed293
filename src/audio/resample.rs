//! Band-limited resampling with rubato's FFT resampler: a naive linear interpolation aliases
//! 44.1/48 kHz device audio into the speech band and costs whisper words.

use rubato::{FftFixedIn, Resampler};

use super::{AudioError, Clip};

/// Resamples `clip` to `rate` Hz, same duration, delay compensated.
///
/// # Errors
/// [`AudioError::Resample`] if rubato rejects the rates.
pub fn resample(clip: &Clip, rate: u32) -> Result<Clip, AudioError> {
    if clip.sample_rate == rate || clip.samples.is_empty() {
        return Ok(Clip::new(clip.samples.clone(), rate));
    }
    let err = |e: &dyn std::fmt::Display| AudioError::Resample(e.to_string());
    let mut r = FftFixedIn::<f32>::new(clip.sample_rate as usize, rate as usize, 1024, 2, 1)
        .map_err(|e| err(&e))?;
    let want = (clip.samples.len() as u64 * rate as u64 / clip.sample_rate as u64) as usize;
    let delay = r.output_delay();
    let mut out = Vec::with_capacity(want + delay + 2048);
    let mut pos = 0;
    while pos + r.input_frames_next() <= clip.samples.len() {
        let n = r.input_frames_next();
        let o = r
            .process(&[&clip.samples[pos..pos + n]], None)
            .map_err(|e| err(&e))?;
        out.extend_from_slice(&o[0]);
        pos += n;
    }
    if pos < clip.samples.len() {
        let o = r
            .process_partial(Some(&[&clip.samples[pos..]]), None)
            .map_err(|e| err(&e))?;
        out.extend_from_slice(&o[0]);
    }
    while out.len() < want + delay {
        let o = r
            .process_partial::<&[f32]>(None, None)
            .map_err(|e| err(&e))?;
        if o[0].is_empty() {
            break;
        }
        out.extend_from_slice(&o[0]);
    }
    let end = (delay + want).min(out.len());
    Ok(Clip::new(out[delay.min(end)..end].to_vec(), rate))
}

/// Resampling of a stream that arrives in pieces (a microphone): samples go in as they come,
/// whatever has been resampled comes out. It lags the input by the resampler's delay (a few
/// milliseconds), which a live stream does not notice.
pub struct StreamResampler {
    inner: FftFixedIn<f32>,
    pending: Vec<f32>,
}

impl StreamResampler {
    /// From `from` Hz to `to` Hz, in chunks of 10 ms.
    ///
    /// # Errors
    /// [`AudioError::Resample`] if rubato rejects the rates.
    pub fn new(from: u32, to: u32) -> Result<Self, AudioError> {
        let chunk = (from as usize / 100).max(1);
        Ok(StreamResampler {
            inner: FftFixedIn::<f32>::new(from as usize, to as usize, chunk, 2, 1)
                .map_err(|e| AudioError::Resample(e.to_string()))?,
            pending: Vec::new(),
        })
    }

    /// Takes `input` and appends to `out` what can be resampled so far.
    ///
    /// # Errors
    /// [`AudioError::Resample`].
    pub fn push(&mut self, input: &[f32], out: &mut Vec<f32>) -> Result<(), AudioError> {
        self.pending.extend_from_slice(input);
        let mut used = 0;
        while self.pending.len() - used >= self.inner.input_frames_next() {
            let need = self.inner.input_frames_next();
            let o = self
                .inner
                .process(&[&self.pending[used..used + need]], None)
                .map_err(|e| AudioError::Resample(e.to_string()))?;
            out.extend_from_slice(&o[0]);
            used += need;
        }
        self.pending.drain(..used);
        Ok(())
    }

    /// Input samples held until a whole chunk has arrived.
    pub fn held(&self) -> usize {
        self.pending.len()
    }

    /// The input samples that make one chunk.
    pub fn chunk(&self) -> usize {
        self.inner.input_frames_next()
    }

    /// Forgets what is held (stale audio thrown away).
    pub fn clear(&mut self) {
        self.pending.clear();
        self.inner.reset();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tone(freq: f32, rate: u32, secs: f32) -> Clip {
        let n = (rate as f32 * secs) as usize;
        Clip::new(
            (0..n)
                .map(|i| (i as f32 / rate as f32 * freq * std::f32::consts::TAU).sin() * 0.5)
                .collect(),
            rate,
        )
    }

    #[test]
    fn keeps_duration_and_a_tone_in_band() {
        for rate in [8_000, 22_050, 44_100, 48_000] {
            let input = tone(440.0, rate, 1.3);
            let c = resample(&input, 16_000).unwrap();
            let want = input.samples.len() * 16_000 / rate as usize;
            assert_eq!(c.samples.len(), want, "from {rate}");
            // Compare with the ideal 16 kHz tone away from the edges: delay compensated to within a
            // fraction of a sample (0.05 at amplitude 0.5 is about 0.5 sample of phase).
            let ideal = tone(440.0, 16_000, 1.3);
            let err: f32 = (2000..18000)
                .map(|i| (c.samples[i] - ideal.samples[i]).abs())
                .fold(0.0, f32::max);
            assert!(err < 0.05, "from {rate}: max error {err}");
        }
    }

    #[test]
    fn removes_content_above_the_new_nyquist() {
        let c = resample(&tone(11_000.0, 48_000, 1.0), 16_000).unwrap();
        let rms = (c.samples[1000..15000].iter().map(|s| s * s).sum::<f32>() / 14000.0).sqrt();
        assert!(rms < 0.01, "11 kHz tone leaked as {rms}");
    }
}
