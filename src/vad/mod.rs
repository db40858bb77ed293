//! Voice activity with WebRTC's VAD: 30 ms frames of 16 kHz mono i16. The session's endpointer
//! builds on [`Frame`]; the recogniser uses [`speech_ms`] to refuse clips with no speech at all,
//! where whisper would otherwise hallucinate ("Thank you.").

pub mod endpointer;

use webrtc_vad::{SampleRate, Vad, VadMode};

use crate::audio::{Clip, ASR_RATE};

/// Samples in one VAD frame: 30 ms at 16 kHz.
pub const FRAME_SAMPLES: usize = 480;

/// 30 ms of 16 kHz mono audio, what webrtc-vad takes.
pub type Frame = [i16; FRAME_SAMPLES];

/// Converts f32 samples in [-1, 1] to a frame (zero-padded).
pub fn to_frame(samples: &[f32]) -> Frame {
    let mut f = [0i16; FRAME_SAMPLES];
    for (o, s) in f.iter_mut().zip(samples) {
        *o = (s.clamp(-1.0, 1.0) * 32767.0) as i16;
    }
    f
}

/// Milliseconds of a 16 kHz clip that the VAD calls voiced.
///
/// # Panics
/// In debug builds, if the clip is not at 16 kHz.
pub fn speech_ms(clip: &Clip) -> u32 {
    debug_assert_eq!(clip.sample_rate, ASR_RATE);
    // Created here, not shared: webrtc-vad's `Vad` is not `Send`.
    let mut vad = Vad::new_with_rate_and_mode(SampleRate::Rate16kHz, VadMode::Quality);
    let voiced = clip
        .samples
        .chunks_exact(FRAME_SAMPLES)
        .filter(|c| vad.is_voice_segment(&to_frame(c)).unwrap_or(false))
        .count();
    voiced as u32 * 30
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn silence_has_no_speech() {
        assert_eq!(speech_ms(&Clip::silence(2.0, ASR_RATE)), 0);
    }
}
