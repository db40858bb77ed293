//! Playback on a real device through rodio: the default output or one chosen by name. rodio
//! converts the voice's 22.05 kHz mono to whatever the device takes.

use std::num::NonZero;

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
/// listens; `stop` cuts the voice at once.
pub struct RodioSink {
    _sink: rodio::MixerDeviceSink,
    player: rodio::Player,
}

impl RodioSink {
    /// Opens the default output, or the first whose name contains `name`.
    ///
    /// # Errors
    /// [`AudioError::NoOutputDevice`], listing the devices that exist.
    pub fn open(name: Option<&str>) -> Result<Self, AudioError> {
        let no_device = |why: String| AudioError::NoOutputDevice {
            why,
            found: super::capture::found_devices(),
        };
        let mut sink = match name {
            None => rodio::DeviceSinkBuilder::open_default_sink()
                .map_err(|e| no_device(e.to_string()))?,
            Some(n) => {
                let device = super::capture::find_device(false, Some(n))
                    .ok_or_else(|| no_device(format!("none has {n:?} in its name")))?;
                rodio::DeviceSinkBuilder::from_device(device)
                    .and_then(|b| b.open_stream())
                    .map_err(|e| no_device(e.to_string()))?
            }
        };
        // The session drops it on purpose at the end; rodio would print a warning.
        sink.log_on_drop(false);
        let player = rodio::Player::connect_new(sink.mixer());
        Ok(RodioSink {
            _sink: sink,
            player,
        })
    }
}

impl super::sink::AudioSink for RodioSink {
    fn queue(&mut self, clip: &Clip) -> Result<(), AudioError> {
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
        !self.player.empty()
    }

    fn stop(&mut self) {
        self.player.stop();
    }

    fn drain(&mut self) -> Result<(), AudioError> {
        self.player.sleep_until_end();
        Ok(())
    }
}
