//! The interview state machine driven by scripted audio takes through the real turn-taking and
//! the real recogniser (the agent's voice is a silent fake here: it is not what is tested).

use std::ops::ControlFlow;
use std::sync::atomic::AtomicBool;

use warmup::audio::sink::NullSink;
use warmup::audio::source::ClipSource;
use warmup::audio::Frame;
use warmup::audio::{AudioError, Clip};
use warmup::bank::{Kind, Question};
use warmup::session::driver::{self, Progress, SessionError};
use warmup::session::input::Input;
use warmup::session::machine::{Event, Session};
use warmup::session::scripted::ScriptedSource;
use warmup::session::settings::Voice;
use warmup::session::settings::{Listening, Patience};
use warmup::session::{QuestionOutcome, SessionRecord};
use warmup::tts::{Synthesizer, TtsError};

use crate::support::{espeak, tmp, whisper};

/// Speaks nothing, quickly: 0.3 s of silence per word, a clip per sentence.
pub struct Mute;
impl Synthesizer for Mute {
    fn sample_rate(&self) -> u32 {
        16_000
    }
    fn synthesize(
        &mut self,
        text: &str,
        _: f32,
        f: &mut dyn FnMut(Clip) -> ControlFlow<()>,
    ) -> Result<(), TtsError> {
        for sentence in text.split_inclusive(['.', '?', '!']) {
            let words = sentence.split_whitespace().count();
            if words > 0 && f(Clip::silence(0.3 * words as f32, 16_000)).is_break() {
                break;
            }
        }
        Ok(())
    }
}

pub fn questions() -> Vec<Question> {
    ["Tell me about yourself.", "What is a firewall?"]
        .iter()
        .enumerate()
        .map(|(i, t)| Question {
            id: format!("q{i}"),
            field: "test".into(),
            kind: if i == 0 {
                Kind::Background
            } else {
                Kind::Technical
            },
            text: t.to_string(),
            talking_points: vec![],
            terms: vec![],
        })
        .collect()
}

/// A session over `questions`, with a test's patience.
pub fn session(questions: Vec<Question>) -> Session {
    Session::new(
        questions,
        "Test",
        SessionRecord {
            posting: None,
            field: "test".into(),
            title: "Test".into(),
            started: "now".into(),
            seed: 0,
            questions: vec![],
        },
        Default::default(),
        Voice::default(),
    )
}

/// Short listening windows, so tests run quickly.
pub fn quick() -> Listening {
    Listening {
        patience: Patience {
            answer_ms: 4_000,
            after_feedback_ms: 1_000,
            paused_ms: 4_000,
        },
        ..Listening::default()
    }
}

/// One line per thing the session did.
pub fn logger(log: &mut Vec<String>) -> impl FnMut(Progress<'_>) + '_ {
    |p: Progress<'_>| {
        log.push(match p {
            Progress::Said(s) => format!("agent: {s}"),
            Progress::Heard(s) => format!("user: {s}"),
            Progress::NoSpeech => "user: (silence)".to_string(),
            Progress::BargedIn { at_s } => format!("barge-in: {at_s:.2}"),
            Progress::Voice { rate, volume } => format!("voice: {rate:.2} {volume:.2}"),
            Progress::Partial(s) => format!("partial: {s}"),
            Progress::Recorded(r) => format!("recorded: {}", r.questions.len()),
        })
    }
}

fn run(takes: Vec<ClipSource>) -> (Vec<String>, SessionRecord) {
    let mut session = session(questions());
    let log = drive(&mut session, takes);
    (log, session.record)
}

/// Runs `session` over scripted `takes` with the real recogniser; returns its log.
fn drive(session: &mut Session, takes: Vec<ClipSource>) -> Vec<String> {
    let mut log = Vec::new();
    driver::run(
        session,
        &mut ScriptedSource::new(takes),
        &mut NullSink::default(),
        &mut *whisper().lock().unwrap(),
        &mut Mute,
        &quick(),
        &AtomicBool::new(false),
        Event::Start,
        &mut logger(&mut log),
    )
    .unwrap();
    log
}

/// A microphone unplugged once `takes` listening turns are over.
struct Unplugged {
    inner: ScriptedSource,
    takes: usize,
}

impl Input for Unplugged {
    fn next_frame(&mut self) -> Result<Option<Frame>, AudioError> {
        if self.takes == 0 {
            return Err(AudioError::DeviceLost);
        }
        let f = self.inner.next_frame()?;
        if f.is_none() {
            self.takes -= 1;
        }
        Ok(f)
    }
    fn exhausted(&self) -> bool {
        false
    }
    fn end_take(&mut self) {
        self.inner.end_take();
        self.takes -= 1;
    }
}

#[test]
fn a_lost_microphone_keeps_the_session_and_it_goes_on_when_back() {
    let dir = tmp();
    let mut s = session(questions());
    let mut log = Vec::new();
    let mut asr = whisper().lock().unwrap();
    let first = "I am a network engineer with five years of experience. That's my answer.";
    let mut mic = Unplugged {
        inner: ScriptedSource::new(vec![take(dir.path(), "a.wav", first), silence(1.5)]),
        takes: 2,
    };
    let stop = AtomicBool::new(false);
    let lost = driver::run(
        &mut s,
        &mut mic,
        &mut NullSink::default(),
        &mut *asr,
        &mut Mute,
        &quick(),
        &stop,
        Event::Start,
        &mut logger(&mut log),
    );
    assert!(
        matches!(lost, Err(SessionError::Audio(AudioError::DeviceLost))),
        "{lost:?}"
    );
    assert_eq!(s.record.questions.len(), 1, "the first answer is kept");
    // The microphone is back: the second question is asked again and answered.
    let second = "A firewall filters traffic between networks by rules. That's my answer.";
    driver::run(
        &mut s,
        &mut ScriptedSource::new(vec![take(dir.path(), "b.wav", second), silence(1.5)]),
        &mut NullSink::default(),
        &mut *asr,
        &mut Mute,
        &quick(),
        &stop,
        Event::Resume,
        &mut logger(&mut log),
    )
    .unwrap();
    assert!(
        log.iter()
            .any(|l| l == "agent: We're back. Here is question 2 of 2 again."),
        "{log:#?}"
    );
    assert_eq!(s.record.questions.len(), 2, "{log:#?}");
    assert!(
        log.last().unwrap().contains("You answered 2 of 2"),
        "{log:#?}"
    );
}

pub fn take(dir: &std::path::Path, name: &str, text: &str) -> ClipSource {
    ClipSource::from_wav(&espeak(dir, name, "en-us+m3", text))
        .unwrap()
        .pad_silence(1.0)
}

pub fn silence(s: f32) -> ClipSource {
    ClipSource::new(&Clip::silence(s, 16_000)).unwrap()
}

#[test]
fn repeat_repeats_the_question_and_an_answer_follows() {
    let dir = tmp();
    let (log, record) = run(vec![
        take(dir.path(), "r.wav", "Repeat the question, please."),
        take(
            dir.path(),
            "a.wav",
            "I am a network engineer with five years of experience. That's my answer.",
        ),
        silence(1.5),
        take(dir.path(), "s.wav", "Skip this one."),
    ]);
    let asks: Vec<&String> = log
        .iter()
        .filter(|l| l.contains("Tell me about yourself"))
        .collect();
    assert_eq!(asks.len(), 2, "asked, then repeated: {log:#?}");
    assert!(
        matches!(&record.questions[0], QuestionOutcome::Answered(a) if a.transcript.to_lowercase().contains("network")),
        "{record:?}"
    );
    assert!(
        matches!(&record.questions[1], QuestionOutcome::Skipped { .. }),
        "{record:?}"
    );
    assert!(
        log.last().unwrap().contains("You answered 1 of 2"),
        "{log:#?}"
    );
    // Each outcome, as it comes, is offered to be saved (a stop then loses nothing recorded).
    let recorded: Vec<&String> = log.iter().filter(|l| l.starts_with("recorded:")).collect();
    assert_eq!(recorded, ["recorded: 1", "recorded: 2"], "{log:#?}");
}

#[test]
fn silence_gets_a_prompt_then_an_offer_to_skip_then_moves_on() {
    // One take per listening turn: three long silences for question 1, then the input ends.
    let (log, record) = run(vec![silence(5.0), silence(5.0), silence(5.0)]);
    let prompt = log
        .iter()
        .position(|l| l.contains("Take your time"))
        .expect("prompt");
    let offer = log
        .iter()
        .position(|l| l.contains("Shall we skip"))
        .expect("offer");
    let on = log
        .iter()
        .position(|l| l.contains("Let's move on"))
        .expect("moved on");
    assert!(prompt < offer && offer < on, "{log:#?}");
    assert!(matches!(
        record.questions[0],
        QuestionOutcome::NoAnswer { .. }
    ));
    // The input ran out during question 2: the session wraps up and keeps the record.
    assert!(
        log.last()
            .unwrap()
            .contains("That's the end of the interview"),
        "{log:#?}"
    );
}

#[test]
fn an_answer_that_mentions_stop_is_an_answer_and_stop_stops() {
    let dir = tmp();
    let (log, record) = run(vec![
        take(
            dir.path(),
            "a.wav",
            "I stopped the attack by blocking the address at the firewall. That's my answer.",
        ),
        silence(1.5),
        take(dir.path(), "s.wav", "Stop."),
    ]);
    assert!(
        matches!(&record.questions[0], QuestionOutcome::Answered(a) if a.transcript.to_lowercase().contains("stopped")),
        "{log:#?}"
    );
    assert_eq!(record.questions.len(), 1, "{log:#?}");
    assert!(
        log.last().unwrap().contains("You answered 1 of 2"),
        "{log:#?}"
    );
}

/// A story without its result gets one follow-up; the spoken reply, heard by the real
/// recogniser, joins the answer's record and its feedback.
#[test]
fn a_follow_up_is_asked_and_its_reply_joins_the_answer() {
    let dir = tmp();
    let story = Question {
        id: "b".into(),
        field: "test".into(),
        kind: Kind::Behavioral,
        text: "Tell me about a time you fixed a problem at work.".into(),
        talking_points: Kind::Behavioral.default_talking_points().to_vec(),
        terms: vec![],
    };
    let mut s = session(vec![story]).with_follow_ups(true);
    let log = drive(
        &mut s,
        vec![
            take(
                dir.path(),
                "a.wav",
                "At my last job the printer on our floor kept jamming every day. I was the one \
                 who had to deal with it. I read the manual, I cleaned the rollers and I ordered \
                 a new part from the supplier.",
            ),
            take(
                dir.path(),
                "b.wav",
                "After that it never jammed again and people stopped complaining.",
            ),
            silence(1.5),
        ],
    );
    let QuestionOutcome::Answered(a) = &s.record.questions[0] else {
        panic!("{:?}", s.record);
    };
    let f = a.follow_up.as_ref().expect("a follow-up was asked");
    assert!(
        log.iter().any(|l| l == &format!("agent: {}", f.asked)),
        "{log:#?}"
    );
    assert!(f.reply.to_lowercase().contains("jammed"), "{f:?}");
    assert!(
        a.transcript.to_lowercase().contains("printer") && a.transcript.ends_with(&f.reply),
        "{}",
        a.transcript
    );
    // Asked before the feedback, and the feedback came once, after the reply.
    let asked_at = log.iter().position(|l| l == &format!("agent: {}", f.asked));
    let feedback_at = log
        .iter()
        .position(|l| l == &format!("agent: {}", a.feedback));
    assert!(asked_at < feedback_at, "{log:#?}");
}
