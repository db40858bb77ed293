//! Playback on a real device through rodio. The session's device work (capture, named devices,
//! barge-in) builds on this; here it is the `say` command's speaker.

use std::num::NonZero;

use super::{AudioError, Clip};

/// Plays `clips` one after another on the default output device and waits until they end.
///
/// # Errors
/// [`AudioError::NoOutputDevice`] when there is no device (the message names `-o`), or
/// [`AudioError::Playback`].
pub fn play_default(clips: impl IntoIterator<Item = Clip>) -> Result<(), AudioError> {
    use super::sink::AudioSink;
    let mut sink = RodioSink::open()?;
    for clip in clips {
        sink.play(&clip)?;
    }
    Ok(())
}

/// The default speaker as an [`super::sink::AudioSink`]: each clip plays to its end before
/// the next stage runs (the interview is half-duplex).
pub struct RodioSink {
    _sink: rodio::MixerDeviceSink,
    player: rodio::Player,
}

impl RodioSink {
    /// Opens the default output.
    ///
    /// # Errors
    /// [`AudioError::NoOutputDevice`].
    pub fn open() -> Result<Self, AudioError> {
        let mut sink = rodio::DeviceSinkBuilder::open_default_sink()
            .map_err(|e| AudioError::NoOutputDevice(e.to_string()))?;
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
    fn play(&mut self, clip: &Clip) -> Result<(), AudioError> {
        let rate = NonZero::new(clip.sample_rate)
            .ok_or_else(|| AudioError::Playback("a clip has sample rate 0".into()))?;
        let one = NonZero::new(1u16).ok_or_else(|| AudioError::Playback("channels".into()))?;
        self.player.append(rodio::buffer::SamplesBuffer::new(
            one,
            rate,
            clip.samples.clone(),
        ));
        self.player.sleep_until_end();
        Ok(())
    }
}
