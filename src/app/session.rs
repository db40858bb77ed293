//! What `practice`, `kiosk` and `demo` share: the engines loaded once, the questions picked
//! into a session, the record kept after every answer, and the printout.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use anyhow::Context;

use super::Settings;
use crate::asr::WhisperTranscriber;
use crate::audio::mic::CpalSource;
use crate::audio::sink::AudioSink;
use crate::audio::speaker::RodioSink;
use crate::bank;
use crate::cli::PickArgs;
use crate::posting::{self, Posting};
use crate::session::driver::Progress;
use crate::session::input::Input;
use crate::session::input::Live;
use crate::session::machine::{Event, Session};
use crate::session::progress;
use crate::session::settings::Listening;
use crate::session::settings::Voice;
use crate::session::store::{self, RecordError, Records};
use crate::session::SessionRecord;
use crate::tts::PiperSynthesizer;

/// The engines and content sessions need, loaded once: a kiosk reuses them for every visitor.
pub(super) struct Engines {
    pub asr: WhisperTranscriber,
    pub tts: PiperSynthesizer,
    pub content: Content,
    /// The settings' listening with its voice detector loaded.
    pub listening: Listening,
}

/// The question banks and what the insights need.
pub(super) struct Content {
    banks: bank::Banks,
    dir: PathBuf,
    insights: Arc<crate::insights::Context>,
}

impl Content {
    /// What the insights need (glossaries, WordNet).
    pub(super) fn insights(&self) -> &crate::insights::Context {
        &self.insights
    }
}

impl Engines {
    pub(super) fn load(settings: &Settings) -> anyhow::Result<Engines> {
        let dir = settings.banks_dir.clone();
        let all = bank::load_dir(&dir)?;
        let model = settings.whisper_path()?;
        let insights =
            crate::insights::Context::load(&dir.join("glossary")).map_err(anyhow::Error::msg)?;
        // A stop during loading (a second or more on a busy Pi) is not left waiting for it.
        crate::stop::check()?;
        let asr = WhisperTranscriber::load(&model)?.with_stop(crate::stop::flag());
        crate::stop::check()?;
        let tts = PiperSynthesizer::load(&settings.layout)?.with_stop(crate::stop::flag());
        let listening = settings.listening.clone().load_detector(&settings.layout)?;
        crate::stop::check()?;
        Ok(Engines {
            asr,
            tts,
            listening,
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
    /// The field (already resolved: flag, config, default); a drilled question's own wins.
    pub field: &'a str,
    pub seed: Option<u64>,
    pub question: Option<&'a str>,
    pub kind: Option<bank::Kind>,
    /// A shorter interview of this many questions (a kiosk visit).
    pub short: Option<usize>,
    pub voice: Voice,
    /// The job advert practised for: questions that touch its terms first, its terms first
    /// among those to consider, its role in the welcome and the record.
    pub posting: Option<&'a Posting>,
    /// Ask follow-up questions.
    pub follow_ups: bool,
    /// `--focus`: questions that ask for this talking point, all of its kind.
    pub focus: Option<crate::insights::TalkingPoint>,
}

impl<'a> Choice<'a> {
    /// The session's `--seed`, `--question` or `--kind` in `field`.
    pub fn of(field: &'a str, pick: &'a PickArgs, voice: Voice) -> Choice<'a> {
        Choice {
            field,
            seed: pick.seed,
            question: pick.question.as_deref(),
            kind: pick.kind,
            short: None,
            voice,
            posting: None,
            follow_ups: false,
            focus: None,
        }
    }

    /// The same choice, focused on a talking point.
    pub fn with_focus(self, focus: Option<crate::insights::TalkingPoint>) -> Choice<'a> {
        Choice { focus, ..self }
    }

    /// The same choice, with follow-up questions or without.
    pub fn with_follow_ups(self, follow_ups: bool) -> Choice<'a> {
        Choice { follow_ups, ..self }
    }

    /// The same choice, for the job in `posting`.
    pub fn with_posting(self, posting: Option<&'a Posting>) -> Choice<'a> {
        Choice { posting, ..self }
    }
}

/// One session, ready to run.
pub(super) struct Visit {
    pub session: Session,
    pub title: String,
    pub kept: Kept,
}

/// Where a session's record is kept.
pub(super) struct Kept {
    started: chrono::DateTime<chrono::Local>,
    /// Its folder, once made (at the first save).
    folder: Option<PathBuf>,
    /// Did the last save succeed (what may be said about the answers so far)?
    pub saved: bool,
}

/// The saved sessions of `field`, oldest first (none when the records cannot be read).
pub(super) fn history(field: &str) -> Vec<progress::SessionFacts> {
    store::default_root()
        .ok()
        .and_then(|root| progress::saved(&root, Some(field)).ok())
        .unwrap_or_default()
}

/// `visit` with what `history` says: a sentence after the welcome, and "how am I doing".
pub(super) fn with_history(mut visit: Visit, history: &[progress::SessionFacts]) -> Visit {
    let summary = progress::summarise(history);
    visit.session = visit
        .session
        .with_progress(progress::last_time(&summary), progress::spoken(&summary));
    visit
}

/// Picks the questions (a seed from the clock unless given) into a new session.
pub(super) fn new_visit(content: &Content, choice: &Choice<'_>) -> anyhow::Result<Visit> {
    let all = &content.banks;
    // A drilled question brings its own field.
    let field = choice
        .question
        .and_then(|id| all.question(id))
        .map_or_else(|| choice.field.to_string(), |q| q.field.clone());
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
    // `--focus`: five questions of the point's kind, those that ask for it first.
    let focus_kind = choice.focus.and_then(|p| {
        bank::Kind::ALL
            .into_iter()
            .find(|k| k.default_talking_points().contains(&p))
    });
    let pick = match (choice.question, choice.kind.or(focus_kind), choice.short) {
        (Some(id), _, _) => bank::Pick::Question(id.to_string()),
        (None, Some(kind), _) => bank::Pick::Kind(kind, 5),
        (None, None, Some(n)) => bank::Pick::Short(n),
        (None, None, None) => bank::Pick::Session,
    };
    let glossary = content.insights.glossary(&bank.field);
    let terms = choice
        .posting
        .map(|p| p.terms(glossary))
        .unwrap_or_default();
    let focused = |q: &bank::Question| {
        usize::from(choice.focus.is_some_and(|p| q.talking_points.contains(&p)))
    };
    let questions: Vec<bank::Question> = bank::pick_session_ranked(bank, &pick, seed, &|q| {
        100 * focused(q) + posting::relevance(q, &terms, glossary)
    })
    .into_iter()
    .map(|q| posting::favour_terms(q, &terms, glossary))
    .collect();
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
        posting: choice.posting.map(|p| p.role.clone()),
        questions: Vec::new(),
    };
    Ok(Visit {
        session: Session::new(
            questions,
            &bank.title,
            record,
            Arc::clone(&content.insights),
            choice.voice,
        )
        .for_role(choice.posting.map(|p| p.role.as_str()))
        .with_follow_ups(choice.follow_ups),
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
    pub fn check(wanted: bool) -> Keeping {
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
pub(super) fn run_visit(
    v: &mut Visit,
    engines: &mut Engines,
    source: &mut dyn Input,
    sink: &mut dyn AudioSink,
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
        Progress::Recorded(record) => match keeping.save(record, kept) {
            Ok(Some(paths)) => crate::stop::set_last_words(saved_lines(&paths)),
            Ok(None) => {}
            Err(e) => tracing::warn!("the session so far could not be saved: {e}"),
        },
        p => progress(p),
    };
    let outcome = crate::session::driver::run(
        &mut v.session,
        source,
        sink,
        &mut engines.asr,
        &mut engines.tts,
        &engines.listening,
        stop,
        first,
        &mut on_progress,
    );
    let finished = outcome.is_ok() && !stop.load(Ordering::Relaxed);
    let closing = match keeping.save(&v.session.record, &mut v.kept) {
        Ok(Some(paths)) => {
            crate::stop::set_last_words(String::new());
            crate::out!("{}", saved_lines(&paths).trim_end());
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

/// `saved:     PATH`, a line a file.
fn saved_lines(paths: &[PathBuf]) -> String {
    paths
        .iter()
        .map(|p| format!("saved:     {}\n", p.display()))
        .collect()
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

/// Success, or the code of a stopped run ([`crate::exit::INTERRUPTED`], or
/// [`crate::exit::STDOUT_CLOSED`]).
pub(super) fn exit_code(interrupted: bool) -> ExitCode {
    ExitCode::from(if interrupted {
        crate::stop::exit_code()
    } else {
        crate::exit::SUCCESS
    })
}

/// Prints the session as it goes; `you` names the candidate.
pub(super) fn printer(you: &'static str) -> impl FnMut(Progress<'_>) {
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

/// The microphone (behind push-to-talk when asked for) and the speaker of `settings`. Presses
/// come from Enter (push-to-talk) and from headset and media buttons (push-to-talk, and the
/// kiosk's `start_button`).
pub(super) fn open_devices(
    settings: &Settings,
    start_button: bool,
) -> anyhow::Result<(Live<CpalSource>, RodioSink)> {
    let push_to_talk = settings.push_to_talk;
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
    let source = Live::with_presses(
        CpalSource::open(settings.input.as_deref())?,
        presses,
        push_to_talk,
    );
    Ok((source, RodioSink::open(settings.output.as_deref())?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn content() -> Content {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("question-banks");
        Content {
            banks: bank::load_dir(&dir).unwrap(),
            insights: Arc::new(crate::insights::Context::load(&dir.join("glossary")).unwrap()),
            dir,
        }
    }

    #[test]
    fn focus_picks_questions_that_ask_for_the_weak_point() {
        let c = content();
        let pick = PickArgs {
            seed: Some(3),
            question: None,
            kind: None,
        };
        let choice = Choice::of("cybersecurity", &pick, Voice::default())
            .with_focus(Some(crate::insights::TalkingPoint::Lesson));
        let v = new_visit(&c, &choice).unwrap();
        let qs = v.session.questions();
        assert_eq!(qs.len(), 5);
        for q in qs {
            assert_eq!(q.kind, bank::Kind::Behavioral, "{}", q.text);
            assert!(
                q.talking_points
                    .contains(&crate::insights::TalkingPoint::Lesson),
                "{}",
                q.text
            );
        }
        // Without focus: the bank's usual mix of kinds.
        let v = new_visit(&c, &Choice::of("cybersecurity", &pick, Voice::default())).unwrap();
        let kinds: std::collections::BTreeSet<_> =
            v.session.questions().iter().map(|q| q.kind).collect();
        assert_eq!(kinds.len(), 3);
    }
}
