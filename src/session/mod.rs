//! The practice session: turn-taking on frames ([`turn`]), and one answer taken end to end
//! (listen, transcribe in pieces, insights, feedback) as plain data the CLI prints.

pub mod commands;
pub mod interview;
pub mod kiosk;
pub mod machine;
pub mod record;
pub mod settings;
pub mod supervisor;
pub mod turn;

use serde::Serialize;

use crate::bank::{Kind, Question};
use crate::insights::Insights;
use crate::transcript::Word;
use turn::{EndedBy, TurnResult};

/// Wall-clock costs of an answer, measured by the driver.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct AnswerTimings {
    /// From the end of the turn being judged to the full transcript.
    pub asr_after_end: f64,
    pub insights: f64,
    /// From starting the feedback's synthesis to its first audio.
    pub tts_first_audio: f64,
}

/// One answer, as `warmup answer --json` prints it (field names are an interface).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AnswerReport {
    pub question_id: String,
    pub question: String,
    pub field: String,
    pub kind: Kind,
    pub transcript: String,
    pub words: Vec<Word>,
    pub speech_start_s: f32,
    pub speech_end_s: f32,
    pub turn_end_s: f32,
    pub ended_by: EndedBy,
    pub insights: Insights,
    pub feedback: String,
    pub timings_ms: AnswerTimings,
}

impl AnswerReport {
    pub fn new(q: &Question, turn: TurnResult, insights: Insights, feedback: String) -> Self {
        AnswerReport {
            question_id: q.id.clone(),
            question: q.text.clone(),
            field: q.field.clone(),
            kind: q.kind,
            transcript: turn.transcript.text,
            words: turn.transcript.words,
            speech_start_s: turn.speech_start_s,
            speech_end_s: turn.speech_end_s,
            turn_end_s: turn.turn_end_s,
            ended_by: turn.ended_by,
            insights,
            feedback,
            timings_ms: AnswerTimings::default(),
        }
    }
}
