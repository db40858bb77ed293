//! Barge-in and the echo guard, on one simulated room: what the agent plays reaches the
//! microphone after a delay (a loudspeaker) or not at all (a headset), mixed with what the
//! candidate says on a timeline. The session's clock is the microphone's: no waiting.

use std::cell::RefCell;
use std::ops::ControlFlow;
use std::rc::Rc;
use std::sync::atomic::AtomicBool;

use warmup::audio::sink::AudioSink;
use warmup::audio::source::AudioSource;
use warmup::audio::{resample::resample, wav::read_wav, AudioError, Clip};
use warmup::audio::{to_frame, Frame, FRAME_SAMPLES};
use warmup::session::driver;
use warmup::session::input::{Input, Live};
use warmup::session::machine::Event;
use warmup::session::settings::{Duplex, Listening};
use warmup::session::{QuestionOutcome, SessionRecord};

use crate::session::{logger, questions, quick, session, Mute};
use crate::support::{espeak, piper, tmp, whisper};
use warmup::bank::Question;
use warmup::tts::{Synthesizer, TtsError};

const RATE: usize = 16_000;

/// The air between the speaker and the microphone, at 16 kHz on the microphone's clock.
#[derive(Default)]
struct Room {
    /// Samples read by the microphone so far: the clock.
    clock: usize,
    /// What the speaker played, by the time it was played.
    played: Vec<f32>,
    queued: std::collections::VecDeque<f32>,
    /// Speaker-to-microphone delay in samples; `None`: a headset, nothing comes back.
    echo_delay: Option<usize>,
    /// What the candidate says, by time.
    candidate: Vec<f32>,
}

struct Speaker(Rc<RefCell<Room>>);
struct Microphone(Rc<RefCell<Room>>);

impl Room {
    fn play(&mut self, start: usize, n: usize) {
        if self.played.len() < start {
            self.played.resize(start, 0.0);
        }
        let n = n.min(self.queued.len());
        let samples: Vec<f32> = self.queued.drain(..n).collect();
        for (i, s) in samples.into_iter().enumerate() {
            match self.played.get_mut(start + i) {
                Some(p) => *p = s,
                None => self.played.push(s),
            }
        }
    }
}

impl AudioSink for Speaker {
    fn queue(&mut self, clip: &Clip) -> Result<(), AudioError> {
        let c = resample(clip, RATE as u32)?;
        self.0.borrow_mut().queued.extend(c.samples);
        Ok(())
    }
    fn busy(&self) -> bool {
        !self.0.borrow().queued.is_empty()
    }
    fn advance(&mut self, seconds: f32) {
        // The frame just read lasted `seconds`: the speaker played that long, in that frame.
        let mut room = self.0.borrow_mut();
        let n = (seconds * RATE as f32).round() as usize;
        let start = room.clock.saturating_sub(n);
        room.play(start, n);
    }
    fn stop(&mut self) {
        self.0.borrow_mut().queued.clear();
    }
    fn drain(&mut self) -> Result<(), AudioError> {
        let mut room = self.0.borrow_mut();
        let (start, n) = (room.clock.max(room.played.len()), room.queued.len());
        room.play(start, n);
        Ok(())
    }
}

impl AudioSource for Microphone {
    fn next_frame(&mut self) -> Result<Option<Frame>, AudioError> {
        let mut room = self.0.borrow_mut();
        if room.clock >= room.candidate.len() {
            return Ok(None);
        }
        let t0 = room.clock;
        let samples: Vec<f32> = (t0..t0 + FRAME_SAMPLES)
            .map(|t| {
                let echo = room
                    .echo_delay
                    .and_then(|d| t.checked_sub(d))
                    .and_then(|t| room.played.get(t))
                    .copied()
                    .unwrap_or(0.0);
                room.candidate.get(t).copied().unwrap_or(0.0) + echo
            })
            .collect();
        room.clock += FRAME_SAMPLES;
        Ok(Some(to_frame(&samples)))
    }
}

/// The candidate's timeline: `(start second, text)` spoken by espeak-ng, then silence until
/// `total_s`.
fn timeline(lines: &[(f32, &str)], total_s: f32) -> (Vec<f32>, Vec<f32>) {
    let dir = tmp();
    let mut out = vec![0.0; (total_s * RATE as f32) as usize];
    let mut onsets = Vec::new();
    for (i, (at, text)) in lines.iter().enumerate() {
        let path = espeak(dir.path(), &format!("{i}.wav"), "en-us+m3", text);
        let clip = resample(&read_wav(&path).unwrap(), RATE as u32).unwrap();
        let start = (at * RATE as f32) as usize;
        // Where the voice really starts (espeak leads with a little silence).
        let lead = clip
            .samples
            .iter()
            .position(|s| s.abs() > 0.02)
            .unwrap_or(0);
        onsets.push((start + lead) as f32 / RATE as f32);
        for (j, s) in clip.samples.iter().enumerate() {
            if let Some(o) = out.get_mut(start + j) {
                *o += s;
            }
        }
    }
    (out, onsets)
}

fn room(candidate: Vec<f32>, echo_delay_s: Option<f32>) -> Rc<RefCell<Room>> {
    Rc::new(RefCell::new(Room {
        candidate,
        echo_delay: echo_delay_s.map(|s| (s * RATE as f32) as usize),
        ..Room::default()
    }))
}

/// One question of three sentences that takes 7.2 s to ask with the [`Mute`] voice (0.3 s a
/// word): 1.2 s, 2.1 s and 3.9 s.
fn long_question() -> Vec<Question> {
    let mut qs = questions();
    qs.truncate(1);
    qs[0].text = "Tell me about yourself. Describe the work you have done so far. And what would you like to be doing in the next few years?".into();
    qs
}

/// A voice that notes how many sentences of each text it synthesized.
struct Counting<S> {
    inner: S,
    spoken: Vec<(String, usize)>,
}

impl<S: Synthesizer> Synthesizer for Counting<S> {
    fn sample_rate(&self) -> u32 {
        self.inner.sample_rate()
    }
    fn synthesize(
        &mut self,
        text: &str,
        rate: f32,
        on_sentence: &mut dyn FnMut(Clip) -> ControlFlow<()>,
    ) -> Result<(), TtsError> {
        let mut n = 0;
        let r = self.inner.synthesize(text, rate, &mut |c| {
            n += 1;
            on_sentence(c)
        });
        self.spoken.push((text.to_string(), n));
        r
    }
}

/// Runs the session in the room; also returns, with the [`Mute`] voice, each text it was asked
/// to say and how many of its sentences it synthesized.
fn run_in(
    room: &Rc<RefCell<Room>>,
    duplex: Duplex,
    real_voice: bool,
) -> (Vec<String>, SessionRecord, Vec<(String, usize)>) {
    run_with_presses(room, duplex, real_voice, &[])
}

/// A microphone whose user presses the push-to-talk button at the given times (seconds).
struct Pressing {
    mic: Microphone,
    at: Vec<usize>,
    button: std::sync::mpsc::Sender<()>,
}

impl AudioSource for Pressing {
    fn next_frame(&mut self) -> Result<Option<Frame>, AudioError> {
        let clock = self.mic.0.borrow().clock;
        if self.at.first().is_some_and(|t| clock >= *t) {
            self.at.remove(0);
            self.button.send(()).unwrap();
        }
        self.mic.next_frame()
    }
}

/// [`run_in`], with push-to-talk presses at `presses` seconds (none: voice detection alone).
fn run_with_presses(
    room: &Rc<RefCell<Room>>,
    duplex: Duplex,
    real_voice: bool,
    presses: &[f32],
) -> (Vec<String>, SessionRecord, Vec<(String, usize)>) {
    let mut s = session(long_question());
    let mut log = Vec::new();
    let listening = Listening { duplex, ..quick() };
    let mut asr = whisper().lock().unwrap();
    let (button, pressed) = std::sync::mpsc::channel();
    let pressing = Pressing {
        mic: Microphone(Rc::clone(room)),
        at: presses.iter().map(|s| (s * RATE as f32) as usize).collect(),
        button,
    };
    let mut ptt;
    let mut plain;
    let mic: &mut dyn Input = if presses.is_empty() {
        plain = Live::new(Microphone(Rc::clone(room)));
        &mut plain
    } else {
        ptt = Live::with_presses(pressing, Some(pressed), true);
        &mut ptt
    };
    let mut speaker = Speaker(Rc::clone(room));
    let stop = AtomicBool::new(false);
    let mut mute = Counting {
        inner: Mute,
        spoken: Vec::new(),
    };
    let result = if real_voice {
        driver::run(
            &mut s,
            mic,
            &mut speaker,
            &mut *asr,
            &mut *piper().lock().unwrap(),
            &listening,
            &stop,
            Event::Start,
            &mut logger(&mut log),
        )
    } else {
        driver::run(
            &mut s,
            mic,
            &mut speaker,
            &mut *asr,
            &mut mute,
            &listening,
            &stop,
            Event::Start,
            &mut logger(&mut log),
        )
    };
    result.unwrap();
    (log, s.record, mute.spoken)
}

fn barge_ins(log: &[String]) -> Vec<f32> {
    log.iter()
        .filter_map(|l| l.strip_prefix("barge-in: ")?.parse().ok())
        .collect()
}

#[test]
fn speaking_over_the_question_stops_it_within_300_ms_and_is_heard() {
    // A headset: nothing comes back. With the Mute voice the greeting (35 words) lasts 10.5 s,
    // then the 24-word question runs from 10.75 s to 17.95 s (its second sentence from 11.95 s
    // to 14.05 s). The candidate asks for the question
    // again over it, and later answers over the repeated question.
    let (candidate, onsets) = timeline(
        &[
            (3.0, "Hello?"),
            (13.0, "Repeat the question."),
            (
                21.0,
                "I am a network engineer with five years of experience. That's my answer.",
            ),
        ],
        50.0,
    );
    let room = room(candidate, None);
    let (log, record, spoken) = run_in(&room, Duplex::default(), false);
    let stops = barge_ins(&log);
    // The greeting is not interrupted: that would skip the question.
    assert!(stops.iter().all(|t| *t > 10.75), "{log:#?}");
    assert!(!stops.is_empty(), "{log:#?}");
    let late = stops[0] - onsets[1];
    eprintln!("barge-in in the simulated room: stopped {late:.3} s after the voice began");
    assert!(
        (0.0..=0.3).contains(&late),
        "the agent stopped {late:.2} s after the candidate began: {log:#?}"
    );
    // The voice stopped there: the sentence after the one spoken over was never synthesized.
    let asked = spoken
        .iter()
        .find(|(text, _)| text.contains("Tell me about yourself"));
    assert_eq!(
        asked.map(|(_, n)| *n),
        Some(2),
        "sentences of the question synthesized: {spoken:#?}"
    );
    // What barged in is the next turn: the question is repeated, then answered.
    let heard = log
        .iter()
        .position(|l| l.starts_with("user: Repeat the question"));
    assert!(heard.is_some(), "{log:#?}");
    let answer = record.questions.iter().find_map(|q| match q {
        QuestionOutcome::Answered(a) => Some(a.transcript.clone()),
        _ => None,
    });
    let answer = answer.unwrap_or_default().to_lowercase();
    assert!(answer.contains("network engineer"), "{answer:?}: {log:#?}");
}

#[test]
fn with_the_echo_guard_the_agent_does_not_answer_itself() {
    // A loudspeaker: the agent's real voice comes back 250 ms later. The candidate says
    // nothing at all.
    let total = 60.0;
    let (silent, _) = timeline(&[], total);
    let guarded = Duplex {
        echo_guard_ms: Some(400),
        ..Duplex::default()
    };
    let (log, record, _) = run_in(&room(silent.clone(), Some(0.25)), guarded, true);
    assert!(barge_ins(&log).is_empty(), "{log:#?}");
    let heard: Vec<&String> = log
        .iter()
        .filter(|l| l.starts_with("user: ") && !l.ends_with("(silence)"))
        .collect();
    assert!(heard.is_empty(), "the agent heard itself: {heard:?}");
    assert!(
        matches!(record.questions[..], [QuestionOutcome::NoAnswer { .. }]),
        "{:?}",
        record.questions
    );
    // The same room without the guard: the agent's own voice barges in.
    let (log, _, _) = run_in(&room(silent, Some(0.25)), Duplex::default(), true);
    assert!(!barge_ins(&log).is_empty(), "{log:#?}");
}

/// A headset with push-to-talk. The question (Mute voice) runs from 10.75 s to 17.95 s; the
/// candidate answers from 12.5 s and presses the button at `presses` seconds. Returns the log,
/// the sentences spoken and the first answer heard (lower case).
fn push_to_talk_answer(presses: &[f32]) -> (Vec<String>, Vec<(String, usize)>, Option<String>) {
    let (candidate, _) = timeline(
        &[(
            12.5,
            "I am a network engineer with five years of experience.",
        )],
        40.0,
    );
    let (log, record, spoken) =
        run_with_presses(&room(candidate, None), Duplex::default(), false, presses);
    let answer = record.questions.iter().find_map(|q| match q {
        QuestionOutcome::Answered(a) => Some(a.transcript.to_lowercase()),
        _ => None,
    });
    (log, spoken, answer)
}

#[test]
fn a_push_to_talk_press_during_the_question_stops_it_and_opens_the_microphone() {
    // Presses at 12.0 s (during the question) and 17.5 s (the end of the answer).
    let (log, spoken, answer) = push_to_talk_answer(&[12.0, 17.5]);
    let stops = barge_ins(&log);
    assert!(
        stops.first().is_some_and(|t| (12.0..12.1).contains(t)),
        "the press stops the agent at once: {log:#?}"
    );
    let asked = spoken
        .iter()
        .find(|(text, _)| text.contains("Tell me about yourself"));
    assert_eq!(asked.map(|(_, n)| *n), Some(2), "{spoken:#?}");
    assert!(
        answer.is_some_and(|a| a.contains("network engineer")),
        "{log:#?}"
    );
}

#[test]
fn a_push_to_talk_press_during_the_welcome_is_ignored() {
    // As above, with one more press at 3.0 s, while the welcome (which cannot be interrupted)
    // plays: it must neither stop the question when it starts at 10.75 s nor leave the
    // microphone open, so the presses at 12.0 s and 17.5 s still start and end the answer.
    let (log, _, answer) = push_to_talk_answer(&[3.0, 12.0, 17.5]);
    let stops = barge_ins(&log);
    assert!(
        stops.first().is_some_and(|t| (12.0..12.1).contains(t)),
        "only the press during the question stops the agent: {log:#?}"
    );
    assert!(
        answer.is_some_and(|a| a.contains("network engineer")),
        "{log:#?}"
    );
}
