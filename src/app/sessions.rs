//! The commands that run whole sessions: `demo` (a simulated candidate, files), `practice`
//! (the user's devices) and `kiosk` (visitor after visitor).

use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context;

use super::{banks_dir, Setup};
use crate::asr::WhisperTranscriber;
use crate::audio::mic::CpalSource;
use crate::audio::sink::AudioSink;
use crate::audio::source::ClipSource;
use crate::audio::speaker::RodioSink;
use crate::audio::{self, wav};
use crate::bank;
use crate::cli::{DemoArgs, KioskArgs, PracticeArgs};
use crate::config::Config;
use crate::models::Layout;
use crate::session::driver::Progress;
use crate::session::input::{Input, Live};
use crate::session::machine::{Event, Session, Voice};
use crate::session::scripted::{ScriptedSource, Take};
use crate::session::store::{self, RecordError, Records};
use crate::session::SessionRecord;
use crate::tts::{PiperSynthesizer, Synthesizer};

/// The engines and content sessions need, loaded once: a kiosk reuses them for every visitor.
pub(super) struct Engines {
    asr: WhisperTranscriber,
    tts: PiperSynthesizer,
    content: Content,
}

/// The question banks and what the insights need.
struct Content {
    banks: bank::Banks,
    dir: PathBuf,
    insights: Arc<crate::insights::Context>,
}

impl Engines {
    pub(super) fn load(
        layout: &Layout,
        whisper_model: Option<&Path>,
        banks: Option<&Path>,
    ) -> anyhow::Result<Engines> {
        let dir = banks_dir(layout, banks);
        let all = bank::load_dir(&dir)?;
        let model = layout.whisper_model(whisper_model)?;
        let insights =
            crate::insights::Context::load(&dir.join("glossary")).map_err(anyhow::Error::msg)?;
        // A stop during loading (a second or more on a busy Pi) is not left waiting for it.
        crate::stop::check()?;
        let asr = WhisperTranscriber::load(&model)?.with_stop(crate::stop::flag());
        crate::stop::check()?;
        let tts = PiperSynthesizer::load(layout)?.with_stop(crate::stop::flag());
        crate::stop::check()?;
        Ok(Engines {
            asr,
            tts,
            content: Content {
                banks: all,
                dir,
                insights: Arc::new(insights),
            },
        })
    }
}

/// What to practise.
pub(super) struct Choice<'a> {
    pub field: Option<&'a str>,
    pub default_field: &'a str,
    pub seed: Option<u64>,
    pub question: Option<&'a str>,
    pub kind: Option<&'a str>,
    /// A shorter interview of this many questions (a kiosk visit).
    pub short: Option<usize>,
    pub voice: Voice,
}

/// One session, ready to run.
pub(super) struct Visit {
    session: Session,
    title: String,
    kept: Kept,
}

/// Where a session's record is kept.
pub(super) struct Kept {
    started: chrono::DateTime<chrono::Local>,
    /// Its folder, once made (at the first save).
    folder: Option<PathBuf>,
    /// Did the last save succeed (what may be said about the answers so far)?
    saved: bool,
}

/// Picks the questions (a seed from the clock unless given) into a new session.
fn new_visit(content: &Content, config: &Config, choice: &Choice<'_>) -> anyhow::Result<Visit> {
    let all = &content.banks;
    // A drilled question brings its own field.
    let of_question = choice
        .question
        .and_then(|id| all.question(id))
        .map(|q| q.field.clone());
    let field = of_question
        .or_else(|| choice.field.map(str::to_string))
        .or_else(|| config.field.clone())
        .unwrap_or_else(|| choice.default_field.to_string());
    let bank = all.field(&field).with_context(|| {
        format!(
            "no field `{field}`; fields: {}",
            all.field_names().join(", ")
        )
    })?;
    let started = chrono::Local::now();
    let seed = choice
        .seed
        .unwrap_or(started.timestamp_nanos_opt().unwrap_or_default() as u64);
    let pick = match (choice.question, choice.kind, choice.short) {
        (Some(id), _, _) => bank::Pick::Question(id.to_string()),
        (None, Some(kind), _) => {
            bank::Pick::Kind(kind.parse().map_err(|e: String| anyhow::anyhow!(e))?, 5)
        }
        (None, None, Some(n)) => bank::Pick::Short(n),
        (None, None, None) => bank::Pick::Session,
    };
    let questions = bank::pick_session(bank, &pick, seed);
    if questions.is_empty() {
        anyhow::bail!(
            "no question `{}` in {}",
            choice.question.unwrap_or_default(),
            content.dir.display()
        );
    }
    let record = SessionRecord {
        field: bank.field.clone(),
        title: bank.title.clone(),
        started: started.to_rfc3339_opts(chrono::SecondsFormat::Secs, false),
        seed,
        questions: Vec::new(),
    };
    Ok(Visit {
        session: Session::new(
            questions,
            &bank.title,
            record,
            Arc::clone(&content.insights),
            choice.voice,
        ),
        title: bank.title.clone(),
        kept: Kept {
            started,
            folder: None,
            saved: false,
        },
    })
}

/// Whether a session's record is kept: not asked for, or the sessions folder checked before
/// the interview (and why it cannot be used).
pub(super) enum Keeping {
    Off,
    On(Records),
    Failed(RecordError),
}

impl Keeping {
    /// Checks the sessions folder when records are wanted.
    fn check(wanted: bool) -> Keeping {
        if !wanted {
            return Keeping::Off;
        }
        match store::default_root().and_then(|root| Records::prepare(&root)) {
            Ok(r) => Keeping::On(r),
            Err(e) => {
                eprintln!("warmup: this session will not be saved: {e}");
                Keeping::Failed(e)
            }
        }
    }

    /// Saves `v`'s record (in a folder of its own, made at the first save; each save replaces
    /// the last). `Ok(None)`: nothing to save (not kept, or nothing happened yet).
    fn save(
        &self,
        record: &SessionRecord,
        kept: &mut Kept,
    ) -> Result<Option<Vec<PathBuf>>, RecordError> {
        let Keeping::On(records) = self else {
            return Ok(None);
        };
        if record.questions.is_empty() && kept.folder.is_none() {
            return Ok(None);
        }
        kept.saved = false;
        let dir = match &kept.folder {
            Some(d) => d.clone(),
            None => kept
                .folder
                .insert(records.new_session(kept.started)?)
                .clone(),
        };
        let paths = store::save(record, &dir)?;
        kept.saved = true;
        Ok(Some(paths))
    }
}

/// Runs a session from `first`, saves its record (also after an error or Ctrl-C: each save
/// replaces the last) if it is kept, and returns whether it was interrupted. A sessions folder
/// that cannot be used is said before the first question; that the notes are saved is said
/// only once they are.
#[allow(clippy::too_many_arguments)]
fn run_visit(
    v: &mut Visit,
    engines: &mut Engines,
    source: &mut dyn Input,
    sink: &mut dyn AudioSink,
    config: &Config,
    keeping: &Keeping,
    stop: &AtomicBool,
    first: Event,
    progress: &mut dyn FnMut(Progress<'_>),
) -> anyhow::Result<bool> {
    if let (Keeping::Failed(e), Event::Start) = (keeping, &first) {
        let text = format!(
            "Before we start: I can't keep notes from this session, because {}. You can still practise.",
            e.spoken()
        );
        speak(&mut engines.tts, sink, &text, progress)?;
    }
    // Saved after every answer too: a stop that cannot wait (see `stop::exit_within`), a
    // crash or a power cut loses at most the answer being given.
    let kept = &mut v.kept;
    let mut on_progress = |p: Progress<'_>| match p {
        Progress::Recorded(record) => {
            if let Err(e) = keeping.save(record, kept) {
                tracing::warn!("the session so far could not be saved: {e}");
            }
        }
        p => progress(p),
    };
    let outcome = crate::session::driver::run(
        &mut v.session,
        source,
        sink,
        &mut engines.asr,
        &mut engines.tts,
        &config.listening(),
        stop,
        first,
        &mut on_progress,
    );
    let finished = outcome.is_ok() && !stop.load(Ordering::Relaxed);
    let closing = match keeping.save(&v.session.record, &mut v.kept) {
        Ok(Some(paths)) => {
            for path in paths {
                crate::out!("saved:     {}", path.display());
            }
            "Your notes from this session are saved on this computer.".to_string()
        }
        Ok(None) if matches!(keeping, Keeping::Off) => {
            "As asked, nothing from this session is kept.".to_string()
        }
        Ok(None) => String::new(),
        Err(e) => {
            eprintln!("warmup: the session could not be saved: {e}");
            format!("I could not save your notes, because {}.", e.spoken())
        }
    };
    outcome?;
    if finished && !closing.is_empty() && v.session.is_done() {
        speak(&mut engines.tts, sink, &closing, progress)?;
    }
    Ok(stop.load(Ordering::Relaxed))
}

/// Says `text` to the end (a closing sentence after the session).
fn speak(
    tts: &mut PiperSynthesizer,
    sink: &mut dyn AudioSink,
    text: &str,
    progress: &mut dyn FnMut(Progress<'_>),
) -> anyhow::Result<()> {
    progress(Progress::Said(text));
    Ok(crate::session::driver::say(tts, sink, text)?)
}

/// 0, or the code of a stopped run (Ctrl-C: 130; stdout closed: 141).
fn exit_code(interrupted: bool) -> ExitCode {
    ExitCode::from(if interrupted {
        crate::stop::exit_code()
    } else {
        0
    })
}

/// A device that went away during a session.
enum Lost {
    Microphone,
    Speaker,
}

/// Was a device lost (unplugged, or its server gone)?
fn lost_device(e: &anyhow::Error) -> Option<Lost> {
    use crate::session::driver::SessionError;
    match e.downcast_ref::<SessionError>() {
        Some(SessionError::Audio(audio::AudioError::DeviceLost)) => Some(Lost::Microphone),
        Some(SessionError::Audio(audio::AudioError::OutputLost)) => Some(Lost::Speaker),
        _ => None,
    }
}

/// Says `text` if the speaker still works; the log has it either way.
fn announce(tts: &mut PiperSynthesizer, sink: &mut dyn AudioSink, text: &str) {
    eprintln!("warmup: {text}");
    let _ = tts.synthesize(text, 1.0, &mut |c| match sink.queue(&c) {
        Ok(()) => ControlFlow::Continue(()),
        Err(_) => ControlFlow::Break(()),
    });
    let _ = sink.drain();
}

/// A device lost again within this long of the last loss is flapping.
const FLAPPING: Duration = Duration::from_secs(30);

/// Device losses in one session: one that fails again soon after coming back (a loose plug) is
/// not announced each time and is retried less and less often (2 s, 4 s, ... up to a minute).
#[derive(Debug, Default)]
struct Losses {
    last: Option<Instant>,
    backoff: Duration,
}

impl Losses {
    /// A loss at `now`: whether to stay quiet about it, and how long to wait before reopening.
    fn lost(&mut self, now: Instant) -> (bool, Duration) {
        let flapping = self
            .last
            .is_some_and(|t| now.saturating_duration_since(t) < FLAPPING);
        self.backoff = if flapping {
            (self.backoff * 2).clamp(Duration::from_secs(2), Duration::from_secs(60))
        } else {
            Duration::ZERO
        };
        self.last = Some(now);
        (flapping, self.backoff)
    }
}

/// Sleeps `d`, waking early on Ctrl-C.
fn pause(d: Duration, stop: &AtomicBool) {
    let until = Instant::now() + d;
    while Instant::now() < until && !stop.load(Ordering::Relaxed) {
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Waits for a device to come back (the named one, or a default one), trying every two
/// seconds; `None` after Ctrl-C.
fn wait_for<D, E>(stop: &AtomicBool, mut open: impl FnMut() -> Result<D, E>) -> Option<D> {
    loop {
        if stop.load(Ordering::Relaxed) {
            return None;
        }
        if let Ok(device) = open() {
            return Some(device);
        }
        std::thread::sleep(std::time::Duration::from_secs(2));
    }
}

/// Prints the session as it goes; `you` names the candidate.
fn printer(you: &'static str) -> impl FnMut(Progress<'_>) {
    move |p| match p {
        Progress::Said(text) => crate::out!("agent:     {text}"),
        Progress::Heard(text) => crate::out!("{you:<10} {text}"),
        Progress::NoSpeech => crate::out!("{you:<10} (silence)"),
        Progress::BargedIn { at_s } => {
            crate::out!("{you:<10} (spoke over the agent at {at_s:.1} s)")
        }
        Progress::Voice { rate, volume } => {
            crate::out!("voice:     rate {rate:.2}, volume {volume:.2}");
        }
        Progress::Partial(_) | Progress::Recorded(_) => {}
    }
}

/// The simulated candidate's answer to a question of `kind`, in the field `title`.
fn simulated_answer(kind: bank::Kind, title: &str) -> String {
    match kind {
        bank::Kind::Background => format!(
            "I have about three years of experience in {title}. I studied computer science at college, and I enjoy solving problems with a team. My goal is to grow into a senior role. That's my answer."
        ),
        bank::Kind::Behavioral => "Last spring a release was at risk because a key system failed. My task was to get it back on track. I organised the team, split the work, and checked progress every morning. As a result we shipped on time, and I learned to raise problems early. That's my answer.".into(),
        bank::Kind::Technical => "Let me start with a definition and then an example. First I would check the logs and the monitoring tools to understand the problem. Then I would fix the cause, test the change, and write down the steps for the team. That's my answer.".into(),
    }
}

/// The simulated candidate's voice: espeak-ng, unlike the agent's, into `dir/name`.
fn espeak(dir: &Path, name: &str, text: &str) -> anyhow::Result<ClipSource> {
    crate::stop::check()?;
    let path = dir.join(name);
    let status = std::process::Command::new("espeak-ng")
        .args(["-v", "en-us+m3", "-s", "150", "-w"])
        .arg(&path)
        .arg(text)
        .status()
        .context(
            "running espeak-ng for the simulated candidate (sudo apt-get install espeak-ng)",
        )?;
    anyhow::ensure!(status.success(), "espeak-ng failed");
    Ok(ClipSource::from_wav(&path)?)
}

/// One take per listening turn: each answer, then a short silence after its feedback. Answers
/// already spoken (in `said`) are reused, not made again.
fn answer_takes(
    dir: &Path,
    visit: &Visit,
    said: &mut std::collections::HashMap<String, ClipSource>,
) -> anyhow::Result<Vec<ClipSource>> {
    let mut takes = Vec::new();
    let pause = ClipSource::new(&audio::Clip::silence(1.0, 16_000))?;
    for q in visit.session.questions() {
        let answer = simulated_answer(q.kind, &visit.title);
        let n = said.len();
        let take = match said.get(&answer) {
            Some(t) => t.clone(),
            None => {
                let t = espeak(dir, &format!("answer-{n}.wav"), &answer)?.pad_silence(1.0);
                said.insert(answer, t.clone());
                t
            }
        };
        takes.push(take);
        takes.push(pause.clone());
    }
    Ok(takes)
}

pub(super) fn demo(setup: &Setup<'_>, args: &DemoArgs) -> anyhow::Result<ExitCode> {
    let (layout, config, whisper_model, banks) = setup.parts();
    let mut engines = Engines::load(layout, whisper_model, banks)?;
    let mut visit = new_visit(
        &engines.content,
        config,
        &Choice {
            field: args.field.as_deref(),
            default_field: "cybersecurity",
            seed: args.pick.seed,
            question: args.pick.question.as_deref(),
            kind: args.pick.kind.as_deref(),
            short: None,
            voice: config.audio.voice(),
        },
    )?;
    let work = tempfile::tempdir()?;
    // The candidate first asks to hear the question again (a voice command), then answers.
    let mut takes =
        vec![espeak(work.path(), "repeat.wav", "Could you repeat the question?")?.pad_silence(1.0)];
    takes.extend(answer_takes(work.path(), &visit, &mut Default::default())?);
    let mut source = ScriptedSource::new(takes);
    let mut sink = audio::sink::ClipSink::new(engines.tts.sample_rate());
    let keeping = Keeping::check(!args.no_save && config.save_sessions);
    let t = Instant::now();
    let stop = crate::stop::flag();
    let outcome = run_visit(
        &mut visit,
        &mut engines,
        &mut source,
        &mut sink,
        config,
        &keeping,
        &stop,
        Event::Start,
        &mut printer("candidate:"),
    );
    let took = t.elapsed().as_secs_f32();
    // The agent's voice is written whatever happened: it is what the user heard.
    wav::write_wav(&args.agent_wav, &sink.clip)?;
    let interrupted = outcome?;
    crate::out!(
        "agent voice: {} ({:.0} s); session ran in {took:.1} s",
        args.agent_wav.display(),
        sink.clip.duration_s()
    );
    Ok(exit_code(interrupted))
}

/// The microphone (behind push-to-talk when asked for) and the speaker: the named ones, else
/// the config's, else the system's. Presses come from Enter (push-to-talk) and from headset and
/// media buttons (push-to-talk, and the kiosk's `start_button`).
fn open_devices(
    config: &Config,
    input: Option<&str>,
    output: Option<&str>,
    push_to_talk: bool,
    start_button: bool,
) -> anyhow::Result<(Live<CpalSource>, RodioSink)> {
    let input = input.or(config.audio.input.as_deref());
    let output = output.or(config.audio.output.as_deref());
    let push_to_talk = push_to_talk || config.audio.push_to_talk;
    let (tx, presses) = std::sync::mpsc::channel();
    if push_to_talk {
        crate::out!(
            "push-to-talk: press Enter (or the headset's play/pause button) to start each turn, \
             and again to end it"
        );
        crate::session::input::stdin_presses(tx.clone());
    }
    if push_to_talk || start_button {
        crate::audio::keys::watch_buttons(tx);
    }
    let presses = (push_to_talk || start_button).then_some(presses);
    let source = Live::with_presses(CpalSource::open(input)?, presses, push_to_talk);
    Ok((source, RodioSink::open(output)?))
}

pub(super) fn practice(setup: &Setup<'_>, args: &PracticeArgs) -> anyhow::Result<ExitCode> {
    let (layout, config, whisper_model, banks) = setup.parts();
    // Devices first: without them there is nothing to load models for.
    let input = args.input.as_deref().or(config.audio.input.as_deref());
    let output = args.output.as_deref().or(config.audio.output.as_deref());
    let (mut source, mut sink) = open_devices(
        config,
        args.input.as_deref(),
        args.output.as_deref(),
        args.push_to_talk,
        false,
    )?;
    let mut engines = Engines::load(layout, whisper_model, banks)?;
    let voice = crate::config::remembered_voice().unwrap_or(config.audio.voice());
    let mut visit = new_visit(
        &engines.content,
        config,
        &Choice {
            field: args.field.as_deref(),
            default_field: "general",
            seed: args.pick.seed,
            question: args.pick.question.as_deref(),
            kind: args.pick.kind.as_deref(),
            short: None,
            voice,
        },
    )?;
    let keeping = Keeping::check(!args.no_save && config.save_sessions);
    let stop = crate::stop::flag();
    let mut first = Event::Start;
    let mut show = args.show.then(super::show::Show::default);
    let mut losses = Losses::default();
    let mut print = printer("you:");
    let outcome = loop {
        let outcome = run_visit(
            &mut visit,
            &mut engines,
            &mut source,
            &mut sink,
            config,
            &keeping,
            &stop,
            first,
            &mut |p| match show.as_mut() {
                Some(view) => view.update(&p),
                None => print(p),
            },
        );
        // The session so far is saved; carry on when the device is back.
        let lost = outcome.as_ref().err().and_then(lost_device);
        let mut quiet = false;
        if lost.is_some() {
            let wait;
            (quiet, wait) = losses.lost(Instant::now());
            pause(wait, &stop);
        }
        let back = match lost {
            Some(Lost::Microphone) => {
                let text = if visit.kept.saved {
                    "The microphone was disconnected. Your answers so far are saved. I'll go on when it's back."
                } else {
                    "The microphone was disconnected. I'll go on when it's back."
                };
                if quiet {
                    eprintln!("warmup: {text}");
                } else {
                    announce(&mut engines.tts, &mut sink, text);
                }
                wait_for(&stop, || {
                    CpalSource::open(input).or_else(|_| CpalSource::open(None))
                })
                .map(|s| source.set_inner(s))
            }
            Some(Lost::Speaker) => {
                // Nothing can be said: the terminal and the log have it.
                eprintln!(
                    "warmup: The speaker was disconnected.{} Waiting for it to come back.",
                    if visit.kept.saved {
                        " Your answers so far are saved."
                    } else {
                        ""
                    }
                );
                wait_for(&stop, || {
                    RodioSink::open(output).or_else(|_| RodioSink::open(None))
                })
                .map(|s| sink = s)
            }
            None => break outcome,
        };
        if back.is_none() {
            break Ok(true);
        }
        first = Event::Resume;
    };
    if visit.session.voice() != voice {
        if let Err(e) = crate::config::remember_voice(visit.session.voice()) {
            tracing::warn!("could not remember the voice for next time: {e}");
        }
    }
    Ok(exit_code(outcome?))
}

/// Gives memory freed by a finished visit back to the system. glibc keeps freed blocks for
/// reuse; over hundreds of visits of different lengths that shows as a slow rise in resident
/// memory (measured: +28 MB over 50 simulated visits without this).
fn release_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only returns free heap pages to the kernel; it touches no live
    // allocation and is safe to call at any time.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// Resident memory and open files of this process, from /proc (Linux).
fn process_usage() -> (u64, usize) {
    let rss_kb = std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0);
    let fds = std::fs::read_dir("/proc/self/fd").map_or(0, Iterator::count);
    (rss_kb, fds)
}

/// What a kiosk runs on: the engines, a microphone and speaker (or files and nothing), and the
/// sessions of simulated visitors (`None`: real visitors get fresh ones).
type KioskParts = (
    Engines,
    Box<dyn Input>,
    Box<dyn AudioSink>,
    Option<std::collections::VecDeque<Session>>,
);

pub(super) fn kiosk(setup: &Setup<'_>, args: &KioskArgs) -> anyhow::Result<ExitCode> {
    let (layout, config, whisper_model, banks) = setup.parts();
    use crate::session::kiosk::{self, Idle};

    let listening = config.listening();
    let idle = Idle {
        wake: config.kiosk.wake.clone(),
        reminder_ms: (config.kiosk.idle_reminder_s > 0)
            .then(|| config.kiosk.idle_reminder_s.saturating_mul(1000)),
        button: args.simulate.is_some() || crate::audio::keys::any_button(),
    };
    let stop = crate::stop::flag();
    let keeping = Keeping::check(config.kiosk.save_sessions);
    let voice = config.audio.voice();
    let short = config.kiosk.questions as usize;
    let field = args.field.as_deref();

    let choice = |seed: Option<u64>| Choice {
        field,
        default_field: "general",
        seed,
        question: None,
        kind: None,
        short: Some(short),
        voice,
    };
    // Memory and open files after each visit: they must stay flat.
    let t = Instant::now();
    let mut n = 0u64;
    let mut visited = |record: SessionRecord| {
        n += 1;
        let answered = record
            .questions
            .iter()
            .filter(|q| matches!(q, crate::session::QuestionOutcome::Answered(_)))
            .count();
        let asked = record.questions.len();
        let kept = match &keeping {
            Keeping::On(records) if !record.questions.is_empty() => records
                .new_session(chrono::Local::now())
                .and_then(|dir| store::save(&record, &dir))
                .map_err(|e| tracing::warn!("could not save visit {n}: {e}"))
                .is_ok(),
            _ => false,
        };
        drop(record);
        release_memory();
        let (rss, fds) = process_usage();
        crate::out!(
            "visit {n:>4} | {answered} of {asked} answered | rss {:.1} MB | {fds} open files | {:.0} s",
            rss as f64 / 1024.0,
            t.elapsed().as_secs_f32()
        );
        Some(
            if kept {
                "Your answers from this visit are kept on this computer, as this kiosk is set up to do."
            } else {
                "Nothing from your visit is kept: the next visitor starts fresh."
            }
            .to_string(),
        )
    };

    // Simulated visitors (espeak-ng voices, files, no sound card): each is preceded by chatter
    // that is not a wake word, says "start" (every second one presses the start button
    // instead), and answers; the first also asks for a slower voice, which must not carry over. The agent's voice goes nowhere. Otherwise the devices,
    // checked before anything is loaded.
    let (mut engines, mut source, mut sink, mut scripted): KioskParts = match args.simulate {
        None => {
            let (source, sink) = open_devices(
                config,
                args.input.as_deref(),
                args.output.as_deref(),
                false,
                true,
            )?;
            let engines = Engines::load(layout, whisper_model, banks)?;
            // Fail now, not when the first visitor comes, if the banks cannot fill a visit.
            new_visit(&engines.content, config, &choice(None))?;
            (engines, Box::new(source), Box::new(sink), None)
        }
        Some(visitors) => {
            let engines = Engines::load(layout, whisper_model, banks)?;
            let work = tempfile::tempdir()?;
            let chatter = espeak(
                work.path(),
                "chatter.wav",
                "Is this the queue for the talk about careers in networking?",
            )?;
            let start = espeak(work.path(), "start.wav", "Start.")?.pad_silence(1.0);
            let slower = espeak(work.path(), "slower.wav", "Slower, please.")?.pad_silence(1.0);
            let mut takes = Vec::new();
            let mut said = std::collections::HashMap::new();
            let mut sessions = std::collections::VecDeque::new();
            for v in 1..=visitors {
                let visit = new_visit(&engines.content, config, &choice(Some(v)))?;
                takes.push(Take::Say(chatter.clone()));
                takes.push(if v % 2 == 0 {
                    Take::Press
                } else {
                    Take::Say(start.clone())
                });
                if v == 1 {
                    takes.push(Take::Say(slower.clone()));
                }
                takes.extend(
                    answer_takes(work.path(), &visit, &mut said)?
                        .into_iter()
                        .map(Take::Say),
                );
                sessions.push_back(visit.session);
            }
            let source = Box::new(ScriptedSource::with_presses(takes));
            let sink = Box::new(audio::sink::NullSink::default());
            (engines, source, sink, Some(sessions))
        }
    };
    let content = &engines.content;
    let mut new_session = |_n: u64| match scripted.as_mut() {
        Some(sessions) => sessions.pop_front(),
        None => new_visit(content, config, &choice(None))
            .map_err(|e| tracing::error!("no session for the visitor: {e:#}"))
            .ok()
            .map(|v| v.session),
    };
    let (rss, fds) = process_usage();
    crate::out!(
        "idle       | rss {:.1} MB | {fds} open files",
        rss as f64 / 1024.0
    );
    let summary = kiosk::run(
        &mut *source,
        &mut *sink,
        &mut engines.asr,
        &mut engines.tts,
        &listening,
        &idle,
        &mut new_session,
        &mut visited,
        &stop,
        args.simulate,
        &mut printer("visitor:"),
    )?;
    crate::out!(
        "{} visits in {:.0} s",
        summary.visits,
        t.elapsed().as_secs_f32()
    );
    Ok(exit_code(summary.interrupted))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_flapping_device_is_announced_once_and_retried_less_often() {
        let t0 = Instant::now();
        let at = |s: u64| t0 + Duration::from_secs(s);
        let mut losses = Losses::default();
        assert_eq!(
            losses.lost(at(0)),
            (false, Duration::ZERO),
            "first loss: said, at once"
        );
        assert_eq!(losses.lost(at(5)), (true, Duration::from_secs(2)));
        assert_eq!(losses.lost(at(10)), (true, Duration::from_secs(4)));
        assert_eq!(losses.lost(at(20)), (true, Duration::from_secs(8)));
        for s in [30, 40, 50, 60, 70] {
            losses.lost(at(s));
        }
        assert_eq!(
            losses.lost(at(80)).1,
            Duration::from_secs(60),
            "at most a minute"
        );
        // A long quiet spell: the next loss is a new one.
        assert_eq!(losses.lost(at(200)), (false, Duration::ZERO));
    }
}
