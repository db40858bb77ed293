//! Short generated tones that say "your turn" without words.

use super::Clip;

/// A sine tone with 10 ms fades (no clicks).
pub fn tone(freq_hz: f32, seconds: f32, sample_rate: u32) -> Clip {
    let n = (seconds * sample_rate as f32) as usize;
    let fade = (0.01 * sample_rate as f32) as usize;
    let samples = (0..n)
        .map(|i| {
            let env = (i.min(n - 1 - i) as f32 / fade.max(1) as f32).min(1.0);
            (i as f32 / sample_rate as f32 * freq_hz * std::f32::consts::TAU).sin() * 0.3 * env
        })
        .collect();
    Clip::new(samples, sample_rate)
}

/// The "your turn" cue: two rising notes.
pub fn your_turn(sample_rate: u32) -> Clip {
    let mut c = tone(660.0, 0.09, sample_rate);
    c.append(&Clip::silence(0.03, sample_rate));
    c.append(&tone(880.0, 0.12, sample_rate));
    c
}
