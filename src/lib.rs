//! warmup: an offline, voice-first interview-practice coach.
//!
//! The library is the pipeline, one module per stage: [`audio`] (clips, 30 ms frames, WAV,
//! resampling, devices), [`vad`] (voice activity), [`asr`] (whisper) producing a
//! [`transcript`] (plain data that [`insights`] and [`session`] read), [`tts`] (Piper), and
//! [`models`] (fetching, converting and verifying what the engines load); [`stop`] is the one
//! stop flag (signals, a closed stdout) every long step reads, and [`exit`] names every exit code. The binary is a thin CLI over it.

pub mod app;
pub mod asr;
pub mod audio;
pub mod bank;
pub mod cli;
pub mod config;
pub mod exit;
pub mod input;
pub mod insights;
pub mod models;
pub mod onnx;
pub mod posting;
pub mod session;
pub mod stop;
pub mod transcript;
pub mod tts;
pub mod vad;
