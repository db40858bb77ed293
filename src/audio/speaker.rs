//! Playback on a real device through rodio: the default output or one chosen by name. rodio
//! converts the voice's 22.05 kHz mono to whatever the device takes.

use std::num::NonZero;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::{AudioError, Clip};

/// Plays `clips` one after another on the default output device and waits until they end.
///
/// # Errors
/// [`AudioError::NoOutputDevice`] when there is no device, or [`AudioError::Playback`].
pub fn play_default(clips: impl IntoIterator<Item = Clip>) -> Result<(), AudioError> {
    use super::sink::AudioSink;
    let mut sink = RodioSink::open(None)?;
    for clip in clips {
        sink.play(&clip)?;
    }
    Ok(())
}

/// A speaker as an [`super::sink::AudioSink`]: clips queue and play while the session
/// listens; `stop` cuts the voice at once. A speaker that reports an error, or that stops
/// taking audio (queued speech not played [`OVERDUE`] after it should have ended), is lost:
/// [`AudioError::OutputLost`] instead of waiting for ever.
pub struct RodioSink {
    _sink: rodio::MixerDeviceSink,
    player: rodio::Player,
    lost: Arc<AtomicBool>,
    schedule: Schedule,
}

/// How late queued audio may end before the speaker counts as lost (device buffers and the
/// resampler add well under a second).
pub const OVERDUE: Duration = Duration::from_secs(2);

/// When queued audio should have finished playing, on a clock the caller gives.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Schedule {
    ends_at: Option<Instant>,
}

impl Schedule {
    /// `length` more audio queued at `now`: it plays after what is queued already.
    pub fn queue(&mut self, now: Instant, length: Duration) {
        let start = self.ends_at.filter(|t| *t > now).unwrap_or(now);
        self.ends_at = Some(start + length);
    }

    /// Nothing queued any more (stopped, or all played).
    pub fn clear(&mut self) {
        self.ends_at = None;
    }

    /// Audio still queued at `now` should have ended more than [`OVERDUE`] ago.
    pub fn overdue(&self, now: Instant) -> bool {
        self.ends_at.is_some_and(|t| now > t + OVERDUE)
    }
}

impl RodioSink {
    /// Opens the default output, or the first whose name contains `name`.
    ///
    /// # Errors
    /// [`AudioError::NoOutputDevice`], listing the devices that exist.
    pub fn open(name: Option<&str>) -> Result<Self, AudioError> {
        let no_device = |why: String| AudioError::NoOutputDevice {
            why,
            found: super::devices::found_devices(),
        };
        let device = super::devices::find_device(false, name).ok_or_else(|| {
            no_device(match name {
                Some(n) => format!("none has {n:?} in its name"),
                None => "no default output".into(),
            })
        })?;
        let lost = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&lost);
        let mut sink = rodio::DeviceSinkBuilder::from_device(device)
            .map_err(|e| no_device(e.to_string()))?
            .with_error_callback(move |e| {
                if super::devices::is_loss(&e) {
                    flag.store(true, Ordering::Relaxed);
                }
            })
            .open_sink_or_fallback()
            .map_err(|e| no_device(e.to_string()))?;
        // The session drops it on purpose at the end; rodio would print a warning.
        sink.log_on_drop(false);
        let player = rodio::Player::connect_new(sink.mixer());
        Ok(RodioSink {
            _sink: sink,
            player,
            lost,
            schedule: Schedule::default(),
        })
    }

    fn failed(&self) -> bool {
        self.lost.load(Ordering::Relaxed)
            || !self.player.empty() && self.schedule.overdue(Instant::now())
    }
}

impl super::sink::AudioSink for RodioSink {
    fn queue(&mut self, clip: &Clip) -> Result<(), AudioError> {
        if self.failed() {
            return Err(AudioError::OutputLost);
        }
        if self.player.empty() {
            self.schedule.clear();
        }
        self.schedule
            .queue(Instant::now(), Duration::from_secs_f32(clip.duration_s()));
        let rate = NonZero::new(clip.sample_rate)
            .ok_or_else(|| AudioError::Playback("a clip has sample rate 0".into()))?;
        let one = NonZero::new(1u16).ok_or_else(|| AudioError::Playback("channels".into()))?;
        self.player.append(rodio::buffer::SamplesBuffer::new(
            one,
            rate,
            clip.samples.clone(),
        ));
        Ok(())
    }

    fn busy(&self) -> bool {
        !self.player.empty() && !self.failed()
    }

    fn stop(&mut self) {
        self.player.stop();
        self.schedule.clear();
    }

    fn drain(&mut self) -> Result<(), AudioError> {
        // Polled rather than rodio's `sleep_until_end`, which waits for ever on a speaker
        // that stopped pulling audio.
        while !self.player.empty() {
            if self.failed() {
                tracing::warn!("the speaker stopped taking audio");
                self.player.stop();
                self.schedule.clear();
                return Err(AudioError::OutputLost);
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        self.schedule.clear();
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queued_audio_is_overdue_two_seconds_after_it_should_have_ended() {
        let t0 = Instant::now();
        let s = |x: f32| t0 + Duration::from_secs_f32(x);
        let mut schedule = Schedule::default();
        assert!(!schedule.overdue(s(100.0)), "nothing queued");
        schedule.queue(t0, Duration::from_secs(3));
        // A second sentence queued while the first plays comes after it: ends at 5 s.
        schedule.queue(s(1.0), Duration::from_secs(2));
        assert!(!schedule.overdue(s(6.9)));
        assert!(schedule.overdue(s(7.1)));
        // Queued after a pause, it starts when queued.
        schedule.clear();
        schedule.queue(s(10.0), Duration::from_secs(1));
        assert!(!schedule.overdue(s(12.9)));
        assert!(schedule.overdue(s(13.1)));
        schedule.clear();
        assert!(!schedule.overdue(s(100.0)));
    }
}
