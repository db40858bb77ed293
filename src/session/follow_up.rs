//! One short follow-up question, as an interviewer asks it: after an answer that leaves out a
//! part a strong answer of its kind has (a story with no result or no lesson, a technical answer
//! with no example, a background with no goal). Pure: which part, which phrasing, and the answer
//! and its reply joined into one for the insights.

use serde::Serialize;

use super::record::AnswerReport;
use super::turn::TurnResult;
use crate::bank::{Kind, Question};
use crate::insights::{talking_points, TalkingPoint};

/// Fewer words than this is too little to follow up: the answer is the problem, not a part.
pub const MIN_WORDS: usize = 12;

/// Seconds of silence put between an answer and its reply when they are joined (pace counts
/// speaking time; this keeps the gap from reading as one long pause).
const JOIN_GAP_S: f32 = 1.0;

/// A follow-up in the record: the part it was about, what was asked and what came back.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FollowUp {
    pub part: TalkingPoint,
    pub asked: String,
    pub reply: String,
}

/// Several phrasings per part, so it does not sound canned.
fn phrasings(part: TalkingPoint) -> &'static [&'static str] {
    match part {
        TalkingPoint::Result => &[
            "And how did that turn out?",
            "What was the result in the end?",
            "How did it end? What changed because of what you did?",
        ],
        TalkingPoint::Lesson => &[
            "What did you take away from that?",
            "Looking back, what would you do differently?",
            "What did that experience teach you?",
        ],
        TalkingPoint::Example => &[
            "Can you give me an example?",
            "Could you walk me through a time you used that?",
            "What would that look like in practice? An example, please.",
        ],
        TalkingPoint::Goals => &[
            "And where do you want to go from here?",
            "What are you hoping to do next in your career?",
            "Where do you see yourself in a few years?",
        ],
        _ => &[],
    }
}

/// The part to follow up on and how to ask, if the answer calls for one: behavioral, no result
/// (else no lesson, when the question asks for one); technical, no example; background, no goal
/// (when the question asks for it). `turn` picks the phrasing (the question's number, so two
/// questions in a row are asked differently).
pub fn follow_up(
    q: &Question,
    report: &AnswerReport,
    turn: usize,
) -> Option<(TalkingPoint, String)> {
    let i = &report.insights;
    if i.word_count < MIN_WORDS {
        return None;
    }
    let missing = |p: TalkingPoint| i.talking_points.to_consider.contains(&p);
    // The learned scorer finds a result in most stories that have none (it was trained on
    // stories that mostly had one), so a result counts as given only when the rules find it too.
    let no_result = i.star.as_ref().is_some_and(|s| !s.result) || {
        let d = talking_points::Doc::new(&report.transcript, &q.text);
        talking_points::covered_by_rules(&d, &[TalkingPoint::Result]).is_empty()
    };
    let part = match q.kind {
        Kind::Behavioral if no_result => TalkingPoint::Result,
        Kind::Behavioral if missing(TalkingPoint::Lesson) => TalkingPoint::Lesson,
        Kind::Technical if missing(TalkingPoint::Example) => TalkingPoint::Example,
        Kind::Background if missing(TalkingPoint::Goals) => TalkingPoint::Goals,
        _ => return None,
    };
    let p = phrasings(part);
    Some((part, p[turn % p.len()].to_string()))
}

/// An answer and the reply to its follow-up as one answer: the words of the reply after those of
/// the answer (its times moved to follow them), the turn's end and how it ended from the reply.
pub fn joined(first: TurnResult, reply: TurnResult) -> TurnResult {
    let offset = first
        .transcript
        .words
        .last()
        .map_or(first.transcript.duration_s, |w| w.end)
        + JOIN_GAP_S;
    let mut transcript = first.transcript;
    transcript.text = format!(
        "{} {}",
        transcript.text.trim(),
        reply.transcript.text.trim()
    );
    transcript
        .words
        .extend(reply.transcript.words.into_iter().map(|mut w| {
            w.start += offset;
            w.end += offset;
            w
        }));
    transcript.duration_s = offset + reply.transcript.duration_s;
    TurnResult {
        transcript,
        speech_start_s: first.speech_start_s,
        speech_end_s: reply.speech_end_s,
        turn_end_s: reply.turn_end_s,
        ended_by: reply.ended_by,
        pieces_during: first.pieces_during + reply.pieces_during,
        command: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::answer::assess;
    use crate::session::turn::EndedBy;
    use crate::transcript::Transcript;

    pub(crate) fn turn(text: &str) -> TurnResult {
        TurnResult {
            transcript: Transcript::evenly_spoken(text),
            speech_start_s: 0.5,
            speech_end_s: 5.0,
            turn_end_s: 8.0,
            ended_by: EndedBy::Silence,
            pieces_during: 1,
            command: None,
        }
    }

    fn question(kind: Kind) -> Question {
        Question {
            id: "q".into(),
            field: "general".into(),
            kind,
            text: match kind {
                Kind::Behavioral => "Tell me about a time you fixed a problem under pressure.",
                Kind::Technical => "What is a firewall?",
                Kind::Background => "Tell me about yourself.",
            }
            .into(),
            talking_points: kind.default_talking_points().to_vec(),
            terms: vec![],
        }
    }

    fn asked(kind: Kind, answer: &str) -> Option<TalkingPoint> {
        let q = question(kind);
        let r = assess(&q, turn(answer), &crate::insights::Context::default());
        follow_up(&q, &r, 0).map(|(p, _)| p)
    }

    #[test]
    fn a_story_without_its_result_gets_asked_for_it_and_one_with_it_does_not() {
        let no_result =
            "Last year our ticket queue doubled during a migration at my company. I was \
                         the lead on the help desk, so I sorted the tickets by impact and set up a \
                         rota with two colleagues to cover the evenings.";
        assert_eq!(
            asked(Kind::Behavioral, no_result),
            Some(TalkingPoint::Result)
        );
        let with_result = format!(
            "{no_result} As a result the queue was back under fifty tickets within two weeks and \
             no outage was missed. I learned to ask for help early instead of waiting."
        );
        assert_ne!(
            asked(Kind::Behavioral, &with_result),
            Some(TalkingPoint::Result)
        );
    }

    #[test]
    fn technical_without_an_example_and_background_without_a_goal() {
        assert_eq!(
            asked(
                Kind::Technical,
                "A firewall is a device or program that filters network traffic between networks \
                 based on a set of rules that allow or block connections."
            ),
            Some(TalkingPoint::Example)
        );
        assert_eq!(
            asked(
                Kind::Background,
                "I have worked in retail for six years, the last two as a shift manager, and I \
                 am good at calming upset customers and training new staff."
            ),
            Some(TalkingPoint::Goals)
        );
    }

    #[test]
    fn a_short_answer_gets_no_follow_up() {
        assert_eq!(asked(Kind::Behavioral, "I fixed it quickly."), None);
        assert_eq!(asked(Kind::Technical, ""), None);
    }

    #[test]
    fn phrasings_vary_from_question_to_question() {
        let q = question(Kind::Technical);
        let r = assess(
            &q,
            turn("A firewall is a device or program that filters network traffic between networks based on rules."),
            &crate::insights::Context::default(),
        );
        let said: std::collections::BTreeSet<String> = (0..3)
            .filter_map(|t| follow_up(&q, &r, t))
            .map(|(_, s)| s)
            .collect();
        assert_eq!(said.len(), 3, "{said:?}");
    }

    #[test]
    fn the_reply_follows_the_answer_in_one_transcript() {
        let j = joined(turn("first part here"), turn("the reply"));
        assert_eq!(j.transcript.text, "first part here the reply");
        let starts: Vec<f32> = j.transcript.words.iter().map(|w| w.start).collect();
        assert!(starts.windows(2).all(|w| w[0] < w[1]), "{starts:?}");
        // The reply starts a second after the answer's last word.
        assert!((starts[3] - (0.8 + 0.3 + 1.0)).abs() < 1e-5, "{starts:?}");
        assert_eq!(j.pieces_during, 2);
        assert_eq!(j.command, None);
    }
}
