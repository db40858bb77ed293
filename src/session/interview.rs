//! A whole practice interview driven by audio sources: greeting, "Question N of M", the
//! question, a tone, listening (turn-taking and pieces), feedback, the next question, a wrap-up.
//! Everything the agent says goes to a sink clip; answers come from a source per question, so
//! the same code runs a file-driven demo faster than real time.
//!
//! Voice commands (repeat, skip, pause...) are the next step; this driver covers the flow.

use serde::Serialize;

use super::turn::{Turn, TurnStatus};
use super::AnswerReport;
use crate::asr::{AsrError, TranscribeOptions, Transcriber};
use crate::audio::source::AudioSource;
use crate::audio::{tones, AudioError, Clip};
use crate::bank::Question;
use crate::tts::{Synthesizer, TtsError};
use crate::vad::endpointer::{EndpointConfig, WebRtcDetector};

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
    Heard(&'a AnswerReport),
    NoAnswer(&'a Question),
}

/// Runs an interview over `questions`. `answer_source(i)` gives the audio for question `i`;
/// `agent` collects everything the agent says (at the synthesizer's rate).
///
/// # Errors
/// [`SessionError`]; `record` holds every question finished before it.
#[allow(clippy::too_many_arguments)]
pub fn run_interview<T: Transcriber, S: Synthesizer>(
    questions: &[Question],
    title: &str,
    answer_source: &mut dyn FnMut(usize) -> Result<Box<dyn AudioSource>, AudioError>,
    asr: &mut T,
    tts: &mut S,
    endpoint: &EndpointConfig,
    agent: &mut Clip,
    record: &mut SessionRecord,
    progress: &mut dyn FnMut(Progress<'_>),
) -> Result<(), SessionError> {
    let say = |text: &str, tts: &mut S, agent: &mut Clip| -> Result<(), SessionError> {
        tts.synthesize(text, 1.0, &mut |c| agent.append(&c))?;
        agent.append(&Clip::silence(0.3, agent.sample_rate));
        Ok(())
    };
    let n = questions.len();
    let greeting = format!(
        "Welcome to your {title} practice interview. I will ask {n} question{}. Answer after the tone, and say that's my answer when you are done. Say help at any time to hear what you can say.",
        if n == 1 { "" } else { "s" }
    );
    progress(Progress::Said(&greeting));
    say(&greeting, tts, agent)?;
    for (i, q) in questions.iter().enumerate() {
        let intro = format!("Question {} of {n}. {}", i + 1, q.text);
        progress(Progress::Said(&intro));
        say(&intro, tts, agent)?;
        agent.append(&tones::your_turn(agent.sample_rate));
        let mut source = answer_source(i)?;
        let opts = TranscribeOptions {
            fit_audio_ctx: true,
            prompt: Some(q.text.clone()),
            ..TranscribeOptions::default()
        };
        let mut turn = Turn::new(WebRtcDetector::new(), endpoint, opts);
        let mut over = false;
        while let Some(frame) = source.next_frame()? {
            if turn.push(&frame, asr)? == TurnStatus::Over {
                over = true;
                break;
            }
        }
        if !over {
            turn.end_of_input();
        }
        match turn.finish(asr)? {
            Some(result) => {
                let insights = crate::insights::analyze(&result.transcript);
                let feedback = crate::insights::feedback(&insights);
                let report = AnswerReport::new(q, result, insights, feedback);
                progress(Progress::Heard(&report));
                say(&report.feedback, tts, agent)?;
                record
                    .questions
                    .push(QuestionOutcome::Answered(Box::new(report)));
            }
            None => {
                progress(Progress::NoAnswer(q));
                say("I didn't hear an answer, so let's move on.", tts, agent)?;
                record.questions.push(QuestionOutcome::NoAnswer {
                    question_id: q.id.clone(),
                    question: q.text.clone(),
                });
            }
        }
    }
    let answered = record
        .questions
        .iter()
        .filter(|o| matches!(o, QuestionOutcome::Answered(_)))
        .count();
    let wrap = format!(
        "That's the end of the interview. You answered {answered} of {n} questions. Your full notes are in the session report. Well done for practising."
    );
    progress(Progress::Said(&wrap));
    say(&wrap, tts, agent)?;
    Ok(())
}
