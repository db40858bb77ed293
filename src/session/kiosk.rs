//! The unattended kiosk: idle until a visitor says a wake word ("start") or presses a button
//! (a headset's play/pause or phone button), run a short session,
//! wrap up, forget the visitor, and idle again. Each visit gets a fresh [`Session`] from the
//! caller; nothing about a visitor outlives the visit unless the caller's `visited` keeps it.

use std::sync::atomic::{AtomicBool, Ordering};

use super::driver::{self, Progress, SessionError};
use super::input::Input;
use super::machine::{Event, Session};
use super::record::SessionRecord;
use super::settings::Listening;
use crate::asr::Transcriber;
use crate::audio::sink::AudioSink;
use crate::transcript::normalize;
use crate::tts::Synthesizer;

/// What the kiosk listens for while idle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Idle {
    /// Words that start a session ("start", "begin").
    pub wake: Vec<String>,
    /// Silence between spoken reminders ("say start to begin"); `None`: never remind.
    pub reminder_ms: Option<u32>,
    /// A start button is there (a headset's or media button): the invitation mentions it.
    pub button: bool,
}

/// How a kiosk run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KioskSummary {
    pub visits: u64,
    /// Ctrl-C or a service stop.
    pub interrupted: bool,
}

/// The longest idle utterance that can be a wake-up: "okay, let's start please".
const MAX_WAKE_WORDS: usize = 6;

/// Is this utterance a visitor asking to start?
pub fn is_wake(text: &str, wake: &[String]) -> bool {
    let words = normalize(text);
    words.len() <= MAX_WAKE_WORDS
        && words
            .iter()
            .any(|w| wake.iter().any(|k| k.eq_ignore_ascii_case(w)))
}

/// Runs visits until the input ends, `stop` is set, or `max_visits` is reached.
/// `new_session(n)` makes visit `n`'s session (`None` ends the run); `visited` gets each finished
/// record (to save it, or drop it) and returns what to tell the visitor about it (kept or not),
/// said after the wrap-up.
///
/// # Errors
/// [`SessionError`] from the engines or a device.
#[allow(clippy::too_many_arguments)]
pub fn run<T: Transcriber, S: Synthesizer>(
    source: &mut dyn Input,
    sink: &mut dyn AudioSink,
    asr: &mut T,
    tts: &mut S,
    listening: &Listening,
    idle: &Idle,
    new_session: &mut dyn FnMut(u64) -> Option<Session>,
    visited: &mut dyn FnMut(SessionRecord) -> Option<String>,
    stop: &AtomicBool,
    max_visits: Option<u64>,
    progress: &mut dyn FnMut(Progress<'_>),
) -> Result<KioskSummary, SessionError> {
    let mut visits = 0;
    let wake = idle.wake.first().map_or("start", String::as_str);
    let invitation = if idle.button {
        format!("Hello. Say {wake}, or press the button, to begin a short practice interview.")
    } else {
        format!("Hello. Say {wake} to begin a short practice interview.")
    };
    let mut invite = true;
    loop {
        if stop.load(Ordering::Relaxed) || max_visits.is_some_and(|m| visits >= m) {
            return Ok(KioskSummary {
                visits,
                interrupted: stop.load(Ordering::Relaxed),
            });
        }
        if invite {
            progress(Progress::Said(&invitation));
            driver::say(tts, sink, &invitation)?;
            invite = false;
        }
        let quiet_ms = idle.reminder_ms.unwrap_or(60_000);
        let event = driver::listen_once(source, asr, listening, quiet_ms, stop)?;
        let woke = match &event {
            // A button press (the kiosk's start button, or push-to-talk's).
            Event::Start => true,
            Event::Heard(t) => is_wake(&t.transcript.text, &idle.wake),
            _ => false,
        };
        if woke {
            progress(Progress::Heard(match &event {
                Event::Heard(t) => &t.transcript.text,
                _ => "(pressed the start button)",
            }));
            let Some(mut session) = new_session(visits + 1) else {
                return Ok(KioskSummary {
                    visits,
                    interrupted: false,
                });
            };
            visits += 1;
            let outcome = driver::run(
                &mut session,
                source,
                sink,
                asr,
                tts,
                listening,
                stop,
                Event::Start,
                progress,
            );
            // Forget the visitor: the record goes to `visited` (saved or dropped) and the
            // session is dropped. The recogniser's state is reused (its buffers are
            // overwritten by the next audio): making a new one per visit grew the resident
            // memory by about 2 MB a visit (allocator fragmentation, measured over 50).
            let closing = visited(std::mem::replace(
                &mut session.record,
                SessionRecord {
                    posting: None,
                    field: String::new(),
                    title: String::new(),
                    started: String::new(),
                    seed: 0,
                    questions: Vec::new(),
                },
            ));
            let finished = session.is_done();
            drop(session);
            outcome?;
            if let Some(text) = closing.filter(|_| finished && !stop.load(Ordering::Relaxed)) {
                progress(Progress::Said(&text));
                driver::say(tts, sink, &text)?;
            }
            invite = true;
            continue;
        }
        match event {
            Event::Unclear => {}
            Event::Heard(t) => {
                // Chatter near the kiosk: not for us.
                tracing::debug!(heard = %t.transcript.text, "idle: not a wake word");
            }
            Event::NoSpeech => invite = idle.reminder_ms.is_some(),
            Event::InputEnded | Event::Interrupted | Event::Start | Event::Resume => {
                return Ok(KioskSummary {
                    visits,
                    interrupted: stop.load(Ordering::Relaxed),
                })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_short_utterance_with_a_wake_word_starts() {
        let wake = vec!["start".to_string(), "begin".to_string()];
        assert!(is_wake("Start.", &wake));
        assert!(is_wake("Okay, let's begin, please.", &wake));
        assert!(!is_wake(
            "Where is the start of the queue for the talk today?",
            &wake
        ));
        assert!(!is_wake("Hello there.", &wake));
        assert!(!is_wake("", &wake));
    }
}
