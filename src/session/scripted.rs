//! A scripted candidate, for the demo, the kiosk's simulated visitors and tests: one take per
//! time the session listens. It speaks only when listened to (it is not [`Input::live`]), so a
//! session driven by it runs as fast as the engines allow and gives the same record each time.

use super::input::Input;
use crate::audio::source::{AudioSource, ClipSource};
use crate::audio::{AudioError, Frame};

/// One thing a scripted candidate does when listened to.
#[derive(Clone)]
pub enum Take {
    /// Speaks (or stays silent for) a clip.
    Say(ClipSource),
    /// Presses the start or push-to-talk button (an empty take to a listener that does not
    /// look for presses).
    Press,
}

/// A scripted candidate: one take per time the session listens (an answer, a command, a
/// silence, a button press). Each take ends with one `None`; then the next take begins.
pub struct ScriptedSource {
    takes: std::collections::VecDeque<Take>,
}

impl ScriptedSource {
    pub fn new(takes: Vec<ClipSource>) -> Self {
        Self::with_presses(takes.into_iter().map(Take::Say).collect())
    }

    pub fn with_presses(takes: Vec<Take>) -> Self {
        ScriptedSource {
            takes: takes.into(),
        }
    }
}

impl Input for ScriptedSource {
    fn next_frame(&mut self) -> Result<Option<Frame>, AudioError> {
        let Some(take) = self.takes.front_mut() else {
            return Ok(None);
        };
        match take {
            Take::Say(clip) => {
                if let Some(f) = clip.next_frame()? {
                    return Ok(Some(f));
                }
            }
            Take::Press => {}
        }
        self.takes.pop_front();
        Ok(None)
    }

    fn exhausted(&self) -> bool {
        self.takes.is_empty()
    }

    fn end_take(&mut self) {
        self.takes.pop_front();
    }

    fn take_press(&mut self) -> bool {
        matches!(self.takes.front(), Some(Take::Press))
    }
}
