//! The microphone through cpal. The device callback only converts to mono and pushes into a
//! lock-free ring buffer (no locks, no allocation, no logging in the callback); the session
//! thread pulls, resamples to 16 kHz with rubato, and cuts 30 ms frames.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;

use rodio::cpal::traits::{DeviceTrait, HostTrait, StreamTrait};
use rodio::cpal::{self, SampleFormat};
use rubato::{FftFixedIn, Resampler};

use super::source::AudioSource;
use super::{to_frame, Frame, FRAME_SAMPLES};
use super::{AudioError, ASR_RATE};

/// A device as `warmup devices` lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeviceInfo {
    /// The host's identifier (ALSA: `default`, `pulse`, `hw:CARD=Headset,DEV=0`, ...).
    pub id: String,
    /// The description the host gives.
    pub name: String,
    pub input: bool,
    pub rates: String,
}

/// ALSA's `null` device opens everywhere and throws the audio away: it is listed, never counted
/// as a microphone or a speaker.
const DISCARDS: &str = "null";

impl DeviceInfo {
    /// Whether audio really goes somewhere (not ALSA's `null`).
    pub fn usable(&self) -> bool {
        self.id != DISCARDS
    }

    /// Whether `--input NAME` / `--output NAME` means this device.
    pub fn matches(&self, name: &str) -> bool {
        matches(&self.id, &self.name, name)
    }
}

/// A name given by the user means a device whose identifier is exactly that, or whose
/// identifier or description contains it (case ignored).
fn matches(id: &str, description: &str, name: &str) -> bool {
    let name = name.to_lowercase();
    id == name || id.to_lowercase().contains(&name) || description.to_lowercase().contains(&name)
}

fn id_of(d: &cpal::Device) -> String {
    d.id().map(|i| i.id().to_string()).unwrap_or_default()
}

/// The device `name` means (see [`DeviceInfo::matches`]); an exact identifier wins over a
/// partial match. `None` for the host's default.
pub fn find_device(input: bool, name: Option<&str>) -> Option<cpal::Device> {
    let host = cpal::default_host();
    let Some(name) = name else {
        return if input {
            host.default_input_device()
        } else {
            host.default_output_device()
        };
    };
    let all: Vec<cpal::Device> = if input {
        host.input_devices()
            .map(Iterator::collect)
            .unwrap_or_default()
    } else {
        host.output_devices()
            .map(Iterator::collect)
            .unwrap_or_default()
    };
    let exact = all.iter().position(|d| id_of(d) == name);
    let index = exact.or_else(|| {
        all.iter()
            .position(|d| matches(&id_of(d), &d.to_string(), name))
    })?;
    all.into_iter().nth(index)
}

/// Every input and output device the default host knows.
pub fn list_devices() -> Vec<DeviceInfo> {
    let host = cpal::default_host();
    let mut out = Vec::new();
    // Summarised: ALSA's "null" device alone lists 64 channel counts over 1 Hz to 4 GHz.
    let rates = |cfgs: Vec<(u32, u32, u16)>| {
        let mut ranges: Vec<String> = cfgs
            .iter()
            .map(|(lo, hi, _)| {
                if lo == hi {
                    format!("{lo} Hz")
                } else {
                    format!("{lo}-{hi} Hz")
                }
            })
            .collect();
        ranges.sort();
        ranges.dedup();
        let ch_lo = cfgs.iter().map(|c| c.2).min().unwrap_or(0);
        let ch_hi = cfgs.iter().map(|c| c.2).max().unwrap_or(0);
        let channels = if ch_lo == ch_hi {
            format!("{ch_lo} ch")
        } else {
            format!("{ch_lo}-{ch_hi} ch")
        };
        format!("{}, {channels}", ranges.join(", "))
    };
    let mut add = |input: bool, cfgs: Vec<(u32, u32, u16)>, d: &cpal::Device| {
        // ALSA plugins that cannot open on their own list no configurations.
        if !cfgs.is_empty() {
            out.push(DeviceInfo {
                id: id_of(d),
                name: d.to_string(),
                input,
                rates: rates(cfgs),
            });
        }
    };
    let span = |c: cpal::SupportedStreamConfigRange| {
        (c.min_sample_rate(), c.max_sample_rate(), c.channels())
    };
    for d in host.input_devices().into_iter().flatten() {
        let cfgs = d
            .supported_input_configs()
            .map(|c| c.map(span).collect())
            .unwrap_or_default();
        add(true, cfgs, &d);
    }
    for d in host.output_devices().into_iter().flatten() {
        let cfgs = d
            .supported_output_configs()
            .map(|c| c.map(span).collect())
            .unwrap_or_default();
        add(false, cfgs, &d);
    }
    out
}

/// Every device, one line each, for error messages.
pub fn found_devices() -> Vec<String> {
    list_devices()
        .iter()
        .map(|d| {
            format!(
                "{} - {} ({}: {})",
                d.id,
                d.name,
                if d.input { "input" } else { "output" },
                d.rates
            )
        })
        .collect()
}

/// Whether a stream error means the device is gone (unplugged, its server stopped), rather than
/// a glitch it recovers from (an underrun or overrun, a busy device, a re-route).
pub fn is_loss(e: &cpal::Error) -> bool {
    use cpal::ErrorKind as K;
    let gone = matches!(
        e.kind(),
        K::DeviceNotAvailable | K::HostUnavailable | K::StreamInvalidated
    );
    if gone {
        tracing::warn!("audio device: {e}");
    } else {
        tracing::debug!("audio device: {e}");
    }
    gone
}

/// No audio at all from the microphone for this long means it is gone.
const STALLED: std::time::Duration = std::time::Duration::from_secs(5);

/// A microphone as an [`AudioSource`].
pub struct CpalSource {
    _stream: cpal::Stream,
    ring: rtrb::Consumer<f32>,
    lost: Arc<AtomicBool>,
    /// Samples the callback could not store: the session fell more than 4 s behind.
    dropped: Arc<AtomicU64>,
    dropped_seen: u64,
    resampler: Option<FftFixedIn<f32>>,
    pending: Vec<f32>,
    out: VecDeque<f32>,
    frames: u64,
    /// Input samples (at the device rate) that make one 16 kHz frame, with the resampler's
    /// chunk.
    per_frame: usize,
}

impl CpalSource {
    /// Opens the default input, or the first whose name contains `name`.
    ///
    /// # Errors
    /// [`AudioError::NoInputDevice`] listing the devices that exist.
    pub fn open(name: Option<&str>) -> Result<Self, AudioError> {
        let device = find_device(true, name);
        let no_device = |why: String| AudioError::NoInputDevice {
            why,
            found: found_devices(),
        };
        let device = device.ok_or_else(|| {
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
        let resampler = if rate == ASR_RATE {
            None
        } else {
            Some(
                FftFixedIn::<f32>::new(rate as usize, ASR_RATE as usize, 480, 2, 1)
                    .map_err(|e| AudioError::Resample(e.to_string()))?,
            )
        };
        Ok(CpalSource {
            _stream: stream,
            ring: rx,
            lost,
            dropped,
            dropped_seen: 0,
            resampler,
            pending: Vec::new(),
            out: VecDeque::new(),
            frames: 0,
            per_frame: (rate as usize * 45).div_ceil(1000),
        })
    }
}

impl AudioSource for CpalSource {
    fn next_frame(&mut self) -> Result<Option<Frame>, AudioError> {
        let mut waited = std::time::Duration::ZERO;
        while self.out.len() < FRAME_SAMPLES {
            if self.lost.load(Ordering::Relaxed) {
                return Err(AudioError::DeviceLost);
            }
            let n = self.ring.slots();
            if n == 0 {
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
            let dropped = self.dropped.load(Ordering::Relaxed);
            if dropped > self.dropped_seen {
                tracing::warn!(
                    samples = dropped - self.dropped_seen,
                    "microphone audio was dropped: warmup fell more than 4 s behind the device"
                );
                self.dropped_seen = dropped;
            }
            if let Ok(chunk) = self.ring.read_chunk(n) {
                let (a, b) = chunk.as_slices();
                self.pending.extend_from_slice(a);
                self.pending.extend_from_slice(b);
                chunk.commit_all();
            }
            match self.resampler.as_mut() {
                None => self.out.extend(self.pending.drain(..)),
                Some(r) => {
                    while self.pending.len() >= r.input_frames_next() {
                        let need = r.input_frames_next();
                        let o = r
                            .process(&[&self.pending[..need]], None)
                            .map_err(|e| AudioError::Resample(e.to_string()))?;
                        self.out.extend(o[0].iter().copied());
                        self.pending.drain(..need);
                    }
                }
            }
        }
        let frame: Vec<f32> = self.out.drain(..FRAME_SAMPLES).collect();
        self.frames += 1;
        if self.frames.is_multiple_of(100) {
            let peak = frame.iter().fold(0.0f32, |m, s| m.max(s.abs()));
            tracing::trace!(
                frames = self.frames,
                peak,
                buffered = self.ring.slots(),
                "microphone"
            );
        }
        Ok(Some(to_frame(&frame)))
    }

    fn live(&self) -> bool {
        true
    }

    fn ready(&self) -> bool {
        self.out.len() >= FRAME_SAMPLES || self.ring.slots() + self.pending.len() >= self.per_frame
    }

    fn discard_pending(&mut self) {
        let n = self.ring.slots();
        if let Ok(chunk) = self.ring.read_chunk(n) {
            chunk.commit_all();
        }
        self.pending.clear();
        self.out.clear();
    }
}
