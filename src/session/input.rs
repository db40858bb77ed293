//! What the session listens to: a stream of frames seen as an interview sees it. A live input
//! (a microphone, a recording of a whole session) goes on while the agent speaks, so the
//! session reads it then too, for barge-in or to throw the echo away; a scripted candidate
//! ([`super::scripted`]) speaks only when listened to, one take per turn. Buttons (Enter, a
//! headset's play/pause) are controls beside the audio: [`Live`] turns their presses into the
//! start of a take (push-to-talk, the kiosk's start button). The audio itself is
//! [`crate::audio`]'s and knows nothing of this.

use std::sync::mpsc::{Receiver, Sender, TryRecvError};

use crate::audio::source::AudioSource;
use crate::audio::{AudioError, Frame, FRAME_SAMPLES};

/// The session's input: frames, in takes, with button presses.
pub trait Input {
    /// The next frame, or `None` when this take is over (or the input ended: see
    /// [`Input::exhausted`]).
    ///
    /// # Errors
    /// [`AudioError`] when the input fails (a device lost).
    fn next_frame(&mut self) -> Result<Option<Frame>, AudioError>;

    /// True once nothing more will ever come (a `None` from a scripted take or push-to-talk
    /// may only mean "this take is over").
    fn exhausted(&self) -> bool {
        false
    }

    /// Drops audio captured while nobody was listening (the agent was speaking): the interview
    /// is half-duplex, and stale audio would be taken for an answer.
    fn discard_pending(&mut self) {}

    /// The listener is done with the current take (its turn ended before the audio did).
    fn end_take(&mut self) {}

    /// True when the input goes on while the agent speaks.
    fn live(&self) -> bool {
        false
    }

    /// True when a frame can be read without waiting.
    fn ready(&self) -> bool {
        !self.exhausted()
    }

    /// True once after a button press that opened the input (push-to-talk or the kiosk's start
    /// button); inputs without a button never have one.
    fn take_press(&mut self) -> bool {
        false
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Gate {
    Waiting,
    Talking,
    Released,
}

/// A live input: any [`AudioSource`] (a microphone, a clip as one continuous recording), with
/// button presses if there are any. With push-to-talk (`gate`), a press opens the input and a
/// second one ends the take: before the press the session hears silence (the microphone keeps
/// time), after the second press the take ends, exactly as a scripted take does. Without the
/// gate, presses let everything through and only report themselves (the kiosk's start button).
pub struct Live<S> {
    inner: S,
    presses: Option<Receiver<()>>,
    gate: bool,
    state: Gate,
    /// A press opened the input since [`Input::take_press`] last said so.
    opened: bool,
    ended: bool,
}

impl<S: AudioSource> Live<S> {
    /// A live input without buttons.
    pub fn new(inner: S) -> Self {
        Self::with_presses(inner, None, false)
    }

    /// `presses` gets one message per press; `gate` false lets all audio through (voice
    /// detection alone decides) and only reports presses.
    pub fn with_presses(inner: S, presses: Option<Receiver<()>>, gate: bool) -> Self {
        Live {
            inner,
            presses,
            gate,
            state: Gate::Waiting,
            opened: false,
            ended: false,
        }
    }

    /// Swaps the microphone (one that came back after being lost), keeping the buttons.
    pub fn set_inner(&mut self, inner: S) {
        self.inner = inner;
        self.state = Gate::Waiting;
        self.ended = false;
    }

    fn poll(&mut self) {
        let Some(presses) = &self.presses else {
            return;
        };
        loop {
            match presses.try_recv() {
                Ok(()) if !self.gate => self.opened = true,
                Ok(()) => {
                    self.state = match self.state {
                        Gate::Waiting => {
                            self.opened = true;
                            Gate::Talking
                        }
                        Gate::Talking | Gate::Released => Gate::Released,
                    };
                }
                Err(TryRecvError::Empty | TryRecvError::Disconnected) => return,
            }
        }
    }

    fn read(&mut self) -> Result<Option<Frame>, AudioError> {
        let f = self.inner.next_frame()?;
        self.ended |= f.is_none();
        Ok(f)
    }
}

/// A press on the terminal: each line read from standard input (Enter).
pub fn stdin_presses(tx: Sender<()>) {
    std::thread::spawn(move || {
        for line in std::io::stdin().lines() {
            if line.is_err() || tx.send(()).is_err() {
                break;
            }
        }
    });
}

impl<S: AudioSource> Input for Live<S> {
    fn next_frame(&mut self) -> Result<Option<Frame>, AudioError> {
        if self.presses.is_none() || !self.gate {
            return self.read();
        }
        self.poll();
        match self.state {
            Gate::Released => {
                self.state = Gate::Waiting;
                Ok(None)
            }
            // The microphone keeps time; until the press, what it hears is not for us.
            Gate::Waiting => Ok(self.read()?.map(|_| [0i16; FRAME_SAMPLES])),
            Gate::Talking => self.read(),
        }
    }

    fn exhausted(&self) -> bool {
        self.ended
    }

    fn discard_pending(&mut self) {
        self.inner.discard_pending();
    }

    fn end_take(&mut self) {
        self.state = Gate::Waiting;
    }

    fn live(&self) -> bool {
        true
    }

    fn ready(&self) -> bool {
        !self.ended && self.inner.ready()
    }

    fn take_press(&mut self) -> bool {
        self.poll();
        std::mem::take(&mut self.opened)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audio::source::ClipSource;
    use crate::audio::Clip;

    fn voice() -> ClipSource {
        ClipSource::new(&Clip::new(vec![0.5; 16_000], 16_000)).unwrap()
    }

    #[test]
    fn only_audio_between_two_presses_gets_through() {
        let (tx, rx) = std::sync::mpsc::channel();
        let mut ptt = Live::with_presses(voice(), Some(rx), true);
        let f = ptt.next_frame().unwrap().unwrap();
        assert!(f.iter().all(|s| *s == 0), "before the press: silence");
        tx.send(()).unwrap();
        let f = ptt.next_frame().unwrap().unwrap();
        assert!(
            f.iter().all(|s| *s > 16_000),
            "after the press: the microphone"
        );
        tx.send(()).unwrap();
        assert!(
            ptt.next_frame().unwrap().is_none(),
            "the second press ends the take"
        );
        assert!(!ptt.exhausted(), "a take ended, not the input");
        let f = ptt.next_frame().unwrap().unwrap();
        assert!(f.iter().all(|s| *s == 0), "and it waits for the next press");
        let mut open = Live::new(voice());
        assert!(
            open.next_frame().unwrap().unwrap()[0] > 16_000,
            "no key: always open"
        );
    }

    #[test]
    fn a_press_is_reported_once_and_ungated_audio_flows() {
        let (tx, rx) = std::sync::mpsc::channel();
        // The kiosk's start button without push-to-talk: audio always flows.
        let mut button = Live::with_presses(voice(), Some(rx), false);
        assert!(!button.take_press());
        assert!(button.next_frame().unwrap().unwrap()[0] > 16_000);
        tx.send(()).unwrap();
        assert!(button.next_frame().unwrap().unwrap()[0] > 16_000);
        assert!(button.take_press(), "the press is reported");
        assert!(!button.take_press(), "once");

        // Push-to-talk: the press that opens the microphone is reported; the one that closes it
        // is not a new start.
        let (tx, rx) = std::sync::mpsc::channel();
        let mut ptt = Live::with_presses(voice(), Some(rx), true);
        tx.send(()).unwrap();
        assert!(ptt.take_press());
        tx.send(()).unwrap();
        assert!(!ptt.take_press());
        assert!(ptt.next_frame().unwrap().is_none(), "the take ended");
    }

    #[test]
    fn a_recording_ends_once_its_audio_does() {
        let mut rec = Live::new(ClipSource::new(&Clip::new(vec![0.1; 960], 16_000)).unwrap());
        assert!(rec.live() && rec.ready() && !rec.exhausted());
        assert!(rec.next_frame().unwrap().is_some());
        assert!(rec.next_frame().unwrap().is_some());
        assert!(rec.next_frame().unwrap().is_none());
        assert!(rec.exhausted() && !rec.ready());
    }
}
