//! Silero VAD (MIT, Silero Team), a small neural voice detector, through ONNX Runtime. WebRTC's
//! VAD scores each frame's spectrum and takes cafe chatter, a running tap or a fan for a voice,
//! so in a real room the answer never ended; Silero was trained on speech against such noise.
//! The model reads 32 ms windows (512 samples at 16 kHz, with the 64 samples before them as
//! context) and carries a recurrent state between them; each 30 ms frame gets the probability
//! of the latest window.

use std::path::Path;
use std::sync::{Arc, Mutex};

use ort::session::Session;
use ort::value::Tensor;

use super::endpointer::VoiceDetector;
use crate::audio::Frame;
use crate::models::Layout;
use crate::onnx::OnnxError;

const WINDOW: usize = 512;
const CONTEXT: usize = 64;
const STATE: usize = 2 * 128;

/// Speech starts at this probability and goes on until it falls below [`RELEASE`], as
/// Silero's own `get_speech_timestamps` does (threshold 0.5, less 0.15).
pub const THRESHOLD: f32 = 0.5;
pub const RELEASE: f32 = 0.35;

/// The loaded model, shared by every detector of the process (one runs at a time).
pub struct SileroModel(Mutex<Session>);

impl SileroModel {
    /// Loads the installed model.
    ///
    /// # Errors
    /// [`OnnxError::Model`] for a missing or corrupt file, [`OnnxError::Load`] otherwise.
    pub fn load(layout: &Layout) -> Result<Arc<Self>, OnnxError> {
        crate::onnx::init(layout)?;
        Self::load_file(&layout.verified("vad")?)
    }

    /// Loads a model file (ONNX Runtime must be initialised).
    ///
    /// # Errors
    /// [`OnnxError::Load`].
    pub fn load_file(path: &Path) -> Result<Arc<Self>, OnnxError> {
        let load = |e: ort::Error| OnnxError::Load(format!("{}: {e}", path.display()));
        let session = Session::builder()
            .map_err(load)?
            .with_intra_threads(1)
            .map_err(|e| load(e.into()))?
            .with_inter_threads(1)
            .map_err(|e| load(e.into()))?
            .commit_from_file(path)
            .map_err(load)?;
        Ok(Arc::new(SileroModel(Mutex::new(session))))
    }

    /// One window: the probability that it is speech, and the next state.
    fn run(&self, input: &[f32], state: &[f32]) -> Result<(f32, Vec<f32>), ort::Error> {
        let input = Tensor::from_array(([1usize, CONTEXT + WINDOW], input.to_vec()))?;
        let state = Tensor::from_array(([2usize, 1, 128], state.to_vec()))?;
        let sr = Tensor::from_array(([1usize], vec![16_000i64]))?;
        let mut session = self.0.lock().unwrap_or_else(|p| p.into_inner());
        let out = session.run(ort::inputs!["input" => input, "state" => state, "sr" => sr])?;
        let (_, p) = out["output"].try_extract_tensor::<f32>()?;
        let (_, next) = out["stateN"].try_extract_tensor::<f32>()?;
        Ok((p.first().copied().unwrap_or(0.0), next.to_vec()))
    }
}

/// One listener's detector: the model's state, the samples not yet scored, and whether it is
/// inside speech (for the hysteresis).
pub struct SileroDetector {
    model: Arc<SileroModel>,
    state: Vec<f32>,
    /// The last [`CONTEXT`] samples scored, then the samples waiting for a whole window.
    pending: Vec<f32>,
    prob: f32,
    speaking: bool,
    failed: bool,
}

impl SileroDetector {
    pub fn new(model: Arc<SileroModel>) -> Self {
        SileroDetector {
            model,
            state: vec![0.0; STATE],
            pending: vec![0.0; CONTEXT],
            prob: 0.0,
            speaking: false,
            failed: false,
        }
    }

    /// The probability of the latest window.
    pub fn probability(&self) -> f32 {
        self.prob
    }
}

impl VoiceDetector for SileroDetector {
    fn is_voice(&mut self, frame: &Frame) -> bool {
        self.pending
            .extend(frame.iter().map(|s| f32::from(*s) / 32768.0));
        while self.pending.len() >= CONTEXT + WINDOW {
            match self
                .model
                .run(&self.pending[..CONTEXT + WINDOW], &self.state)
            {
                Ok((p, state)) => {
                    self.prob = p;
                    self.state = state;
                }
                Err(e) => {
                    if !self.failed {
                        tracing::warn!("voice detector: {e}");
                        self.failed = true;
                    }
                    self.prob = 0.0;
                }
            }
            self.pending.drain(..WINDOW);
        }
        self.speaking = if self.speaking {
            self.prob >= RELEASE
        } else {
            self.prob >= THRESHOLD
        };
        self.speaking
    }
}
