//! Runs the interview state machine ([`super::machine::Session`]) over real stages: it speaks
//! with a [`Synthesizer`] into an [`AudioSink`], listens on an [`AudioSource`] through the
//! turn-taking and the recogniser, and turns what it hears into events. Wall-clock timings are
//! measured here, at the edge; the machine never sees a clock.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use serde::Serialize;

use super::machine::{Action, Cue, Event, Listen, Session};
use super::turn::{Turn, TurnStatus};
use super::AnswerReport;
use crate::asr::{AsrError, TranscribeOptions, Transcriber};
use crate::audio::sink::AudioSink;
use crate::audio::source::AudioSource;
use crate::audio::{tones, AudioError, Clip};
use crate::tts::{Synthesizer, TtsError};
use crate::vad::endpointer::{ms_to_frames, EndpointConfig, WebRtcDetector};

/// Why a session stopped early.
#[derive(Debug, thiserror::Error)]
pub enum SessionError {
    #[error(transparent)]
    Asr(#[from] AsrError),
    #[error(transparent)]
    Tts(#[from] TtsError),
    #[error(transparent)]
    Audio(#[from] AudioError),
}

/// What happened to one question.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum QuestionOutcome {
    Answered(Box<AnswerReport>),
    Skipped {
        question_id: String,
        question: String,
    },
    NoAnswer {
        question_id: String,
        question: String,
    },
}

/// The session record (saved as JSON and Markdown).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SessionRecord {
    pub field: String,
    pub started: String,
    pub questions: Vec<QuestionOutcome>,
}

/// Something the session did, for a live printout.
#[derive(Debug, Clone, PartialEq)]
pub enum Progress<'a> {
    Said(&'a str),
    Heard(&'a str),
    NoSpeech,
}

/// Listening windows, in milliseconds of input audio.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Patience {
    /// Silence before a gentle prompt while waiting for an answer.
    pub answer_ms: u32,
    /// Silence after feedback before moving on.
    pub after_feedback_ms: u32,
    /// Re-check interval while paused.
    pub paused_ms: u32,
}

impl Default for Patience {
    fn default() -> Self {
        Patience {
            answer_ms: 10_000,
            after_feedback_ms: 2_500,
            paused_ms: 30_000,
        }
    }
}

/// Runs a session to its end. `stop` is checked every frame (Ctrl-C).
///
/// # Errors
/// [`SessionError`]; `session.record` holds everything finished before it.
#[allow(clippy::too_many_arguments)]
pub fn run<T: Transcriber, S: Synthesizer>(
    session: &mut Session,
    source: &mut dyn AudioSource,
    sink: &mut dyn AudioSink,
    asr: &mut T,
    tts: &mut S,
    endpoint: &EndpointConfig,
    patience: &Patience,
    stop: &AtomicBool,
    progress: &mut dyn FnMut(Progress<'_>),
) -> Result<(), SessionError> {
    let mut rate = 1.0f32;
    let mut pending = vec![Event::Start];
    while let Some(event) = pending.pop() {
        for action in session.handle(event) {
            match action {
                Action::Say(text) => {
                    progress(Progress::Said(&text));
                    tts.synthesize(&text, rate, &mut |c| {
                        let _ = sink.play(&c);
                    })?;
                    sink.play(&Clip::silence(0.25, tts.sample_rate()))?;
                }
                Action::Cue(cue) => {
                    let sr = tts.sample_rate();
                    let clip = match cue {
                        Cue::YourTurn => tones::your_turn(sr),
                        Cue::Paused => tones::tone(440.0, 0.25, sr),
                        Cue::NotCaught => tones::tone(330.0, 0.2, sr),
                    };
                    sink.play(&clip)?;
                }
                Action::SetRate(r) => rate = r,
                Action::Listen(kind) => {
                    let ms = match kind {
                        Listen::Answer => patience.answer_ms,
                        Listen::AfterFeedback => patience.after_feedback_ms,
                        Listen::Paused => patience.paused_ms,
                    };
                    let ev = listen(source, asr, endpoint, ms, stop)?;
                    match &ev {
                        Event::Heard(t) => progress(Progress::Heard(&t.transcript.text)),
                        Event::NoSpeech => progress(Progress::NoSpeech),
                        _ => {}
                    }
                    pending.push(ev);
                }
                Action::Finish => return Ok(()),
            }
        }
    }
    Ok(())
}

/// Listens for one turn: speech that ends, `NoSpeech` after `no_speech_ms` of nothing, or the
/// end of the input.
fn listen<T: Transcriber>(
    source: &mut dyn AudioSource,
    asr: &mut T,
    endpoint: &EndpointConfig,
    no_speech_ms: u32,
    stop: &AtomicBool,
) -> Result<Event, SessionError> {
    // The question is not given to whisper as a prompt: after a first turn transcribed with
    // it, tiny.en returned nothing at all for a whole 15 s answer (seen in the demo).
    let opts = TranscribeOptions {
        fit_audio_ctx: true,
        ..TranscribeOptions::default()
    };
    let mut turn = Turn::new(WebRtcDetector::new(), endpoint, opts);
    let limit = ms_to_frames(no_speech_ms);
    source.discard_pending();
    loop {
        if stop.load(Ordering::Relaxed) {
            return Ok(Event::Interrupted);
        }
        let Some(frame) = source.next_frame()? else {
            if source.exhausted() && turn.frames() == 0 {
                return Ok(Event::InputEnded);
            }
            turn.end_of_input();
            break;
        };
        match turn.push(&frame, asr)? {
            TurnStatus::Over => {
                source.end_take();
                break;
            }
            TurnStatus::Waiting { silent_frames } if silent_frames >= limit => {
                source.end_take();
                return Ok(Event::NoSpeech);
            }
            _ => {}
        }
    }
    tracing::debug!(frames = turn.frames(), "listened");
    let t = Instant::now();
    let heard = turn.finish(asr)?;
    let asr_ms = t.elapsed().as_secs_f64() * 1000.0;
    tracing::debug!(
        asr_after_end_ms = asr_ms,
        heard = ?heard.as_ref().map(|h| (&h.transcript.text, h.ended_by, h.pieces_during)),
        "turn transcribed"
    );
    Ok(match heard {
        Some(result) if !result.transcript.text.trim().is_empty() => Event::Heard(result),
        _ => Event::NoSpeech,
    })
}
