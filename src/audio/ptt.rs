//! Push-to-talk, for noisy rooms where voice detection alone would end turns on noise: a key
//! press (Enter on the terminal, or a button that types it) opens the microphone, a second one
//! ends the turn. Wraps any [`AudioSource`]: before the press the session hears silence, after
//! the second press the take ends, exactly as a scripted take does.

use std::sync::mpsc::{Receiver, TryRecvError};

use super::source::AudioSource;
use super::AudioError;
use crate::vad::{Frame, FRAME_SAMPLES};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Waiting,
    Talking,
    Released,
}

/// A source that only lets audio through between two presses (or always, without presses).
pub struct PushToTalk<S> {
    inner: S,
    presses: Option<Receiver<()>>,
    state: State,
}

impl<S: AudioSource> PushToTalk<S> {
    /// `presses` gets one message per key press; `None` lets everything through (voice
    /// detection alone decides).
    pub fn new(inner: S, presses: Option<Receiver<()>>) -> Self {
        PushToTalk {
            inner,
            presses,
            state: State::Waiting,
        }
    }

    /// Swaps the microphone (one that came back after being lost), keeping the key.
    pub fn set_inner(&mut self, inner: S) {
        self.inner = inner;
        self.state = State::Waiting;
    }

    /// A press on the terminal: each line read from standard input (Enter).
    pub fn stdin_presses() -> Receiver<()> {
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in std::io::stdin().lines() {
                if line.is_err() || tx.send(()).is_err() {
                    break;
                }
            }
        });
        rx
    }

    fn poll(&mut self) {
        let Some(presses) = &self.presses else {
            return;
        };
        loop {
            match presses.try_recv() {
                Ok(()) => {
                    self.state = match self.state {
                        State::Waiting => State::Talking,
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
        if self.presses.is_none() {
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
        let mut ptt = PushToTalk::new(ClipSource::new(&voice).unwrap(), Some(rx));
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
        let mut open = PushToTalk::new(ClipSource::new(&voice).unwrap(), None);
        assert!(
            open.next_frame().unwrap().unwrap()[0] > 16_000,
            "no key: always open"
        );
    }
}
