//! How a session listens: the settings the config file deserialises into directly (no mirror
//! structs). Every duration is in milliseconds of input audio and says so in its name, as the
//! TOML keys do (`[patience] answer_ms`).

use serde::Deserialize;

use crate::models::Layout;
use crate::onnx::OnnxError;
use crate::vad::endpointer::EndpointConfig;
use crate::vad::Detectors;

/// How the agent and the user share the air. Its keys live in the config's `[audio]` table
/// (`barge_in`, `echo_guard`, `echo_cooldown_ms`), beside the devices: see
/// [`crate::config::AudioConfig::duplex`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Duplex {
    /// Speaking over the agent stops it and starts the listening (headsets).
    pub barge_in: bool,
    /// Voiced input in a row that counts as speaking over the agent (120 ms: 4 frames).
    pub barge_in_ms: u32,
    /// Loudspeakers: the microphone is ignored while the agent speaks and this long after
    /// (`None`: no guard). Turns barge-in off: the agent would interrupt itself.
    pub echo_guard_ms: Option<u32>,
}

impl Default for Duplex {
    fn default() -> Self {
        Duplex {
            barge_in: true,
            barge_in_ms: 120,
            echo_guard_ms: None,
        }
    }
}

/// How the session listens.
#[derive(Debug, Clone, Default)]
pub struct Listening {
    pub endpoint: EndpointConfig,
    /// Makes the voice detector of each turn: the one `endpoint.vad` names once
    /// [`Listening::load_detector`] has loaded it (until then, WebRTC's, which needs no model).
    pub detectors: Detectors,
    pub patience: Patience,
    pub duplex: Duplex,
    /// Transcribe answers twice to keep their "um"s and "uh"s
    /// ([`crate::asr::hesitations`]); commands and wake words once.
    pub keep_fillers: bool,
}

impl Listening {
    /// Loads the voice detector `endpoint.vad` names.
    ///
    /// # Errors
    /// [`OnnxError`] for a missing or corrupt model.
    pub fn load_detector(mut self, layout: &Layout) -> Result<Self, OnnxError> {
        self.detectors = Detectors::load(self.endpoint.vad, layout)?;
        Ok(self)
    }
}

/// Listening windows, in milliseconds of input audio: the config's `[patience]` table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Patience {
    /// Silence before a gentle prompt while waiting for an answer.
    pub answer_ms: u32,
    /// Silence after feedback before moving on.
    pub after_feedback_ms: u32,
    /// Re-check interval while paused.
    pub paused_ms: u32,
}

impl Default for Patience {
    fn default() -> Self {
        Patience {
            answer_ms: 10_000,
            after_feedback_ms: 2_500,
            paused_ms: 30_000,
        }
    }
}

/// How the agent's voice sounds: adjustable by voice ("slower", "louder") and in the config.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Voice {
    /// Speaking rate factor, 0.55-1.6.
    pub rate: f32,
    /// Volume factor, 0.25-2.
    pub volume: f32,
}

impl Default for Voice {
    fn default() -> Self {
        Voice {
            rate: 1.0,
            volume: 1.0,
        }
    }
}

impl Voice {
    pub const RATE: (f32, f32) = (0.55, 1.6);
    pub const VOLUME: (f32, f32) = (0.25, 2.0);

    /// Within the ranges above.
    pub fn clamped(self) -> Voice {
        Voice {
            rate: self.rate.clamp(Self::RATE.0, Self::RATE.1),
            volume: self.volume.clamp(Self::VOLUME.0, Self::VOLUME.1),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patience_reads_its_toml_keys() {
        let p: Patience = toml::from_str("answer_ms = 12000\n").unwrap();
        assert_eq!(
            p,
            Patience {
                answer_ms: 12_000,
                ..Patience::default()
            }
        );
        assert!(toml::from_str::<Patience>("answer = 1\n").is_err());
    }
}
