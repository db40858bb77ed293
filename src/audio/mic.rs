//! The microphone through cpal, in two roles: [`CpalMic`] owns the stream and yields mono
//! samples at the device's own rate (its callback only mixes to mono and pushes into a
//! lock-free ring buffer: no locks, no allocation, no logging there, as in rodio's microphone);
//! [`CpalSource`] is that stream through the [`Framer`], an [`AudioSource`] of 16 kHz frames.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;

use rodio::cpal::traits::{DeviceTrait, StreamTrait};
use rodio::cpal::{self, SampleFormat};

use super::devices::{find_device, found_devices, is_loss};
use super::framer::Framer;
use super::source::AudioSource;
use super::{AudioError, Frame};

/// An open microphone: mono samples at [`CpalMic::rate`], as they arrive.
pub struct CpalMic {
    _stream: cpal::Stream,
    ring: rtrb::Consumer<f32>,
    lost: Arc<AtomicBool>,
    /// Samples the callback could not store: the session fell more than 4 s behind.
    dropped: Arc<AtomicU64>,
    dropped_seen: u64,
    rate: u32,
}

impl CpalMic {
    /// Opens the default input, or the one `name` means ([`super::devices::find_device`]).
    ///
    /// # Errors
    /// [`AudioError::NoInputDevice`] listing the devices that exist.
    pub fn open(name: Option<&str>) -> Result<Self, AudioError> {
        let no_device = |why: String| AudioError::NoInputDevice {
            why,
            found: found_devices(),
        };
        let device = find_device(true, name).ok_or_else(|| {
            no_device(match name {
                Some(n) => format!("none has {n:?} in its name"),
                None => "no default input".into(),
            })
        })?;
        let config = device
            .default_input_config()
            .map_err(|e| no_device(e.to_string()))?;
        let rate = config.sample_rate();
        let channels = config.channels() as usize;
        tracing::info!(device = %device, rate, channels, format = ?config.sample_format(), "microphone");
        let (mut tx, rx) = rtrb::RingBuffer::<f32>::new(rate as usize * 4);
        let lost = Arc::new(AtomicBool::new(false));
        let lost_cb = Arc::clone(&lost);
        let dropped = Arc::new(AtomicU64::new(0));
        let (dropped_f32, dropped_i16) = (Arc::clone(&dropped), Arc::clone(&dropped));
        let err_cb = move |e: cpal::Error| {
            if is_loss(&e) {
                lost_cb.store(true, Ordering::Relaxed);
            }
        };
        let stream_config = config.config();
        let stream = match config.sample_format() {
            SampleFormat::F32 => device.build_input_stream::<f32, _, _>(
                stream_config,
                move |data: &[f32], _| {
                    for frame in data.chunks_exact(channels) {
                        if tx.push(frame.iter().sum::<f32>() / channels as f32).is_err() {
                            dropped_f32.fetch_add(1, Ordering::Relaxed);
                        }
                    }
                },
                err_cb,
                None,
            ),
            SampleFormat::I16 => device.build_input_stream::<i16, _, _>(
                stream_config,
                move |data: &[i16], _| {
                    for frame in data.chunks_exact(channels) {
                        let s: f32 = frame.iter().map(|v| *v as f32 / 32768.0).sum();
                        if tx.push(s / channels as f32).is_err() {
                            dropped_i16.fetch_add(1, Ordering::Relaxed);
                        }
                    }
                },
                err_cb,
                None,
            ),
            other => {
                return Err(AudioError::Playback(format!(
                    "the input device delivers {other:?} samples; warmup reads f32 and i16 (choose another with --input)"
                )))
            }
        }
        .map_err(|e| no_device(e.to_string()))?;
        stream.play().map_err(|e| no_device(e.to_string()))?;
        Ok(CpalMic {
            _stream: stream,
            ring: rx,
            lost,
            dropped,
            dropped_seen: 0,
            rate,
        })
    }

    /// The device's sample rate.
    pub fn rate(&self) -> u32 {
        self.rate
    }

    /// Samples that have arrived and not been read.
    pub fn available(&self) -> usize {
        self.ring.slots()
    }

    /// Appends every sample that has arrived to `out` (none: nothing waits).
    ///
    /// # Errors
    /// [`AudioError::DeviceLost`] once the device reported that it is gone.
    pub fn read(&mut self, out: &mut Vec<f32>) -> Result<usize, AudioError> {
        if self.lost.load(Ordering::Relaxed) {
            return Err(AudioError::DeviceLost);
        }
        let dropped = self.dropped.load(Ordering::Relaxed);
        if dropped > self.dropped_seen {
            tracing::warn!(
                samples = dropped - self.dropped_seen,
                "microphone audio was dropped: warmup fell more than 4 s behind the device"
            );
            self.dropped_seen = dropped;
        }
        let n = self.ring.slots();
        if let Ok(chunk) = self.ring.read_chunk(n) {
            let (a, b) = chunk.as_slices();
            out.extend_from_slice(a);
            out.extend_from_slice(b);
            chunk.commit_all();
        }
        Ok(n)
    }

    /// Throws away what has arrived and not been read.
    pub fn clear(&mut self) {
        let n = self.ring.slots();
        if let Ok(chunk) = self.ring.read_chunk(n) {
            chunk.commit_all();
        }
    }
}

/// No audio at all from the microphone for this long means it is gone.
const STALLED: std::time::Duration = std::time::Duration::from_secs(5);

/// A microphone as an [`AudioSource`]: [`CpalMic`] through the [`Framer`].
pub struct CpalSource {
    mic: CpalMic,
    framer: Framer,
    buf: Vec<f32>,
    frames: u64,
}

impl CpalSource {
    /// Opens the default input, or the one `name` means.
    ///
    /// # Errors
    /// As [`CpalMic::open`].
    pub fn open(name: Option<&str>) -> Result<Self, AudioError> {
        let mic = CpalMic::open(name)?;
        Ok(CpalSource {
            framer: Framer::new(mic.rate())?,
            mic,
            buf: Vec::new(),
            frames: 0,
        })
    }
}

impl AudioSource for CpalSource {
    fn next_frame(&mut self) -> Result<Option<Frame>, AudioError> {
        let mut waited = std::time::Duration::ZERO;
        let frame = loop {
            if let Some(f) = self.framer.next_frame() {
                break f;
            }
            self.buf.clear();
            if self.mic.read(&mut self.buf)? == 0 {
                // A device that stops delivering without an error (unplugged behind a sound
                // server, a stalled driver) is as good as lost: the session saves and waits.
                if waited >= STALLED {
                    return Err(AudioError::DeviceLost);
                }
                let nap = std::time::Duration::from_millis(5);
                std::thread::sleep(nap);
                waited += nap;
                continue;
            }
            waited = std::time::Duration::ZERO;
            self.framer.push(&self.buf)?;
        };
        self.frames += 1;
        if self.frames.is_multiple_of(100) {
            let peak = frame.iter().map(|s| s.unsigned_abs()).max().unwrap_or(0);
            tracing::trace!(
                frames = self.frames,
                peak,
                buffered = self.mic.available(),
                "microphone"
            );
        }
        Ok(Some(frame))
    }

    fn ready(&self) -> bool {
        self.framer.frame_within(self.mic.available())
    }

    fn discard_pending(&mut self) {
        self.mic.clear();
        self.framer.clear();
    }
}
