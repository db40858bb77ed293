//! warmup: an offline, voice-first interview-practice coach.
//!
//! The library is the pipeline, one module per stage: [`audio`] (clips, WAV, resampling,
//! devices), [`vad`] (voice activity), [`asr`] (whisper), [`tts`] (Piper), and [`models`]
//! (fetching, converting and verifying what the engines load). The binary is a thin CLI over it.

pub mod app;
pub mod asr;
pub mod audio;
pub mod bank;
pub mod cli;
pub mod config;
pub mod input;
pub mod insights;
pub mod models;
pub mod session;
pub mod stop;
pub mod transcript;
pub mod tts;
pub mod vad;
