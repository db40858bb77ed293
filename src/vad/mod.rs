//! Voice activity with WebRTC's VAD on audio's 30 ms frames ([`crate::audio::Frame`]). The
//! session's endpointer builds on it; the recogniser uses [`speech_ms`] to refuse clips with no speech at all,
//! where whisper would otherwise hallucinate ("Thank you.").

pub mod endpointer;
pub mod gate;
pub mod silero;

use std::sync::Arc;

use webrtc_vad::{SampleRate, Vad, VadMode};

use self::endpointer::{VoiceDetector, WebRtcDetector};
use self::gate::LoudnessGate;
use self::silero::{SileroDetector, SileroModel};
use crate::models::Layout;
use crate::onnx::OnnxError;

/// Which voice detector turn-taking listens with: the config's `[turn] vad`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum VadKind {
    /// Silero VAD behind the loudness gate: ends turns in cafe, kitchen and fan noise (the
    /// default, by `cargo bench --bench turn_ends`).
    #[default]
    Silero,
    /// WebRTC's VAD behind the loudness gate: no model to load, but it takes room noise for
    /// speech.
    Webrtc,
}

/// The loudness gate's margins (dB): over the room's floor, and under the candidate's voice.
/// Chosen on the `bench/rooms` set (a development set for these two numbers, since).
pub const OVER_FLOOR_DB: f32 = 6.0;
pub const UNDER_VOICE_DB: f32 = 10.0;

/// Makes a fresh detector for each listening, from a model loaded once.
#[derive(Clone, Default)]
pub enum Detectors {
    #[default]
    WebRtc,
    Silero(Arc<SileroModel>),
}

impl std::fmt::Debug for Detectors {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Detectors::WebRtc => "WebRtc",
            Detectors::Silero(_) => "Silero",
        })
    }
}

impl Detectors {
    /// Loads what `kind` needs from the installed models.
    ///
    /// # Errors
    /// [`OnnxError`] for a missing or corrupt Silero model or runtime.
    pub fn load(kind: VadKind, layout: &Layout) -> Result<Self, OnnxError> {
        Ok(match kind {
            VadKind::Silero => Detectors::Silero(SileroModel::load(layout)?),
            VadKind::Webrtc => Detectors::WebRtc,
        })
    }

    /// A detector for one listening, behind the loudness gate.
    pub fn detector(&self) -> Box<dyn VoiceDetector> {
        match self {
            Detectors::WebRtc => Box::new(LoudnessGate::new(
                WebRtcDetector::new(),
                OVER_FLOOR_DB,
                UNDER_VOICE_DB,
            )),
            Detectors::Silero(model) => Box::new(LoudnessGate::new(
                SileroDetector::new(Arc::clone(model)),
                OVER_FLOOR_DB,
                UNDER_VOICE_DB,
            )),
        }
    }
}

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
