//! Voice activity with WebRTC's VAD on audio's 30 ms frames ([`crate::audio::Frame`]). The
//! session's endpointer builds on it; the recogniser uses [`speech_ms`] to refuse clips with no speech at all,
//! where whisper would otherwise hallucinate ("Thank you.").

pub mod endpointer;

use webrtc_vad::{SampleRate, Vad, VadMode};

use crate::audio::{to_frame, Clip, ASR_RATE, FRAME_SAMPLES};

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
