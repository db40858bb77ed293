//! A user-supplied whisper model (`--whisper-model`, `models fetch --install-whisper`) must
//! understand a short built-in clip before warmup uses it. The ggml verifier checks the file's
//! structure, not its weights: a file with flipped bytes in its tensors loads and transcribes
//! "!!!!" with no error. The clip is embedded (80 KB, `self_test.wav.txt` says where it is from)
//! rather than synthesised with the Piper voice at check time, so checking a whisper model needs
//! neither the voice nor ONNX Runtime and costs one short decode (~0.3 s with tiny.en).

use std::path::Path;

use super::{TranscribeOptions, Transcriber, WhisperTranscriber};
use crate::audio::Clip;
use crate::models::ModelError;

const CLIP: &[u8] = include_bytes!("self_test.wav");
/// What the clip says.
pub const SAID: &str = "Please tell me about your work as a nurse.";
/// Words that must all be heard (the short ones are left out: a sound model may drop one).
const MUST_HEAR: [&str; 5] = ["please", "tell", "about", "work", "nurse"];

/// The embedded clip.
fn clip() -> Clip {
    // The clip is ours and fixed: it is 16-bit mono, read here without the file checks.
    let mut r = hound::WavReader::new(std::io::Cursor::new(CLIP)).expect("the embedded clip");
    let rate = r.spec().sample_rate;
    let samples = r
        .samples::<i16>()
        .map(|s| f32::from(s.unwrap_or(0)) / 32768.0)
        .collect();
    Clip::new(samples, rate)
}

/// Loads `model` and transcribes the built-in clip; the model is usable when every word of
/// [`MUST_HEAR`] is in the transcript.
///
/// # Errors
/// [`ModelError::User`] naming the file and what it heard (or why it could not decode).
pub fn check_user_model(model: &Path) -> Result<(), ModelError> {
    let fail = |what: String| ModelError::User {
        path: model.to_path_buf(),
        what,
    };
    let mut asr = WhisperTranscriber::load(model)
        .map_err(|e| {
            fail(format!(
                "whisper.cpp cannot load it ({e}); download it again"
            ))
        })?
        .with_stop(crate::stop::flag());
    // The encoder sized to the clip, as sessions decode: a fraction of the 30 s window's cost;
    // the sentence is 11 tokens, so a damaged model stops after 32 instead of looping.
    let opts = TranscribeOptions {
        fit_audio_ctx: true,
        max_tokens: 32,
        fallback: false,
        ..TranscribeOptions::default()
    };
    let t = asr.transcribe(&clip(), &opts).map_err(|e| {
        fail(format!(
            "it cannot transcribe a test clip ({e}); download it again"
        ))
    })?;
    let heard = t.text.to_lowercase();
    let missing: Vec<&str> = MUST_HEAR
        .iter()
        .copied()
        .filter(|w| !heard.contains(w))
        .collect();
    if missing.is_empty() {
        tracing::info!(model = %model.display(), heard = %t.text, "whisper model passed its test clip");
        return Ok(());
    }
    Err(fail(format!(
        "failed its test: a clip saying {SAID:?} was heard as {:?} (missing: {}); the file is damaged or not an English speech model, download it again",
        t.text,
        missing.join(", ")
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_clip_is_short_speech_at_16_khz() {
        let c = clip();
        assert_eq!(c.sample_rate, 16_000);
        assert!((2.0..3.0).contains(&c.duration_s()), "{}", c.duration_s());
        assert!(c.samples.iter().any(|s| s.abs() > 0.1));
    }
}
