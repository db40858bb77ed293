//! Piper voices through piper-rs and ONNX Runtime, loaded from the verified library that
//! `models fetch` installs (ort's `load-dynamic`: nothing downloaded at build time).

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use ort::session::Session;
use piper_rs::{ModelConfig, Piper};

use super::phonemes::{pieces, sentence_phonemes};
use super::{Synthesizer, TtsError};
use crate::audio::Clip;
use crate::models::Layout;

/// Silence between sentences, as Piper's own `--sentence_silence` default.
const SENTENCE_GAP_S: f32 = 0.2;
/// Silence before the second piece of a split first sentence (Piper already pauses at the
/// comma that ends the first).
const CLAUSE_GAP_S: f32 = 0.05;

/// A loaded Piper voice.
pub struct PiperSynthesizer {
    piper: Piper,
    voice: String,
    sample_rate: u32,
    length_scale: f32,
    /// Raised to stop speaking: checked before each piece of text is synthesized.
    stop: Option<Arc<AtomicBool>>,
}

/// Points ONNX Runtime and espeak-ng at what `models fetch` installed. Must run before any
/// other thread starts (it may set an environment variable espeak-rs reads).
///
/// # Errors
/// [`TtsError::Model`] when the library is missing or corrupt, [`TtsError::Load`] when it does
/// not load.
pub fn init_runtime(layout: &Layout) -> Result<(), TtsError> {
    crate::onnx::init(layout).map_err(|e| match e {
        crate::onnx::OnnxError::Model(m) => TtsError::Model(m),
        crate::onnx::OnnxError::Load(why) => TtsError::Load(format!("ONNX Runtime {why}")),
    })?;
    if std::env::var_os("PIPER_ESPEAKNG_DATA_DIRECTORY").is_none() {
        match layout.espeak_data_parent() {
            Some(dir) => std::env::set_var("PIPER_ESPEAKNG_DATA_DIRECTORY", dir),
            None => {
                return Err(TtsError::Load(
                    "espeak-ng-data not found: install it (Debian: `sudo apt-get install espeak-ng-data`)"
                        .into(),
                ))
            }
        }
    }
    Ok(())
}

impl PiperSynthesizer {
    /// Loads the voice installed under `layout`.
    ///
    /// # Errors
    /// [`TtsError::Model`] for missing or corrupt files, [`TtsError::Load`] otherwise.
    pub fn load(layout: &Layout) -> Result<Self, TtsError> {
        init_runtime(layout)?;
        let model = layout.verified("voice")?;
        let config = layout.verified("voice-config")?;
        Self::load_files(&model, &config)
    }

    /// Loads a voice from its `.onnx` and `.onnx.json` (ONNX Runtime must be initialised).
    ///
    /// # Errors
    /// [`TtsError::Load`].
    pub fn load_files(model: &Path, config: &Path) -> Result<Self, TtsError> {
        let text = std::fs::read_to_string(config)
            .map_err(|e| TtsError::Load(format!("{}: {e}", config.display())))?;
        let cfg: ModelConfig = serde_json::from_str(&text)
            .map_err(|e| TtsError::Load(format!("{}: {e}", config.display())))?;
        let threads = std::thread::available_parallelism()
            .map(|n| n.get().min(4))
            .unwrap_or(2);
        let load = |e: ort::Error| TtsError::Load(format!("{}: {e}", model.display()));
        let session = Session::builder()
            .map_err(load)?
            .with_intra_threads(threads)
            .map_err(|e| load(e.into()))?
            .commit_from_file(model)
            .map_err(load)?;
        let voice = cfg.espeak.voice.clone();
        let sample_rate = cfg.audio.sample_rate;
        let length_scale = cfg.inference.length_scale;
        let mut me = PiperSynthesizer {
            piper: Piper::from_session(session, cfg),
            voice,
            sample_rate,
            length_scale,
            stop: None,
        };
        // ONNX Runtime plans and allocates on its first run (~60 ms here): pay that at load, not
        // in the user's first sentence.
        let warm = me.phonemes("Hi.")?;
        me.piper
            .create(&warm, true, None, None, None, None)
            .map_err(|e| TtsError::Inference(e.to_string()))?;
        Ok(me)
    }

    /// Stops synthesis between pieces of text as soon as `stop` is raised (Ctrl-C): what is
    /// left is not synthesized.
    #[must_use]
    pub fn with_stop(mut self, stop: Arc<AtomicBool>) -> Self {
        self.stop = Some(stop);
        self
    }

    /// Phonemes for one sentence, as given to the voice.
    ///
    /// # Errors
    /// [`TtsError::Phonemes`].
    pub fn phonemes(&self, sentence: &str) -> Result<String, TtsError> {
        sentence_phonemes(sentence, |clause| {
            espeak_rs::text_to_phonemes(clause, &self.voice, None)
                .map(|v| v.join(" "))
                .map_err(|e| TtsError::Phonemes {
                    text: clause.to_string(),
                    why: e.to_string(),
                })
        })
    }
}

impl Synthesizer for PiperSynthesizer {
    fn sample_rate(&self) -> u32 {
        self.sample_rate
    }

    fn synthesize(
        &mut self,
        text: &str,
        rate: f32,
        on_sentence: &mut dyn FnMut(Clip) -> std::ops::ControlFlow<()>,
    ) -> Result<(), TtsError> {
        let rate = if rate.is_finite() {
            rate.clamp(0.5, 2.0)
        } else {
            1.0
        };
        let gap = (SENTENCE_GAP_S * self.sample_rate as f32) as usize;
        let clause_gap = (CLAUSE_GAP_S * self.sample_rate as f32) as usize;
        for (i, (sentence, clause)) in pieces(text).iter().enumerate() {
            if self
                .stop
                .as_ref()
                .is_some_and(|s| s.load(Ordering::Relaxed))
            {
                break;
            }
            let phonemes = self.phonemes(sentence)?;
            if phonemes.is_empty() {
                continue;
            }
            let (mut samples, sr) = self
                .piper
                .create(
                    &phonemes,
                    true,
                    None,
                    Some(self.length_scale / rate),
                    None,
                    None,
                )
                .map_err(|e| TtsError::Inference(e.to_string()))?;
            if i > 0 {
                let pause = if *clause { clause_gap } else { gap };
                samples.splice(0..0, std::iter::repeat_n(0.0, pause));
            }
            if on_sentence(Clip::new(samples, sr)).is_break() {
                break;
            }
        }
        Ok(())
    }
}
