//! ONNX Runtime, loaded once per process from the verified library that `models fetch` installs
//! (ort's `load-dynamic`: nothing downloaded at build time). The voice and the voice detector
//! both run on it.

use crate::models::{Layout, ModelError};

/// Why the runtime did not start.
#[derive(Debug, thiserror::Error)]
pub enum OnnxError {
    #[error(transparent)]
    Model(#[from] ModelError),
    #[error("ONNX Runtime {0}")]
    Load(String),
}

/// Points ort at the installed library, with telemetry off. Safe to call more than once; must
/// run before other threads start (it sets an environment variable the library reads).
///
/// # Errors
/// [`OnnxError::Model`] when the library is missing or corrupt, [`OnnxError::Load`] when it
/// does not load.
pub fn init(layout: &Layout) -> Result<(), OnnxError> {
    static DONE: std::sync::Mutex<bool> = std::sync::Mutex::new(false);
    let mut done = DONE.lock().unwrap_or_else(|p| p.into_inner());
    if *done {
        return Ok(());
    }
    let lib = layout.verified("onnxruntime")?;
    // The library reads this when its environment is created, before the API call below can
    // act: both are needed (measured: with the API call alone it still looked the collector up).
    std::env::set_var("ORT_DISABLE_TELEMETRY", "1");
    ort::init_from(&lib)
        .map_err(|e| OnnxError::Load(format!("{}: {e}", lib.display())))?
        .with_name("warmup")
        // The library from PyPI has telemetry on by default (it looked up Microsoft's event
        // collector and kept a device id under ~/.cache): off, through the API, before any
        // session exists. Nothing leaves the machine.
        .with_telemetry(false)
        .commit();
    *done = true;
    Ok(())
}
