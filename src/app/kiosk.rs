//! `warmup kiosk`: visitor after visitor on the kiosk's devices, or simulated visitors
//! (`--simulate N`) on files, printing memory and open files after each visit.

use std::collections::{HashMap, VecDeque};
use std::process::ExitCode;
use std::time::Instant;

use super::session::{exit_code, new_visit, open_devices, printer, Choice, Engines, Keeping};
use super::simulate::{answer_takes, espeak};
use super::{process, Settings};
use crate::audio::sink::{AudioSink, NullSink};
use crate::cli::KioskArgs;
use crate::session::input::Input;
use crate::session::kiosk::{self, Idle};
use crate::session::machine::Session;
use crate::session::scripted::{ScriptedSource, Take};
use crate::session::store;
use crate::session::{QuestionOutcome, SessionRecord};

/// What a kiosk runs on: the engines, a microphone and speaker (or files and nothing), and the
/// sessions of simulated visitors (`None`: real visitors get fresh ones).
type KioskParts = (
    Engines,
    Box<dyn Input>,
    Box<dyn AudioSink>,
    Option<VecDeque<Session>>,
);

pub(super) fn kiosk(settings: &Settings, args: &KioskArgs) -> anyhow::Result<ExitCode> {
    let config = &settings.kiosk;
    let idle = Idle {
        wake: config.wake.clone(),
        reminder_ms: (config.idle_reminder_s > 0)
            .then(|| config.idle_reminder_s.saturating_mul(1000)),
        button: args.simulate.is_some() || crate::audio::keys::any_button(),
    };
    let stop = crate::stop::flag();
    let keeping = Keeping::check(settings.save_sessions);
    let choice = |seed: Option<u64>| Choice {
        field: &settings.field,
        seed,
        question: None,
        kind: None,
        short: Some(config.questions as usize),
        voice: settings.voice,
        posting: None,
        follow_ups: settings.follow_ups,
        focus: None,
    };
    // Memory and open files after each visit: they must stay flat.
    let t = Instant::now();
    let mut n = 0u64;
    let mut visited = |record: SessionRecord| {
        n += 1;
        let answered = record
            .questions
            .iter()
            .filter(|q| matches!(q, QuestionOutcome::Answered(_)))
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
        process::release_memory();
        let (rss, fds) = process::usage();
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
    // instead), and answers; the first also asks for a slower voice, which must not carry
    // over. The agent's voice goes nowhere. Otherwise the devices, checked before anything is
    // loaded.
    let (mut engines, mut source, mut sink, mut scripted): KioskParts = match args.simulate {
        None => {
            let (source, sink) = open_devices(settings, true)?;
            let engines = Engines::load(settings)?;
            // Fail now, not when the first visitor comes, if the banks cannot fill a visit.
            new_visit(&engines.content, &choice(None))?;
            (engines, Box::new(source), Box::new(sink), None)
        }
        Some(visitors) => {
            let engines = Engines::load(settings)?;
            let work = tempfile::tempdir()?;
            let chatter = espeak(
                work.path(),
                "chatter.wav",
                "Is this the queue for the talk about careers in networking?",
            )?;
            let start = espeak(work.path(), "start.wav", "Start.")?.pad_silence(1.0);
            let slower = espeak(work.path(), "slower.wav", "Slower, please.")?.pad_silence(1.0);
            let mut takes = Vec::new();
            let mut said = HashMap::new();
            let mut sessions = VecDeque::new();
            for v in 1..=visitors {
                let visit = new_visit(&engines.content, &choice(Some(v)))?;
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
                    answer_takes(work.path(), &visit, engines.content.insights(), &mut said)?
                        .into_iter()
                        .map(Take::Say),
                );
                sessions.push_back(visit.session);
            }
            let source = Box::new(ScriptedSource::with_presses(takes));
            let sink = Box::new(NullSink::default());
            (engines, source, sink, Some(sessions))
        }
    };
    let content = &engines.content;
    let mut new_session = |_n: u64| match scripted.as_mut() {
        Some(sessions) => sessions.pop_front(),
        None => new_visit(content, &choice(None))
            .map_err(|e| tracing::error!("no session for the visitor: {e:#}"))
            .ok()
            .map(|v| v.session),
    };
    let (rss, fds) = process::usage();
    crate::out!(
        "idle       | rss {:.1} MB | {fds} open files",
        rss as f64 / 1024.0
    );
    let summary = kiosk::run(
        &mut *source,
        &mut *sink,
        &mut engines.asr,
        &mut engines.tts,
        &engines.listening,
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
