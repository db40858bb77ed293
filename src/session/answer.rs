//! One answer, the same way everywhere: heard with the session's own listening
//! ([`super::driver`]'s turn-taking, pieces and filler pass), assessed with [`assess`] (the
//! insights and the feedback, as the state machine does it for every answer in a session), and
//! timed at the edge as the driver times a session's answers. `warmup answer` is this path on a
//! file, so what it prints is what a session would have recorded.

use std::sync::atomic::AtomicBool;
use std::time::Instant;

use super::driver::{self, SessionError};
use super::input::Input;
use super::machine::Event;
use super::record::AnswerReport;
use super::settings::Listening;
use super::turn::TurnResult;
use crate::asr::Transcriber;
use crate::bank::Question;
use crate::insights::Context;
use crate::tts::Synthesizer;

/// The insights on an answer and the feedback said about them: pure, no clock.
pub fn assess(question: &Question, turn: TurnResult, ctx: &Context) -> AnswerReport {
    let insights = crate::insights::analyze(&turn.transcript, question, ctx);
    let feedback = crate::insights::feedback(&insights);
    AnswerReport::new(question, turn, insights, feedback)
}

/// What became of one answer heard from an input.
#[derive(Debug)]
pub enum Once {
    Answered(Box<AnswerReport>),
    /// Speech, but no words came of it.
    NoWords,
    /// No speech at all.
    NoSpeech,
}

/// Listens to `input` for one answer to `question` (to the end of the input: no time limit on
/// the silence before it), assesses it and times the feedback's first audio from `tts`
/// (synthesized, not played).
///
/// # Errors
/// [`SessionError`]; a stop (`stop` raised) is [`SessionError::Asr`] with
/// [`crate::asr::AsrError::Stopped`].
pub fn answer_once<T: Transcriber, S: Synthesizer>(
    input: &mut dyn Input,
    asr: &mut T,
    tts: &mut S,
    listening: &Listening,
    question: &Question,
    ctx: &Context,
    stop: &AtomicBool,
) -> Result<Once, SessionError> {
    let heard = driver::listen_answer(input, asr, listening, stop)?;
    let turn = match heard.event {
        Event::Heard(turn) => turn,
        Event::Unclear => return Ok(Once::NoWords),
        Event::Interrupted => return Err(crate::asr::AsrError::Stopped.into()),
        _ => return Ok(Once::NoSpeech),
    };
    let t = Instant::now();
    let mut report = assess(question, turn, ctx);
    report.timings_ms.asr_after_end = heard.asr_after_end_ms;
    report.timings_ms.insights = t.elapsed().as_secs_f64() * 1000.0;
    let t = Instant::now();
    let mut first = None;
    tts.synthesize(&report.feedback, 1.0, &mut |_clip| {
        first.get_or_insert(t.elapsed().as_secs_f64() * 1000.0);
        std::ops::ControlFlow::Break(())
    })?;
    report.timings_ms.tts_first_audio = first.unwrap_or(0.0);
    Ok(Once::Answered(Box::new(report)))
}
