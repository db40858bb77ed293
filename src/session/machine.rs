//! The interview as a synchronous state machine: `handle(Event) -> Vec<Action>`. It never touches
//! audio, a device or a clock; the driver performs the actions and turns what it hears into
//! events. Every path (answers, commands, silence, the input ending, Ctrl-C) is a plain
//! transition that a test can drive.

pub use super::events::{Action, Cue, Event, Listen};
use super::settings::Voice;

use super::commands::{self, Command, HelpContext};
use super::follow_up::FollowUp;
use super::record::{AnswerReport, QuestionOutcome, SessionRecord};
use super::turn::TurnResult;
use crate::bank::Question;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    NotStarted,
    Answering,
    AfterFeedback,
    /// A follow-up was asked; its reply is awaited.
    FollowUp,
    Paused,
    Done,
}

/// The answer a follow-up was asked about, kept until the reply joins it.
struct Pending {
    first: TurnResult,
    part: crate::insights::TalkingPoint,
    asked: String,
}

/// The interview.
pub struct Session {
    questions: Vec<Question>,
    title: String,
    /// The job practised for (`--posting`), named in the welcome.
    role: Option<String>,
    /// Ask one follow-up when an answer leaves out a part (`[coach] follow_ups`).
    follow_ups: bool,
    /// The questions (by index) a follow-up was asked about: at most one each.
    followed_up: Vec<usize>,
    pending: Option<Pending>,
    /// The answer a "try again" set aside: compared with the new try, and kept in its record.
    retry_of: Option<AnswerReport>,
    /// From the saved sessions: one sentence after the welcome, and the answer to "how am I
    /// doing" (`None`: not kept, as in the kiosk).
    progress: Option<(Option<String>, String)>,
    current: usize,
    state: State,
    silences: u32,
    /// Where "resume" goes back to.
    paused_from: State,
    voice: Voice,
    insights: std::sync::Arc<crate::insights::Context>,
    pub record: SessionRecord,
}

const RATE_STEP: f32 = 0.15;
const VOLUME_STEP: f32 = 1.3;

impl Session {
    pub fn new(
        questions: Vec<Question>,
        title: &str,
        record: SessionRecord,
        insights: std::sync::Arc<crate::insights::Context>,
        voice: Voice,
    ) -> Self {
        Session {
            insights,
            questions,
            title: title.to_string(),
            role: None,
            follow_ups: false,
            followed_up: Vec::new(),
            pending: None,
            retry_of: None,
            progress: None,
            current: 0,
            state: State::NotStarted,
            silences: 0,
            paused_from: State::Answering,
            voice: voice.clamped(),
            record,
        }
    }

    /// The same session, practising for the job `role` (its welcome names it).
    pub fn for_role(self, role: Option<&str>) -> Self {
        Session {
            role: role.map(str::to_string),
            ..self
        }
    }

    /// The same session, with what the saved sessions say: `intro` is said after the welcome,
    /// `summary` when asked "how am I doing".
    pub fn with_progress(self, intro: Option<String>, summary: String) -> Self {
        Session {
            progress: Some((intro, summary)),
            ..self
        }
    }

    /// The same session, asking follow-up questions or not.
    pub fn with_follow_ups(self, follow_ups: bool) -> Self {
        Session { follow_ups, ..self }
    }

    /// The voice now (after any "slower" or "louder"), to remember for next time.
    pub fn voice(&self) -> Voice {
        self.voice
    }

    pub fn is_done(&self) -> bool {
        self.state == State::Done
    }

    /// The session's questions, in order.
    pub fn questions(&self) -> &[Question] {
        &self.questions
    }

    /// The question being asked, if any.
    pub fn question(&self) -> Option<&Question> {
        self.questions.get(self.current)
    }

    pub fn handle(&mut self, event: Event) -> Vec<Action> {
        if self.state == State::Done {
            return vec![];
        }
        match (self.state, event) {
            (_, Event::Interrupted) => self.finish(false),
            (_, Event::InputEnded) => self.finish(true),
            (State::NotStarted, Event::Resume) => self.handle(Event::Start),
            (State::Answering, Event::Resume) => {
                self.silences = 0;
                let mut out = vec![
                    Action::SetRate(self.voice.rate),
                    Action::SetVolume(self.voice.volume),
                    Action::Say(format!(
                        "We're back. Here is question {} of {} again.",
                        self.current + 1,
                        self.questions.len()
                    )),
                ];
                out.extend(self.ask_again());
                out
            }
            (State::AfterFeedback, Event::Resume) => {
                let mut out = vec![
                    Action::SetRate(self.voice.rate),
                    Action::SetVolume(self.voice.volume),
                    Action::Say("We're back.".into()),
                ];
                out.extend(self.next());
                out
            }
            (State::Paused, Event::Resume) => vec![
                Action::SetRate(self.voice.rate),
                Action::SetVolume(self.voice.volume),
                Action::Say("We're back, and still paused. Say resume when you're ready.".into()),
                Action::Listen(Listen::Paused),
            ],
            // Noise that gives no words: ask again, but not forever.
            (State::Answering, Event::Unclear) if self.silences < 2 => {
                self.silences += 1;
                vec![
                    Action::Cue(Cue::NotCaught),
                    Action::Say("Sorry, I didn't catch that. Please say it again.".into()),
                    Action::Listen(Listen::Answer),
                ]
            }
            (State::Answering, Event::Unclear) => {
                self.record_no_answer();
                let mut out = vec![
                    Action::Cue(Cue::NotCaught),
                    Action::Say("I still couldn't make that out, so let's move on.".into()),
                ];
                out.extend(self.next());
                out
            }
            // After feedback anything but a command means "go on".
            (State::AfterFeedback, Event::Unclear) => self.next(),
            (State::Paused, Event::Unclear) => vec![Action::Listen(Listen::Paused)],
            (State::NotStarted, _) => {
                let n = self.questions.len();
                let mut out = vec![
                    Action::SetRate(self.voice.rate),
                    Action::SetVolume(self.voice.volume),
                    Action::Say(format!(
                    "Welcome to your {} practice interview{}. I will ask {n} question{}. Answer after the tone, and say that's my answer when you are done. Say help at any time to hear what you can say.",
                    self.title,
                    self.role.as_ref().map_or_else(String::new, |r| format!(" for the {r} job")),
                    if n == 1 { "" } else { "s" }
                )),
                ];
                if let Some((Some(intro), _)) = &self.progress {
                    out.push(Action::Say(intro.clone()));
                }
                out.extend(self.ask());
                out
            }
            (State::Answering, Event::Heard(turn)) => match turn.command {
                Some(c) => self.command(c),
                None => self.answered(turn),
            },
            (State::Answering, Event::NoSpeech) => {
                self.silences += 1;
                match self.silences {
                    1 => vec![
                        Action::Say("Take your time. Answer after the tone, or say skip to move on.".into()),
                        Action::Cue(Cue::YourTurn),
                        Action::Listen(Listen::Answer),
                    ],
                    2 => vec![
                        Action::Say("Shall we skip this one? Say skip, or start your answer after the tone.".into()),
                        Action::Cue(Cue::YourTurn),
                        Action::Listen(Listen::Answer),
                    ],
                    _ => {
                        self.record_no_answer();
                        let mut out = vec![Action::Say("Let's move on.".into())];
                        out.extend(self.next());
                        out
                    }
                }
            }
            (State::AfterFeedback, Event::Heard(turn)) => {
                match turn.command {
                    Some(c) => self.command(c),
                    // Anything else after feedback means "go on".
                    None => self.next(),
                }
            }
            (State::AfterFeedback, Event::NoSpeech) => self.next(),
            (State::Paused, Event::Heard(turn)) => match turn.command {
                Some(Command::Resume) if self.paused_from == State::AfterFeedback => {
                    let mut out = vec![Action::Say("Welcome back.".into())];
                    out.extend(self.next());
                    out
                }
                Some(Command::Resume) => {
                    self.state = State::Answering;
                    self.silences = 0;
                    let mut out = vec![Action::Say("Welcome back.".into())];
                    out.extend(self.ask_again());
                    out
                }
                Some(Command::Next | Command::Skip) => {
                    if self.paused_from == State::Answering {
                        self.record_skipped();
                    }
                    self.next()
                }
                Some(Command::Stop) => self.finish(true),
                Some(Command::Help) => vec![
                    Action::Say(commands::help_text(HelpContext::Paused).into()),
                    Action::Listen(Listen::Paused),
                ],
                Some(Command::WhereAmI) => vec![
                    Action::Say(self.where_am_i()),
                    Action::Listen(Listen::Paused),
                ],
                _ => vec![Action::Listen(Listen::Paused)],
            },
            (State::Paused, Event::NoSpeech) => vec![Action::Listen(Listen::Paused)],
            (State::FollowUp, Event::Heard(turn)) => match turn.command {
                Some(Command::Repeat) => {
                    let asked = self.pending.as_ref().map(|p| p.asked.clone());
                    vec![
                        Action::Say(asked.unwrap_or_default()),
                        Action::Cue(Cue::YourTurn),
                        Action::Listen(Listen::Answer),
                    ]
                }
                Some(Command::Stop) => self.finish(true),
                Some(Command::TryAgain) => {
                    // The answer waiting for its reply becomes an earlier try.
                    if let Some(r) = self.unanswered_follow_up() {
                        self.set_aside(r);
                    }
                    self.state = State::Answering;
                    self.command(Command::TryAgain)
                }
                // Any other command declines the follow-up: feedback on the answer as it was.
                Some(_) => self.feedback_without_reply(),
                None => match self.pending.take() {
                    Some(p) => {
                        let reply = turn.transcript.text.trim().to_string();
                        let joined = super::follow_up::joined(p.first, turn);
                        let q = &self.questions[self.current];
                        let mut report = super::answer::assess(q, joined, &self.insights);
                        report.follow_up = Some(FollowUp {
                            part: p.part,
                            asked: p.asked,
                            reply,
                        });
                        self.give_feedback(report)
                    }
                    None => self.answered(turn),
                },
            },
            (State::FollowUp, Event::NoSpeech | Event::Unclear) => self.feedback_without_reply(),
            (State::FollowUp, Event::Resume) => {
                let asked = self.pending.as_ref().map(|p| p.asked.clone());
                vec![
                    Action::SetRate(self.voice.rate),
                    Action::SetVolume(self.voice.volume),
                    Action::Say(format!("We're back. {}", asked.unwrap_or_default())),
                    Action::Cue(Cue::YourTurn),
                    Action::Listen(Listen::Answer),
                ]
            }
            (_, _) => vec![],
        }
    }

    fn ask(&mut self) -> Vec<Action> {
        self.state = State::Answering;
        self.silences = 0;
        let Some(q) = self.questions.get(self.current) else {
            return self.finish(true);
        };
        vec![
            Action::Say(format!(
                "Question {} of {}. {}",
                self.current + 1,
                self.questions.len(),
                q.text
            )),
            Action::Cue(Cue::YourTurn),
            Action::Listen(Listen::Answer),
        ]
    }

    fn ask_again(&mut self) -> Vec<Action> {
        let Some(q) = self.questions.get(self.current) else {
            return self.finish(true);
        };
        vec![
            Action::Say(q.text.clone()),
            Action::Cue(Cue::YourTurn),
            Action::Listen(Listen::Answer),
        ]
    }

    fn next(&mut self) -> Vec<Action> {
        self.current += 1;
        if self.current >= self.questions.len() {
            return self.finish(true);
        }
        self.ask()
    }

    fn listen_again(&self) -> Action {
        Action::Listen(match self.state {
            State::AfterFeedback => Listen::AfterFeedback,
            _ => Listen::Answer,
        })
    }

    fn command(&mut self, c: Command) -> Vec<Action> {
        let answering = self.state == State::Answering;
        match c {
            Command::Repeat if answering => self.ask_again(),
            Command::Repeat => match self.last_answer() {
                Some(a) => vec![Action::Say(a.feedback.clone()), self.listen_again()],
                None => self.ask_again(),
            },
            Command::Skip | Command::Next if answering => {
                self.record_skipped();
                let mut out = vec![Action::Say("Skipped.".into())];
                out.extend(self.next());
                out
            }
            Command::Skip | Command::Next => self.next(),
            Command::Pause => {
                self.paused_from = self.state;
                self.state = State::Paused;
                vec![
                    Action::Say("Paused. Say resume when you're ready.".into()),
                    Action::Cue(Cue::Paused),
                    Action::Listen(Listen::Paused),
                ]
            }
            Command::Resume => vec![self.listen_again()],
            Command::Slower | Command::Faster => {
                let slower = c == Command::Slower;
                let step = if slower { -RATE_STEP } else { RATE_STEP };
                let (lo, hi) = Voice::RATE;
                let rate = (self.voice.rate + step).clamp(lo, hi);
                let said = match (slower, rate == self.voice.rate) {
                    (true, false) => "Okay, slower.",
                    (false, false) => "Okay, faster.",
                    (true, true) => "That's as slow as I go.",
                    (false, true) => "That's as fast as I go.",
                };
                self.voice.rate = rate;
                vec![
                    Action::SetRate(rate),
                    Action::Say(said.into()),
                    Action::Cue(Cue::YourTurn),
                    self.listen_again(),
                ]
            }
            Command::Louder | Command::Quieter => {
                let louder = c == Command::Louder;
                let f = if louder {
                    VOLUME_STEP
                } else {
                    1.0 / VOLUME_STEP
                };
                let (lo, hi) = Voice::VOLUME;
                let volume = (self.voice.volume * f).clamp(lo, hi);
                let said = match (louder, (volume - self.voice.volume).abs() < 1e-3) {
                    (true, false) => "Okay, louder.",
                    (false, false) => "Okay, quieter.",
                    (true, true) => "That's as loud as I go. Try your device's volume too.",
                    (false, true) => "That's as quiet as I go.",
                };
                self.voice.volume = volume;
                vec![
                    Action::SetVolume(volume),
                    Action::Say(said.into()),
                    Action::Cue(Cue::YourTurn),
                    self.listen_again(),
                ]
            }
            Command::WhereAmI => vec![
                Action::Say(self.where_am_i()),
                Action::Cue(Cue::YourTurn),
                self.listen_again(),
            ],
            Command::TellMeMore => match self.answer_to_current().filter(|_| !answering) {
                Some(a) => vec![
                    Action::Say(crate::insights::detail(&a.insights)),
                    self.listen_again(),
                ],
                None => vec![
                    Action::Say(
                        "After you answer, say tell me more to hear everything about it.".into(),
                    ),
                    Action::Cue(Cue::YourTurn),
                    self.listen_again(),
                ],
            },
            Command::ReadBack => match self.last_answer() {
                Some(a) => vec![
                    Action::Say(format!("You said: {}", a.transcript)),
                    self.listen_again(),
                ],
                None => vec![
                    Action::Say("There's no answer to read back yet.".into()),
                    Action::Cue(Cue::YourTurn),
                    self.listen_again(),
                ],
            },
            Command::TryAgain => {
                if !answering {
                    // Set the answer just given aside: the new try is compared with it and
                    // keeps it as an earlier try.
                    if matches!(self.record.questions.last(), Some(QuestionOutcome::Answered(a)) if a.question_id == self.questions[self.current].id)
                    {
                        if let Some(QuestionOutcome::Answered(a)) = self.record.questions.pop() {
                            self.set_aside(*a);
                        }
                    }
                }
                self.state = State::Answering;
                self.silences = 0;
                let mut out = vec![Action::Say("Okay, take it from the top.".into())];
                out.extend(self.ask_again());
                out
            }
            Command::Help => vec![
                Action::Say(
                    commands::help_text(if answering {
                        HelpContext::Answering
                    } else {
                        HelpContext::AfterFeedback
                    })
                    .into(),
                ),
                Action::Cue(Cue::YourTurn),
                self.listen_again(),
            ],
            Command::HowAmIDoing => {
                let said = match &self.progress {
                    Some((_, summary)) => summary.clone(),
                    None => "I keep no record of past sessions here.".into(),
                };
                vec![Action::Say(said), self.listen_again()]
            }
            Command::Stop => self.finish(true),
        }
    }

    fn answered(&mut self, turn: TurnResult) -> Vec<Action> {
        let q = &self.questions[self.current];
        let report = super::answer::assess(q, turn.clone(), &self.insights);
        let at_limit = turn.ended_by == super::turn::EndedBy::MaxLength;
        if self.follow_ups && !at_limit && !self.followed_up.contains(&self.current) {
            if let Some((part, asked)) = super::follow_up::follow_up(q, &report, self.current) {
                self.followed_up.push(self.current);
                self.pending = Some(Pending {
                    first: turn,
                    part,
                    asked: asked.clone(),
                });
                self.state = State::FollowUp;
                return vec![
                    Action::Say(asked),
                    Action::Cue(Cue::YourTurn),
                    Action::Listen(Listen::Answer),
                ];
            }
        }
        self.give_feedback(report)
    }

    /// The follow-up was declined or met silence: the answer as it was, the question asked
    /// kept in its record with an empty reply.
    fn feedback_without_reply(&mut self) -> Vec<Action> {
        match self.unanswered_follow_up() {
            Some(report) => self.give_feedback(report),
            None => self.next(),
        }
    }

    /// The pending answer, assessed as it was, with its unanswered follow-up.
    fn unanswered_follow_up(&mut self) -> Option<AnswerReport> {
        let p = self.pending.take()?;
        let q = &self.questions[self.current];
        let mut report = super::answer::assess(q, p.first, &self.insights);
        report.follow_up = Some(FollowUp {
            part: p.part,
            asked: p.asked,
            reply: String::new(),
        });
        Some(report)
    }

    /// Records an answer and says its feedback.
    fn give_feedback(&mut self, report: AnswerReport) -> Vec<Action> {
        let at_limit = report.ended_by == super::turn::EndedBy::MaxLength;
        let feedback = self.record_answer(report);
        self.state = State::AfterFeedback;
        let mut out = Vec::new();
        if at_limit {
            out.push(Action::Say(
                "That's the time limit for one answer, so I stopped listening there.".into(),
            ));
        }
        out.extend([Action::Say(feedback), Action::Listen(Listen::AfterFeedback)]);
        out
    }

    /// Records an answer; after "try again", what changed since the first try comes first in
    /// its feedback and the first try is kept in it. Returns the feedback.
    fn record_answer(&mut self, mut report: AnswerReport) -> String {
        if let Some(mut first) = self
            .retry_of
            .take()
            .filter(|f| f.question_id == report.question_id)
        {
            if let Some(c) = crate::insights::changes(&first.insights, &report.insights) {
                let rest = report
                    .feedback
                    .strip_prefix("Thank you. ")
                    .unwrap_or(&report.feedback);
                report.feedback = format!("{c} {rest}");
            }
            report.earlier = std::mem::take(&mut first.earlier);
            report.earlier.push(first);
        }
        let feedback = report.feedback.clone();
        self.record
            .questions
            .push(QuestionOutcome::Answered(Box::new(report)));
        feedback
    }

    /// Sets a try aside for the next one (keeping any try set aside before it, oldest first).
    fn set_aside(&mut self, mut report: AnswerReport) {
        if let Some(mut older) = self.retry_of.take() {
            let mut earlier = std::mem::take(&mut older.earlier);
            earlier.push(older);
            earlier.append(&mut report.earlier);
            report.earlier = earlier;
        }
        self.retry_of = Some(report);
    }

    /// The first try put back when a "try again" came to nothing (skipped, unheard, stopped).
    fn restore_first_try(&mut self) -> bool {
        match self.retry_of.take() {
            Some(first) => {
                self.record
                    .questions
                    .push(QuestionOutcome::Answered(Box::new(first)));
                true
            }
            None => false,
        }
    }

    fn record_skipped(&mut self) {
        if self.restore_first_try() {
            return;
        }
        let q = &self.questions[self.current];
        self.record.questions.push(QuestionOutcome::Skipped {
            question_id: q.id.clone(),
            question: q.text.clone(),
        });
    }

    fn record_no_answer(&mut self) {
        if self.restore_first_try() {
            return;
        }
        let q = &self.questions[self.current];
        self.record.questions.push(QuestionOutcome::NoAnswer {
            question_id: q.id.clone(),
            question: q.text.clone(),
        });
    }

    /// "Where am I": the question number and what the session is waiting for.
    fn where_am_i(&self) -> String {
        let n = self.questions.len();
        let at = format!("Question {} of {n}.", (self.current + 1).min(n));
        let what = match (self.state, self.paused_from) {
            (State::Answering, _) => {
                "I'm waiting for your answer. Say repeat to hear the question again."
            }
            (State::AfterFeedback, _) => "You've answered it. Say next to go on, or tell me more.",
            (State::Paused, State::AfterFeedback) => {
                "We're paused after your answer. Say resume for the next question."
            }
            (State::Paused, _) => {
                "We're paused before your answer. Say resume to hear the question again."
            }
            _ => "",
        };
        format!("{at} {what}")
    }

    /// The answer just given to the current question, if any.
    fn answer_to_current(&self) -> Option<&AnswerReport> {
        let id = &self.questions.get(self.current)?.id;
        self.last_answer().filter(|a| &a.question_id == id)
    }

    fn last_answer(&self) -> Option<&AnswerReport> {
        self.record.questions.iter().rev().find_map(|o| match o {
            QuestionOutcome::Answered(a) => Some(a.as_ref()),
            _ => None,
        })
    }

    fn finish(&mut self, speak: bool) -> Vec<Action> {
        // An answer waiting for its follow-up's reply is kept, never lost.
        match self.unanswered_follow_up() {
            Some(report) => {
                self.record_answer(report);
            }
            None => {
                self.restore_first_try();
            }
        }
        self.state = State::Done;
        if !speak {
            return vec![Action::Finish];
        }
        let answered = self
            .record
            .questions
            .iter()
            .filter(|o| matches!(o, QuestionOutcome::Answered(_)))
            .count();
        let n = self.questions.len();
        vec![
            Action::Say(format!(
                "That's the end of the interview. You answered {answered} of {n} question{}. Well done for practising.",
                if n == 1 { "" } else { "s" }
            )),
            Action::Finish,
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::Kind;
    use crate::session::turn::EndedBy;
    use crate::transcript::Transcript;

    fn questions() -> Vec<Question> {
        (0..2)
            .map(|i| Question {
                id: format!("q{i}"),
                field: "t".into(),
                kind: Kind::Background,
                text: format!("Question text {i}?"),
                talking_points: vec![],
                terms: vec![],
            })
            .collect()
    }

    fn heard(text: &str) -> Event {
        Event::Heard(TurnResult {
            transcript: Transcript::evenly_spoken(text),
            speech_start_s: 0.0,
            speech_end_s: 1.0,
            turn_end_s: 1.6,
            ended_by: EndedBy::Phrase,
            command: commands::parse(text),
            pieces_during: 0,
        })
    }

    fn session() -> Session {
        Session::new(
            questions(),
            "Test",
            SessionRecord {
                posting: None,
                field: "test".into(),
                title: "Test".into(),
                started: "now".into(),
                seed: 0,
                questions: vec![],
            },
            std::sync::Arc::default(),
            Voice::default(),
        )
    }

    fn says(actions: &[Action]) -> Vec<String> {
        actions
            .iter()
            .filter_map(|a| match a {
                Action::Say(s) => Some(s.clone()),
                _ => None,
            })
            .collect()
    }

    fn behavioral_session() -> Session {
        let q = Question {
            id: "b".into(),
            field: "t".into(),
            kind: Kind::Behavioral,
            text: "Tell me about a time you fixed a problem under pressure.".into(),
            talking_points: Kind::Behavioral.default_talking_points().to_vec(),
            terms: vec![],
        };
        let mut s = session().with_follow_ups(true);
        s.questions = vec![
            q.clone(),
            Question {
                id: "b2".into(),
                ..q
            },
        ];
        s
    }

    const NO_RESULT: &str = "At my last job the printer on our floor kept jamming every day. \
        I was the one who had to deal with it. I read the manual, I cleaned the rollers and I \
        ordered a new part from the supplier.";

    fn answers(s: &Session) -> Vec<&AnswerReport> {
        s.record
            .questions
            .iter()
            .filter_map(|o| match o {
                QuestionOutcome::Answered(a) => Some(a.as_ref()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn a_story_without_its_result_gets_one_follow_up_and_the_reply_joins_the_answer() {
        let mut s = behavioral_session();
        s.handle(Event::Start);
        let a = s.handle(heard(NO_RESULT));
        let asked = says(&a);
        assert_eq!(asked.len(), 1, "{asked:?}");
        assert!(asked[0].ends_with('?'), "{asked:?}");
        assert_eq!(a.last(), Some(&Action::Listen(Listen::Answer)));
        assert!(answers(&s).is_empty(), "no feedback before the reply");
        let a = s.handle(heard(
            "After that it never jammed again and people stopped complaining.",
        ));
        assert_eq!(a.last(), Some(&Action::Listen(Listen::AfterFeedback)));
        let r = answers(&s)[0];
        let f = r
            .follow_up
            .as_ref()
            .expect("the follow-up is in the record");
        assert_eq!(f.part, crate::insights::TalkingPoint::Result);
        assert_eq!(f.asked, asked[0]);
        assert!(r.transcript.starts_with("At my last job") && r.transcript.ends_with(&f.reply));
        // The feedback covers both: the reply gave the result.
        assert!(
            r.insights.star.as_ref().is_some_and(|s| s.result),
            "{:?}",
            r.insights.star
        );
        // "try again" on the same question asks no second follow-up; the first try is kept.
        s.handle(heard("try again"));
        let a = s.handle(heard(NO_RESULT));
        assert_eq!(a.last(), Some(&Action::Listen(Listen::AfterFeedback)));
        assert!(answers(&s)[0].follow_up.is_none());
        assert_eq!(answers(&s)[0].earlier.len(), 1);
        // "try again" instead of a reply: the answer is the first try, with its question.
        let mut s = behavioral_session();
        s.handle(Event::Start);
        s.handle(heard(NO_RESULT));
        s.handle(heard("let me try again"));
        s.handle(heard(NO_RESULT));
        let r = answers(&s);
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].earlier.len(), 1);
        assert!(r[0].earlier[0].follow_up.is_some());
    }

    #[test]
    fn last_time_is_said_after_the_welcome_and_how_am_i_doing_is_answered() {
        let mut s = session().with_progress(
            Some("From your last sessions: work on the result.".into()),
            "You have practised 2 sessions.".into(),
        );
        let a = s.handle(Event::Start);
        let said = says(&a);
        assert!(said[0].starts_with("Welcome"), "{said:?}");
        assert_eq!(said[1], "From your last sessions: work on the result.");
        let a = s.handle(heard("How am I doing?"));
        assert_eq!(says(&a), ["You have practised 2 sessions."]);
        assert_eq!(a.last(), Some(&Action::Listen(Listen::Answer)));
        // A session that keeps no history (the kiosk) says so.
        let mut k = session();
        k.handle(Event::Start);
        let a = k.handle(heard("how am I doing"));
        assert_eq!(says(&a), ["I keep no record of past sessions here."]);
    }

    #[test]
    fn every_try_is_kept_in_order_even_through_a_follow_up() {
        let full = format!(
            "{NO_RESULT} After that it never jammed again and people stopped complaining. \
             I learned to read the manual before I call anyone."
        );
        let mut s = behavioral_session();
        s.handle(Event::Start);
        s.handle(heard(&full));
        s.handle(heard("try again"));
        // The second try leaves out the result: the follow-up, then "try again" instead.
        let a = s.handle(heard(NO_RESULT));
        assert_eq!(
            a.last(),
            Some(&Action::Listen(Listen::Answer)),
            "a follow-up"
        );
        s.handle(heard("try again"));
        s.handle(heard(&full));
        let r = answers(&s);
        assert_eq!(r.len(), 1);
        let earlier: Vec<&str> = r[0].earlier.iter().map(|e| e.transcript.as_str()).collect();
        assert_eq!(earlier, [full.as_str(), NO_RESULT]);
    }

    #[test]
    fn try_again_says_what_changed_first_and_keeps_both_tries() {
        let mut s = behavioral_session().with_follow_ups(false);
        s.handle(Event::Start);
        s.handle(heard(NO_RESULT));
        s.handle(heard("try again"));
        assert!(
            answers(&s).is_empty(),
            "the first try is set aside, not lost"
        );
        let a = s.handle(heard(&format!(
            "{NO_RESULT} After that it never jammed again and people stopped complaining. \
             I learned to read the manual before I call anyone."
        )));
        let said = says(&a);
        assert!(
            said[0].starts_with("This time you gave what you learned"),
            "{said:?}"
        );
        let r = answers(&s);
        assert_eq!(r.len(), 1, "one answer to the question");
        assert_eq!(r[0].earlier.len(), 1, "with the first try in it");
        assert_eq!(r[0].earlier[0].transcript, NO_RESULT);
        assert_eq!(r[0].feedback, said[0]);
        // A try again that is then skipped puts the first try back.
        let mut s = behavioral_session().with_follow_ups(false);
        s.handle(Event::Start);
        s.handle(heard(NO_RESULT));
        s.handle(heard("try again"));
        s.handle(heard("skip"));
        let r = answers(&s);
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].transcript, NO_RESULT);
        assert!(matches!(
            s.record.questions[..],
            [QuestionOutcome::Answered(_)]
        ));
    }

    #[test]
    fn a_declined_or_unheard_follow_up_keeps_the_answer_and_the_question_asked() {
        for reply in [Event::NoSpeech, heard("next question"), Event::Interrupted] {
            let mut s = behavioral_session();
            s.handle(Event::Start);
            s.handle(heard(NO_RESULT));
            s.handle(reply.clone());
            let r = answers(&s);
            assert_eq!(r.len(), 1, "{reply:?}");
            let f = r[0].follow_up.as_ref().unwrap();
            assert!(f.reply.is_empty() && !f.asked.is_empty());
            assert!(r[0].transcript.starts_with("At my last job"));
        }
    }

    #[test]
    fn no_follow_up_when_off_after_a_full_story_or_a_short_answer() {
        let mut off = behavioral_session().with_follow_ups(false);
        off.handle(Event::Start);
        let a = off.handle(heard(NO_RESULT));
        assert_eq!(a.last(), Some(&Action::Listen(Listen::AfterFeedback)));
        let mut s = behavioral_session();
        s.handle(Event::Start);
        let a = s.handle(heard(&format!(
            "{NO_RESULT} After that it never jammed again and people stopped complaining. \
             I learned to read the manual before I call anyone."
        )));
        assert_eq!(a.last(), Some(&Action::Listen(Listen::AfterFeedback)));
        s.handle(Event::NoSpeech);
        let a = s.handle(heard("I fixed it quickly."));
        assert_eq!(a.last(), Some(&Action::Listen(Listen::AfterFeedback)));
    }

    #[test]
    fn a_session_asks_listens_gives_feedback_and_wraps_up() {
        let mut s = session();
        let a = s.handle(Event::Start);
        assert!(says(&a)[1].starts_with("Question 1 of 2. Question text 0?"));
        assert_eq!(a.last(), Some(&Action::Listen(Listen::Answer)));
        let a = s.handle(heard("I have five years of experience running networks."));
        assert_eq!(a.last(), Some(&Action::Listen(Listen::AfterFeedback)));
        let a = s.handle(Event::NoSpeech);
        assert!(says(&a)[0].starts_with("Question 2 of 2."));
        s.handle(heard("I like teams."));
        let a = s.handle(Event::NoSpeech);
        assert!(says(&a)[0].contains("You answered 2 of 2"));
        assert_eq!(a.last(), Some(&Action::Finish));
        assert!(s.is_done());
    }

    #[test]
    fn repeat_repeats_and_an_answer_mentioning_stop_is_an_answer() {
        let mut s = session();
        s.handle(Event::Start);
        let a = s.handle(heard("Could you repeat the question?"));
        assert_eq!(says(&a), ["Question text 0?"]);
        let a = s.handle(heard("I stopped the attack."));
        assert!(says(&a)[0].starts_with("Thank you."), "{a:?}");
        assert_eq!(s.record.questions.len(), 1);
    }

    #[test]
    fn silence_prompts_then_offers_to_skip_then_moves_on() {
        let mut s = session();
        s.handle(Event::Start);
        assert!(says(&s.handle(Event::NoSpeech))[0].starts_with("Take your time"));
        assert!(says(&s.handle(Event::NoSpeech))[0].starts_with("Shall we skip"));
        let a = s.handle(Event::NoSpeech);
        assert_eq!(says(&a)[0], "Let's move on.");
        assert!(says(&a)[1].starts_with("Question 2 of 2."));
        assert!(matches!(
            s.record.questions[0],
            QuestionOutcome::NoAnswer { .. }
        ));
    }

    #[test]
    fn pause_resume_rate_read_back_try_again_and_stop() {
        let mut s = session();
        s.handle(Event::Start);
        let a = s.handle(heard("Pause."));
        assert_eq!(a.last(), Some(&Action::Listen(Listen::Paused)));
        assert_eq!(s.handle(Event::NoSpeech), [Action::Listen(Listen::Paused)]);
        assert_eq!(
            s.handle(heard("I think the answer is")),
            [Action::Listen(Listen::Paused)]
        );
        let a = s.handle(heard("Resume."));
        assert_eq!(says(&a), ["Welcome back.", "Question text 0?"]);
        let a = s.handle(heard("Slower, please."));
        assert_eq!(a[0], Action::SetRate(0.85));
        assert_eq!(s.voice().rate, 0.85);
        s.handle(heard("My answer is about routers."));
        let a = s.handle(heard("Read my answer back."));
        assert_eq!(says(&a), ["You said: My answer is about routers."]);
        let a = s.handle(heard("Let me try again."));
        assert_eq!(says(&a)[1], "Question text 0?");
        assert!(s.record.questions.is_empty(), "the first take is forgotten");
        s.handle(heard("A better answer about routers."));
        let a = s.handle(heard("Stop."));
        assert!(says(&a)[0].contains("You answered 1 of 2"));
        assert!(s.is_done());
        assert_eq!(s.handle(Event::NoSpeech), []);
    }

    #[test]
    fn pause_after_feedback_resumes_with_the_next_question_and_next_skips() {
        let mut s = session();
        s.handle(Event::Start);
        s.handle(heard("My answer is about routers."));
        s.handle(heard("Pause."));
        let a = s.handle(heard("Resume."));
        assert!(says(&a)[1].starts_with("Question 2 of 2."), "{a:?}");
        assert_eq!(s.record.questions.len(), 1);
        let a = s.handle(heard("Next."));
        assert!(says(&a)[0] == "Skipped.", "{a:?}");
        assert!(matches!(
            s.record.questions[1],
            QuestionOutcome::Skipped { .. }
        ));
    }

    #[test]
    fn tell_me_more_louder_quieter_and_where_am_i() {
        let mut s = session();
        let a = s.handle(Event::Start);
        assert_eq!(a[..2], [Action::SetRate(1.0), Action::SetVolume(1.0)]);
        let a = s.handle(heard("Tell me more."));
        assert!(says(&a)[0].starts_with("After you answer"), "{a:?}");
        let a = s.handle(heard("Where am I?"));
        assert_eq!(
            says(&a),
            ["Question 1 of 2. I'm waiting for your answer. Say repeat to hear the question again."]
        );
        let a = s.handle(heard("Louder please."));
        assert_eq!(a[0], Action::SetVolume(1.3));
        assert_eq!(a.last(), Some(&Action::Listen(Listen::Answer)));
        for _ in 0..5 {
            s.handle(heard("Louder."));
        }
        assert!(says(&s.handle(heard("Louder.")))[0].starts_with("That's as loud"));
        assert_eq!(s.voice().volume, 2.0);
        s.handle(heard("Quieter."));
        assert!((s.voice().volume - 2.0 / 1.3).abs() < 1e-4);
        s.handle(heard(
            "I have five years of experience running networks and I like teams.",
        ));
        let a = s.handle(heard("Tell me more."));
        let d = &says(&a)[0];
        assert!(
            d.contains("The answer had") || d.contains("The answer lasted"),
            "{d}"
        );
        assert!(d.split_whitespace().count() > 10, "{d}");
        assert_eq!(a.last(), Some(&Action::Listen(Listen::AfterFeedback)));
        assert!(says(&s.handle(heard("Where am I?")))[0].contains("You've answered it"));
        s.handle(heard("Pause."));
        let a = s.handle(heard("Where am I?"));
        assert!(says(&a)[0].contains("paused after your answer"), "{a:?}");
        assert!(says(&s.handle(heard("Help.")))[0].starts_with("We're paused."));
    }

    #[test]
    fn a_remembered_voice_is_set_at_the_start() {
        let mut s = session();
        s.voice = Voice {
            rate: 1.3,
            volume: 0.5,
        }
        .clamped();
        let a = s.handle(Event::Start);
        assert_eq!(a[..2], [Action::SetRate(1.3), Action::SetVolume(0.5)]);
        assert_eq!(
            Voice {
                rate: 9.0,
                volume: 0.0
            }
            .clamped(),
            Voice {
                rate: 1.6,
                volume: 0.25
            }
        );
    }

    #[test]
    fn an_answer_cut_at_the_limit_gets_a_spoken_notice() {
        let mut s = session();
        s.handle(Event::Start);
        let Event::Heard(mut t) = heard("I went on and on about routers.") else {
            unreachable!()
        };
        t.ended_by = EndedBy::MaxLength;
        let a = s.handle(Event::Heard(t));
        assert!(says(&a)[0].contains("time limit"), "{a:?}");
    }

    #[test]
    fn after_a_lost_device_the_session_goes_on_where_it_was() {
        let mut s = session();
        s.handle(Event::Start);
        s.handle(heard("Slower."));
        // Lost while waiting for the first answer: the question is asked again, at the voice
        // the user chose.
        let a = s.handle(Event::Resume);
        assert_eq!(a[0], Action::SetRate(0.85));
        assert_eq!(
            says(&a),
            [
                "We're back. Here is question 1 of 2 again.",
                "Question text 0?"
            ]
        );
        s.handle(heard("An answer about routers."));
        // Lost after the feedback: the answer is kept and the next question comes.
        let a = s.handle(Event::Resume);
        assert!(says(&a)[1].starts_with("Question 2 of 2."), "{a:?}");
        assert_eq!(s.record.questions.len(), 1);
        let a = s.handle(Event::Unclear);
        assert_eq!(a[0], Action::Cue(Cue::NotCaught));
        assert_eq!(a.last(), Some(&Action::Listen(Listen::Answer)));
        s.handle(Event::Unclear);
        let a = s.handle(Event::Unclear);
        assert!(says(&a)[0].contains("move on"), "not forever: {a:?}");
        assert!(s.is_done());
    }

    #[test]
    fn interrupted_finishes_without_speaking_and_keeps_the_record() {
        let mut s = session();
        s.handle(Event::Start);
        s.handle(heard("An answer."));
        assert_eq!(s.handle(Event::Interrupted), [Action::Finish]);
        assert_eq!(s.record.questions.len(), 1);
    }
}
