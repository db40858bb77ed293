//! Push-to-talk, for noisy rooms where voice detection alone would end turns on noise: a press
//! (Enter on the terminal, a headset's play/pause or phone button: [`super::keys`]) opens the
//! microphone, a second one ends the turn. Wraps any [`AudioSource`]: before the press the
//! session hears silence, after the second press the take ends, exactly as a scripted take does.
//! Without the gate, presses let everything through and only report themselves
//! ([`AudioSource::take_press`]: the kiosk's start button).

use std::sync::mpsc::{Receiver, TryRecvError};

use super::source::AudioSource;
use super::AudioError;
use super::{Frame, FRAME_SAMPLES};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Waiting,
    Talking,
    Released,
}

/// A source that only lets audio through between two presses (or always, without the gate).
pub struct PushToTalk<S> {
    inner: S,
    presses: Option<Receiver<()>>,
    /// Audio only between presses; otherwise presses are only reported.
    gate: bool,
    state: State,
    /// A press opened the input since [`AudioSource::take_press`] last said so.
    opened: bool,
}

impl<S: AudioSource> PushToTalk<S> {
    /// `presses` gets one message per press; `gate` false lets all audio through (voice
    /// detection alone decides) and only reports presses.
    pub fn new(inner: S, presses: Option<Receiver<()>>, gate: bool) -> Self {
        PushToTalk {
            inner,
            presses,
            gate,
            state: State::Waiting,
            opened: false,
        }
    }

    /// Swaps the microphone (one that came back after being lost), keeping the key.
    pub fn set_inner(&mut self, inner: S) {
        self.inner = inner;
        self.state = State::Waiting;
    }

    /// A press on the terminal: each line read from standard input (Enter).
    pub fn stdin_presses(tx: std::sync::mpsc::Sender<()>) {
        std::thread::spawn(move || {
            for line in std::io::stdin().lines() {
                if line.is_err() || tx.send(()).is_err() {
                    break;
                }
            }
        });
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
                        State::Waiting => {
                            self.opened = true;
                            State::Talking
                        }
                        State::Talking | State::Released => State::Released,
                    };
                }
                Err(TryRecvError::Empty | TryRecvError::Disconnected) => return,
            }
        }
    }
}

impl<S: AudioSource> AudioSource for PushToTalk<S> {
    fn next_frame(&mut self) -> Result<Option<Frame>, AudioError> {
        if self.presses.is_none() || !self.gate {
            return self.inner.next_frame();
        }
        self.poll();
        match self.state {
            State::Released => {
                self.state = State::Waiting;
                Ok(None)
            }
            // The microphone keeps time; until the press, what it hears is not for us.
            State::Waiting => Ok(self.inner.next_frame()?.map(|_| [0i16; FRAME_SAMPLES])),
            State::Talking => self.inner.next_frame(),
        }
    }

    fn exhausted(&self) -> bool {
        self.inner.exhausted()
    }

    fn discard_pending(&mut self) {
        self.inner.discard_pending();
    }

    fn end_take(&mut self) {
        self.state = State::Waiting;
        self.inner.end_take();
    }

    fn live(&self) -> bool {
        self.inner.live()
    }

    fn ready(&self) -> bool {
        self.inner.ready()
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

    #[test]
    fn only_audio_between_two_presses_gets_through() {
        let voice = Clip::new(vec![0.5; 16_000], 16_000);
        let (tx, rx) = std::sync::mpsc::channel();
        let mut ptt = PushToTalk::new(ClipSource::new(&voice).unwrap(), Some(rx), true);
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
        let f = ptt.next_frame().unwrap().unwrap();
        assert!(f.iter().all(|s| *s == 0), "and it waits for the next press");
        let mut open = PushToTalk::new(ClipSource::new(&voice).unwrap(), None, true);
        assert!(
            open.next_frame().unwrap().unwrap()[0] > 16_000,
            "no key: always open"
        );
    }

    #[test]
    fn a_press_is_reported_once_and_ungated_audio_flows() {
        let voice = Clip::new(vec![0.5; 16_000], 16_000);
        let (tx, rx) = std::sync::mpsc::channel();
        // The kiosk's start button without push-to-talk: audio always flows.
        let mut button = PushToTalk::new(ClipSource::new(&voice).unwrap(), Some(rx), false);
        assert!(!button.take_press());
        assert!(button.next_frame().unwrap().unwrap()[0] > 16_000);
        tx.send(()).unwrap();
        assert!(button.next_frame().unwrap().unwrap()[0] > 16_000);
        assert!(button.take_press(), "the press is reported");
        assert!(!button.take_press(), "once");

        // Push-to-talk: the press that opens the microphone is reported; the one that closes it
        // is not a new start.
        let (tx, rx) = std::sync::mpsc::channel();
        let mut ptt = PushToTalk::new(ClipSource::new(&voice).unwrap(), Some(rx), true);
        tx.send(()).unwrap();
        assert!(ptt.take_press());
        tx.send(()).unwrap();
        assert!(!ptt.take_press());
        assert!(ptt.next_frame().unwrap().is_none(), "the take ended");
    }
}
