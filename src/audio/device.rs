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
    let sink = rodio::DeviceSinkBuilder::open_default_sink()
        .map_err(|e| AudioError::NoOutputDevice(e.to_string()))?;
    let player = rodio::Player::connect_new(sink.mixer());
    for clip in clips {
        let rate = NonZero::new(clip.sample_rate)
            .ok_or_else(|| AudioError::Playback("a clip has sample rate 0".into()))?;
        let one = NonZero::new(1u16).ok_or_else(|| AudioError::Playback("channels".into()))?;
        player.append(rodio::buffer::SamplesBuffer::new(one, rate, clip.samples));
    }
    player.sleep_until_end();
    Ok(())
}
