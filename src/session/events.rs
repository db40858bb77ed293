//! What the driver and the state machine say to each other: the [`Event`]s the driver hears
//! and the [`Action`]s the machine asks for. Plain data, so the machine can be driven by a test
//! and the driver by any machine.

use super::turn::TurnResult;

/// What the driver tells the machine.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    Start,
    /// Someone spoke and the turn ended.
    Heard(TurnResult),
    /// Nobody spoke for the listening window.
    NoSpeech,
    /// The input is over (a file ran out): wrap up.
    InputEnded,
    /// Ctrl-C: stop now, keep what there is.
    Interrupted,
    /// Someone spoke but nothing could be made of it (the recogniser heard no words).
    Unclear,
    /// A lost device is back: carry on where the session was.
    Resume,
}

/// Short sounds that say what is happening without words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cue {
    YourTurn,
    Paused,
    NotCaught,
}

/// What the listening is for: it sets how long silence may last before [`Event::NoSpeech`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Listen {
    /// An answer to the current question (long patience, then prompts).
    Answer,
    /// A short window after feedback for "try again", "read my answer back"...
    AfterFeedback,
    /// Paused: only "resume" (or another command) wakes it.
    Paused,
}

/// What the driver must do, in order.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    Say(String),
    Cue(Cue),
    Listen(Listen),
    /// Speaking rate factor for everything said from now on.
    SetRate(f32),
    /// Playback volume factor (1 = as synthesized) from now on.
    SetVolume(f32),
    /// The session is over: save the record.
    Finish,
}
