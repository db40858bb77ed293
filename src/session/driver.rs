//! Runs the interview state machine ([`super::machine::Session`]) over real stages: it speaks
//! with a [`Synthesizer`] into an [`AudioSink`], listens on an [`Input`] through the
//! turn-taking and the recogniser, and turns what it hears into events. Wall-clock timings are
//! measured here, at the edge; the machine never sees a clock.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use super::input::Input;
use super::machine::{Action, Cue, Event, Listen, Session};
use super::record::{QuestionOutcome, SessionRecord};
use super::settings::Listening;
use super::turn::{Turn, TurnStatus};
use crate::asr::{AsrError, TranscribeOptions, Transcriber};
use crate::audio::sink::AudioSink;
use crate::audio::{tones, AudioError, Clip};
use crate::audio::{Frame, FRAME_SAMPLES};
use crate::tts::{Synthesizer, TtsError};
use crate::vad::endpointer::{ms_to_frames, VoiceDetector, WebRtcDetector};

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

/// Something the session did, for a live printout.
#[derive(Debug, Clone, PartialEq)]
pub enum Progress<'a> {
    Said(&'a str),
    Heard(&'a str),
    NoSpeech,
    /// The user spoke over the agent, which stopped; `at_s` is the session clock (input
    /// audio read so far).
    BargedIn {
        at_s: f32,
    },
    /// The voice's rate or volume was set.
    Voice {
        rate: f32,
        volume: f32,
    },
    /// The answer so far, while the candidate is still speaking (pieces closed at pauses).
    Partial(&'a str),
    /// The record gained a question's outcome (an answer, a skip): a moment to save it.
    Recorded(&'a SessionRecord),
}

/// Runs a session from `first` ([`Event::Start`], or [`Event::Resume`] after a lost device
/// came back) to its end. `stop` is checked every frame (Ctrl-C).
///
/// While the agent speaks, a live source is read all the same: for barge-in (the user's voice
/// stops the agent and becomes the start of the next turn) or, behind an echo guard, to throw
/// the agent's own voice away. A scripted source has nothing to say while the agent speaks.
///
/// # Errors
/// [`SessionError`]; `session.record` holds everything finished before it.
#[allow(clippy::too_many_arguments)]
pub fn run<T: Transcriber, S: Synthesizer>(
    session: &mut Session,
    source: &mut dyn Input,
    sink: &mut dyn AudioSink,
    asr: &mut T,
    tts: &mut S,
    listening: &Listening,
    stop: &AtomicBool,
    first: Event,
    progress: &mut dyn FnMut(Progress<'_>),
) -> Result<(), SessionError> {
    let mut source = Clocked {
        inner: source,
        frames: 0,
    };
    let (mut rate, mut volume) = (1.0f32, 1.0f32);
    let mut pending = vec![first];
    // The last transcript's time after its turn ended, and the answer whose feedback is to be
    // timed: real timings in the record, measured here at the edge.
    let mut asr_after_end_ms = 0.0;
    let mut feedback_of: Option<usize> = None;
    while let Some(event) = pending.pop() {
        let answers = session.record.questions.len();
        let t = Instant::now();
        let actions = session.handle(event);
        let handled_ms = t.elapsed().as_secs_f64() * 1000.0;
        if session.record.questions.len() > answers {
            if let Some(QuestionOutcome::Answered(a)) = session.record.questions.last_mut() {
                // Handling the answer is the insights and the feedback text.
                a.timings_ms.asr_after_end = asr_after_end_ms;
                a.timings_ms.insights = handled_ms;
                feedback_of = Some(session.record.questions.len() - 1);
            }
            progress(Progress::Recorded(&session.record));
        }
        // Speech that barged in, carried into the next listening turn.
        let mut carried: Option<Vec<Frame>> = None;
        let mut overlap = Overlap::new();
        // Only the last thing said before listening (the question, a prompt) and its tone can be
        // spoken over: a barge-in during a lead-in ("Welcome...") would skip the question and
        // take whatever was said as its answer.
        let listen_at = actions.iter().position(|a| matches!(a, Action::Listen(_)));
        let last_say = listen_at.and_then(|l| {
            actions[..l]
                .iter()
                .rposition(|a| matches!(a, Action::Say(_)))
        });
        for (i, action) in actions.iter().enumerate() {
            if stop.load(Ordering::Relaxed) {
                tracing::debug!("stop seen between actions");
                pending.push(Event::Interrupted);
                break;
            }
            let listens_next = last_say.is_some_and(|s| i >= s) && listen_at.is_some_and(|l| i < l);
            let out = match action {
                Action::Say(_) | Action::Cue(_) if carried.is_some() => continue,
                Action::Say(text) => {
                    progress(Progress::Said(text));
                    let mut heard = None;
                    let mut failed = None;
                    let started = Instant::now();
                    let mut first_audio_ms = None;
                    tts.synthesize(text, rate, &mut |c| {
                        first_audio_ms.get_or_insert(started.elapsed().as_secs_f64() * 1000.0);
                        let r = sink.queue(&c.scaled(volume)).and_then(|()| {
                            // Between sentences: only what has arrived, the next sentence waits.
                            overlap.watch(&mut source, sink, listening, listens_next, stop, false)
                        });
                        match r {
                            Ok(None) => return std::ops::ControlFlow::Continue(()),
                            // Spoken over: the rest is not synthesized.
                            Ok(h) => heard = h,
                            Err(e) => failed = Some(e),
                        }
                        std::ops::ControlFlow::Break(())
                    })?;
                    if let Some(e) = failed {
                        return Err(e.into());
                    }
                    if let Some(QuestionOutcome::Answered(a)) =
                        feedback_of.and_then(|i| session.record.questions.get_mut(i))
                    {
                        if a.feedback == *text {
                            a.timings_ms.tts_first_audio = first_audio_ms.unwrap_or(0.0);
                            feedback_of = None;
                        }
                    }
                    if heard.is_none() {
                        sink.queue(&Clip::silence(0.25, tts.sample_rate()))?;
                        heard = overlap.watch(
                            &mut source,
                            sink,
                            listening,
                            listens_next,
                            stop,
                            true,
                        )?;
                    }
                    heard
                }
                Action::Cue(cue) => {
                    let sr = tts.sample_rate();
                    let clip = match cue {
                        Cue::YourTurn => tones::your_turn(sr),
                        Cue::Paused => tones::tone(440.0, 0.25, sr),
                        Cue::NotCaught => tones::tone(330.0, 0.2, sr),
                    };
                    sink.queue(&clip.scaled(volume))?;
                    overlap.watch(&mut source, sink, listening, listens_next, stop, true)?
                }
                Action::SetRate(r) => {
                    rate = *r;
                    progress(Progress::Voice { rate, volume });
                    None
                }
                Action::SetVolume(v) => {
                    volume = *v;
                    progress(Progress::Voice { rate, volume });
                    None
                }
                Action::Listen(kind) => {
                    let ms = match kind {
                        Listen::Answer => listening.patience.answer_ms,
                        Listen::AfterFeedback => listening.patience.after_feedback_ms,
                        Listen::Paused => listening.patience.paused_ms,
                    };
                    let Listened {
                        event: ev,
                        asr_after_end_ms: asr_ms,
                    } = listen(
                        &mut source,
                        asr,
                        listening,
                        listening.keep_fillers && matches!(kind, Listen::Answer),
                        ms,
                        stop,
                        carried.take(),
                        false,
                        progress,
                    )?;
                    asr_after_end_ms = asr_ms;
                    match &ev {
                        Event::Heard(t) => progress(Progress::Heard(&t.transcript.text)),
                        Event::NoSpeech => progress(Progress::NoSpeech),
                        _ => {}
                    }
                    pending.push(ev);
                    None
                }
                Action::Finish => return Ok(()),
            };
            if let Some(frames) = out {
                progress(Progress::BargedIn {
                    at_s: source.clock_s(),
                });
                carried = Some(frames);
            }
        }
    }
    Ok(())
}

/// Says `text` to the end (nothing can interrupt it).
///
/// # Errors
/// [`SessionError`] from the voice or the sink.
pub fn say<S: Synthesizer>(
    tts: &mut S,
    sink: &mut dyn AudioSink,
    text: &str,
) -> Result<(), SessionError> {
    let mut failed = None;
    tts.synthesize(text, 1.0, &mut |c| match sink.queue(&c) {
        Ok(()) => std::ops::ControlFlow::Continue(()),
        Err(e) => {
            failed = Some(e);
            std::ops::ControlFlow::Break(())
        }
    })?;
    if let Some(e) = failed {
        return Err(e.into());
    }
    sink.drain()?;
    Ok(())
}

/// Counts the frames read: the session's clock.
struct Clocked<'a> {
    inner: &'a mut dyn Input,
    frames: u64,
}

impl Clocked<'_> {
    fn clock_s(&self) -> f32 {
        crate::vad::endpointer::frames_to_s(self.frames)
    }
}

impl Input for Clocked<'_> {
    fn next_frame(&mut self) -> Result<Option<Frame>, AudioError> {
        let f = self.inner.next_frame()?;
        self.frames += u64::from(f.is_some());
        Ok(f)
    }
    fn exhausted(&self) -> bool {
        self.inner.exhausted()
    }
    fn discard_pending(&mut self) {
        self.inner.discard_pending();
    }
    fn end_take(&mut self) {
        self.inner.end_take();
    }
    fn live(&self) -> bool {
        self.inner.live()
    }
    fn ready(&self) -> bool {
        self.inner.ready()
    }
    fn take_press(&mut self) -> bool {
        self.inner.take_press()
    }
}

/// What the microphone heard while the agent spoke, kept across the clips of one batch of
/// actions (a question, its tone): speech that starts in one clip and goes on into the next is
/// one barge-in, with its beginning.
struct Overlap {
    recent: std::collections::VecDeque<Frame>,
    voiced: usize,
    vad: WebRtcDetector,
}

impl Overlap {
    fn new() -> Self {
        Overlap {
            recent: std::collections::VecDeque::new(),
            voiced: 0,
            vad: WebRtcDetector::new(),
        }
    }

    /// While the sink plays: reads a live source (to the end of playback with `to_end`, else
    /// only what is already there). Returns the frames of a barge-in (the pre-roll and the
    /// voice that triggered it) after stopping the sink, or `None`. A button press (push-to-talk)
    /// is a barge-in too, with no frames yet, also behind the echo guard. With an echo guard the
    /// input is thrown away, also for the guard's cooldown after playback.
    fn watch(
        &mut self,
        source: &mut Clocked<'_>,
        sink: &mut dyn AudioSink,
        listening: &Listening,
        listens_next: bool,
        stop: &AtomicBool,
        to_end: bool,
    ) -> Result<Option<Vec<Frame>>, AudioError> {
        if !source.live() {
            if to_end {
                sink.drain()?;
            }
            return Ok(None);
        }
        let d = &listening.duplex;
        let watch = d.barge_in && d.echo_guard_ms.is_none() && listens_next;
        let onset = ms_to_frames(d.barge_in_ms).max(1) as usize;
        let keep = onset + ms_to_frames(listening.endpoint.pre_roll_ms) as usize;
        while sink.busy() && (to_end || source.ready()) {
            if stop.load(Ordering::Relaxed) {
                sink.stop();
                return Ok(None);
            }
            if source.take_press() {
                if listens_next {
                    sink.stop();
                    tracing::debug!(at_s = source.clock_s(), "pressed: the agent stops");
                    self.voiced = 0;
                    self.recent.clear();
                    return Ok(Some(Vec::new()));
                }
                // A press during a lead-in, which cannot be interrupted (the welcome, feedback):
                // forgotten, so that it neither stops the question as it starts nor leaves
                // push-to-talk open with the turns out of step.
                source.end_take();
                tracing::debug!(at_s = source.clock_s(), "pressed during a lead-in: ignored");
            }
            let Some(frame) = source.next_frame()? else {
                // The input ran out: let the rest play.
                sink.drain()?;
                return Ok(None);
            };
            sink.advance(FRAME_S);
            if !watch {
                continue;
            }
            self.voiced = if self.vad.is_voice(&frame) {
                self.voiced + 1
            } else {
                0
            };
            self.recent.push_back(frame);
            if self.recent.len() > keep {
                self.recent.pop_front();
            }
            if self.voiced >= onset {
                sink.stop();
                tracing::debug!(at_s = source.clock_s(), "barge-in: the agent stops");
                self.voiced = 0;
                return Ok(Some(self.recent.drain(..).collect()));
            }
        }
        if watch && to_end && self.voiced > 0 {
            // The user began to speak as the agent finished: the start of the turn.
            self.voiced = 0;
            return Ok(Some(self.recent.drain(..).collect()));
        }
        if let (Some(ms), true, false) = (d.echo_guard_ms, to_end, sink.busy()) {
            for _ in 0..ms_to_frames(ms) {
                if source.next_frame()?.is_none() {
                    break;
                }
            }
        }
        Ok(None)
    }
}

/// One frame's duration.
const FRAME_S: f32 = FRAME_SAMPLES as f32 / 16_000.0;

/// Listens for one turn outside a session (a kiosk waiting for "start").
///
/// # Errors
/// [`SessionError`].
pub fn listen_once<T: Transcriber>(
    source: &mut dyn Input,
    asr: &mut T,
    listening: &Listening,
    no_speech_ms: u32,
    stop: &AtomicBool,
) -> Result<Event, SessionError> {
    // A press made before (during a visit, to answer) is not a new start.
    source.take_press();
    listen(
        source,
        asr,
        listening,
        false,
        no_speech_ms,
        stop,
        None,
        true,
        &mut |_| {},
    )
    .map(|l| l.event)
}

/// What a listening turn gave, and how long its transcript took after the turn ended.
pub struct Listened {
    pub event: Event,
    pub asr_after_end_ms: f64,
}

/// Listens for one answer as a session does (with the filler pass if asked for), however long
/// the silence before it: [`super::answer::answer_once`].
///
/// # Errors
/// [`SessionError`].
pub fn listen_answer<T: Transcriber>(
    source: &mut dyn Input,
    asr: &mut T,
    listening: &Listening,
    stop: &AtomicBool,
) -> Result<Listened, SessionError> {
    listen(
        source,
        asr,
        listening,
        listening.keep_fillers,
        u32::MAX,
        stop,
        None,
        false,
        &mut |_| {},
    )
}

impl From<Event> for Listened {
    fn from(event: Event) -> Self {
        Listened {
            event,
            asr_after_end_ms: 0.0,
        }
    }
}

/// Listens for one turn: speech that ends, `NoSpeech` after `no_speech_ms` of nothing, or the
/// end of the input; with `press_starts`, a button press is [`Event::Start`].
#[allow(clippy::too_many_arguments)]
fn listen<T: Transcriber>(
    source: &mut dyn Input,
    asr: &mut T,
    listening: &Listening,
    keep_fillers: bool,
    no_speech_ms: u32,
    stop: &AtomicBool,
    carried: Option<Vec<Frame>>,
    press_starts: bool,
    progress: &mut dyn FnMut(Progress<'_>),
) -> Result<Listened, SessionError> {
    // The question is not given to whisper as a prompt: after a first turn transcribed with
    // it, tiny.en returned nothing at all for a whole 15 s answer (seen in the demo).
    let opts = TranscribeOptions {
        fit_audio_ctx: true,
        keep_fillers,
        ..TranscribeOptions::default()
    };
    let endpoint = &listening.endpoint;
    let mut turn = Turn::new(listening.detectors.detector(), endpoint, opts);
    let limit = ms_to_frames(no_speech_ms);
    // Words of the partial transcript last shown.
    let mut shown = 0;
    let mut carried = match carried {
        Some(frames) => frames.into_iter(),
        None => {
            source.discard_pending();
            Vec::new().into_iter()
        }
    };
    loop {
        if stop.load(Ordering::Relaxed) {
            return Ok(Event::Interrupted.into());
        }
        if press_starts && source.take_press() {
            // The press opened the input; the first answer waits for a press of its own.
            source.end_take();
            return Ok(Event::Start.into());
        }
        let Some(frame) = carried
            .next()
            .map_or_else(|| source.next_frame(), |f| Ok(Some(f)))?
        else {
            if source.exhausted() && turn.frames() == 0 {
                return Ok(Event::InputEnded.into());
            }
            turn.end_of_input();
            break;
        };
        let status = match turn.push(&frame, asr) {
            Err(AsrError::Stopped) => return Ok(Event::Interrupted.into()),
            status => status?,
        };
        // Joined into text only when a piece has added words (not on every 30 ms frame).
        if turn.words_so_far() != shown {
            shown = turn.words_so_far();
            if let Some(text) = turn.heard_so_far() {
                progress(Progress::Partial(&text));
            }
        }
        match status {
            TurnStatus::Over => {
                source.end_take();
                break;
            }
            TurnStatus::Waiting { silent_frames } if silent_frames >= limit => {
                source.end_take();
                return Ok(Event::NoSpeech.into());
            }
            _ => {}
        }
    }
    tracing::debug!(frames = turn.frames(), "listened");
    let t = Instant::now();
    let heard = match turn.finish(asr) {
        Err(AsrError::Stopped) => return Ok(Event::Interrupted.into()),
        heard => heard?,
    };
    let asr_ms = t.elapsed().as_secs_f64() * 1000.0;
    tracing::debug!(
        asr_after_end_ms = asr_ms,
        heard = ?heard.as_ref().map(|h| (&h.transcript.text, h.ended_by, h.pieces_during)),
        "turn transcribed"
    );
    let event = match heard {
        Some(result) if !result.transcript.text.trim().is_empty() => Event::Heard(result),
        // Speech long enough to be an answer, but no words came of it.
        Some(_) => Event::Unclear,
        None => Event::NoSpeech,
    };
    Ok(Listened {
        event,
        asr_after_end_ms: asr_ms,
    })
}
