//! Audio as plain data between stages: a [`Clip`] of mono f32 samples at a known rate. Files are
//! read in any PCM/float WAV layout and brought to what a stage needs with a real resampler
//! (rubato), so every stage can take audio from a file as well as from a device.

mod clip;
pub mod devices;
pub mod frame;
pub mod framer;
pub mod keys;
pub mod mic;
pub mod resample;
pub mod sink;
pub mod source;
pub mod speaker;
pub mod tones;
pub mod wav;

pub use clip::Clip;
pub use frame::{to_frame, Frame, FRAME_SAMPLES};

/// The rate the VAD and whisper work at.
pub const ASR_RATE: u32 = 16_000;

/// The lowest and highest sample rates a WAV file may have (a header saying 1 Hz would make a
/// minute of audio a month of resampling).
pub const WAV_RATES: std::ops::RangeInclusive<u32> = 4_000..=192_000;

/// The longest audio file read, in seconds: well above the longest answer (3 minutes) and the
/// recording of a short session, while an hour of 48 kHz stereo (2 GB of samples) is refused
/// before anything is read.
pub const MAX_WAV_SECONDS: u32 = 15 * 60;

/// Why audio could not be read, converted or played.
#[derive(Debug, thiserror::Error)]
pub enum AudioError {
    #[error(transparent)]
    Input(#[from] crate::input::InputError),
    #[error("{path}: a sample rate of {rate} Hz is outside what warmup reads ({} to {} Hz)", WAV_RATES.start(), WAV_RATES.end())]
    BadRate { path: std::path::PathBuf, rate: u32 },
    #[error("{path}: {minutes:.1} minutes of audio, longer than the {} minutes warmup reads (an answer is at most 3); cut it first, e.g. `sox in.wav out.wav trim 0 3:00`", MAX_WAV_SECONDS / 60)]
    TooLong {
        path: std::path::PathBuf,
        minutes: f64,
    },
    #[error("{path}: not a WAV file this tool can read ({why}); convert it first, e.g. `sox in.mp3 -r 16000 -c 1 -b 16 out.wav`")]
    NotWav {
        path: std::path::PathBuf,
        why: String,
    },
    #[error("{path}: {source}")]
    Io {
        path: std::path::PathBuf,
        source: std::io::Error,
    },
    #[error("resampling: {0}")]
    Resample(String),
    #[error("no audio output device ({why}).\n  devices found: {}\n  `warmup say -o out.wav` writes speech to a file; `warmup demo` runs a session without a sound card", if .found.is_empty() { "none".to_string() } else { .found.join("; ") })]
    NoOutputDevice { why: String, found: Vec<String> },
    #[error("playback: {0}")]
    Playback(String),
    #[error("no audio input device ({why}).\n  devices found: {}\n  to practise without a sound card, run `warmup demo`", if .found.is_empty() { "none".to_string() } else { .found.join("; ") })]
    NoInputDevice { why: String, found: Vec<String> },
    #[error("the microphone was lost")]
    DeviceLost,
    #[error("the speaker was lost (it failed, or stopped taking audio)")]
    OutputLost,
}
