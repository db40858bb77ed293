//! The session record as plain data: what happened to each question, every answer with its
//! transcript, insights, feedback and real timings, and the readable report made from it. The
//! machine fills it, the driver times it, [`super::store`] keeps it; none of them owns it.

use std::fmt::Write as _;

use chrono::DateTime;
use serde::Serialize;

use super::turn::{EndedBy, TurnResult};
use crate::bank::{Kind, Question};
use crate::insights::{Insights, TalkingPoint};
use crate::transcript::Word;

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
    /// The follow-up asked after the answer and the reply to it (the reply's words are in
    /// `transcript` and `words` after the answer's, and the insights and feedback cover both).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub follow_up: Option<super::follow_up::FollowUp>,
    /// Earlier tries at this question ("try again"), oldest first; this report is the last.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub earlier: Vec<AnswerReport>,
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
            follow_up: None,
            earlier: Vec::new(),
        }
    }
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
    /// The field's id (its bank's file stem), as in every answer's `field`.
    pub field: String,
    /// The field's name as said ("IT Support").
    pub title: String,
    /// When the session started: local time, RFC 3339.
    pub started: String,
    /// The seed the questions were picked with (the same seed picks the same questions).
    pub seed: u64,
    /// The role of the job advert practised for (`--posting`), if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub posting: Option<String>,
    pub questions: Vec<QuestionOutcome>,
}

/// The readable report.
pub fn markdown(r: &SessionRecord) -> String {
    let mut s = String::new();
    // A date a person reads ("Saturday 5 December 2026 at 18:23"), from the RFC 3339 time.
    let started = DateTime::parse_from_rfc3339(&r.started)
        .map(|t| t.format("%A %-d %B %Y at %H:%M").to_string())
        .unwrap_or_else(|_| r.started.clone());
    let _ = writeln!(
        s,
        "# Practice interview: {}\n\nStarted {started}.\n",
        r.title
    );
    if let Some(role) = &r.posting {
        let _ = writeln!(s, "For the job: {role}.\n");
    }
    for (i, q) in r.questions.iter().enumerate() {
        match q {
            QuestionOutcome::Answered(a) => {
                let _ = writeln!(s, "## {}. {} ({})\n", i + 1, a.question, a.kind);
                for (n, e) in a.earlier.iter().enumerate() {
                    let _ = writeln!(s, "**Try {}:** {}\n", n + 1, e.transcript);
                }
                if !a.earlier.is_empty() {
                    let _ = writeln!(s, "**Try {}:**\n", a.earlier.len() + 1);
                }
                match &a.follow_up {
                    Some(f) => {
                        let first = a
                            .transcript
                            .strip_suffix(f.reply.as_str())
                            .unwrap_or(&a.transcript)
                            .trim();
                        let _ = writeln!(s, "**Your answer:** {first}\n");
                        let _ = writeln!(s, "**Follow-up:** {}\n", f.asked);
                        let _ = writeln!(s, "**Your reply:** {}\n", f.reply);
                    }
                    None => {
                        let _ = writeln!(s, "**Your answer:** {}\n", a.transcript);
                    }
                }
                let i = &a.insights;
                let d = &i.delivery;
                let list = |v: &[String]| {
                    if v.is_empty() {
                        "none".to_string()
                    } else {
                        v.join(", ")
                    }
                };
                let names = |v: &[TalkingPoint]| -> Vec<String> {
                    v.iter().map(ToString::to_string).collect()
                };
                let _ = writeln!(
                    s,
                    "- Talking points covered: {}\n- To consider: {}\n- Job terms used: {}\n- Terms to consider: {}",
                    list(&names(&i.talking_points.covered)),
                    list(&names(&i.talking_points.to_consider)),
                    list(&i.job_terms.used),
                    list(&i.job_terms.to_consider)
                );
                for w in &i.most_used_words {
                    let _ = writeln!(
                        s,
                        "- Said \"{}\" {} times; alternatives: {}",
                        w.word,
                        w.count,
                        list(&w.synonyms)
                    );
                }
                let _ = writeln!(
                    s,
                    "- Fillers: {} ({:.1} a minute); hedges: {}\n- Length: {:.0} s, {} words\n- Pace: {:.0} words per minute\n- Longest pause: {:.1} s\n- Turn ended by: {:?}\n",
                    i.fillers.total, i.fillers.per_minute, i.hedges.total,
                    d.duration_s, i.word_count, d.pace_wpm, d.longest_pause_s, a.ended_by
                );
                let _ = writeln!(s, "**Feedback:** {}\n", a.feedback);
            }
            QuestionOutcome::NoAnswer { question, .. } => {
                let _ = writeln!(s, "## {}. {}\n\nNo answer.\n", i + 1, question);
            }
            QuestionOutcome::Skipped { question, .. } => {
                let _ = writeln!(s, "## {}. {}\n\nSkipped.\n", i + 1, question);
            }
        }
    }
    s
}

/// A record of `n` skipped questions, for tests.
#[cfg(test)]
pub(crate) fn sample(n: usize) -> SessionRecord {
    SessionRecord {
        posting: None,
        field: "test".into(),
        title: "Test".into(),
        started: "2026-12-05T10:00:00+00:00".into(),
        seed: 1,
        questions: (0..n)
            .map(|i| QuestionOutcome::Skipped {
                question_id: format!("q{i}"),
                question: format!("Question {i}?"),
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_report_gives_the_field_by_name_and_a_date_a_person_reads() {
        let md = markdown(&sample(1));
        assert!(
            md.starts_with(
                "# Practice interview: Test\n\nStarted Saturday 5 December 2026 at 10:00."
            ),
            "{md}"
        );
    }
}
