//! `warmup practice`: an interview on the user's microphone and speaker, riding out devices
//! that go away ([`crate::session::supervisor`]).

use std::ops::ControlFlow;
use std::process::ExitCode;
use std::sync::atomic::AtomicBool;
use std::sync::Arc;

use super::session::{
    exit_code, history, new_visit, open_devices, printer, run_visit, with_history, Choice, Engines,
    Keeping, Visit,
};
use super::Settings;
use crate::audio::mic::CpalSource;
use crate::audio::sink::AudioSink;
use crate::audio::speaker::RodioSink;
use crate::audio::AudioError;
use crate::cli::PracticeArgs;
use crate::session::driver::{Progress, SessionError};
use crate::session::input::Live;
use crate::session::machine::Event;
use crate::session::progress;
use crate::session::supervisor::{self, Device, Supervised};
use crate::tts::Synthesizer;

pub(super) fn practice(settings: &Settings, args: &PracticeArgs) -> anyhow::Result<ExitCode> {
    // Devices first: without them there is nothing to load models for.
    let (source, sink) = open_devices(settings, false)?;
    let mut engines = Engines::load(settings)?;
    let voice = crate::config::remembered_voice().unwrap_or(settings.voice);
    // The saved sessions of this field: a sentence on last time, "how am I doing", --focus.
    let history = history(&settings.field);
    let focus = match (args.focus, progress::weakest(&history)) {
        (false, _) => None,
        (true, Some((point, _, _))) => point.parse().ok(),
        (true, None) => {
            eprintln!(
                "warmup: --focus: no talking point stands out in your saved {} sessions yet; a whole interview instead",
                settings.field
            );
            None
        }
    };
    let visit = new_visit(
        &engines.content,
        &Choice::of(&settings.field, &args.pick, voice)
            .with_posting(settings.posting.as_ref())
            .with_follow_ups(settings.follow_ups)
            .with_focus(focus),
    )?;
    let visit = with_history(visit, &history);
    let keeping = Keeping::check(settings.save_sessions);
    let stop = crate::stop::flag();
    let mut show = args.show.then(super::show::Show::default);
    let mut print = printer("you:");
    let mut practice = Practice {
        visit,
        engines: &mut engines,
        source,
        sink,
        settings,
        keeping: &keeping,
        stop: Arc::clone(&stop),
        progress: &mut |p| match show.as_mut() {
            Some(view) => view.update(&p),
            None => print(p),
        },
    };
    let outcome = supervisor::supervise(&mut practice, &stop);
    let session = &practice.visit.session;
    if session.voice() != voice {
        if let Err(e) = crate::config::remember_voice(session.voice()) {
            tracing::warn!("could not remember the voice for next time: {e}");
        }
    }
    Ok(exit_code(outcome?))
}

/// A practice session on devices that can go away.
struct Practice<'a> {
    visit: Visit,
    engines: &'a mut Engines,
    source: Live<CpalSource>,
    sink: RodioSink,
    settings: &'a Settings,
    keeping: &'a Keeping,
    stop: Arc<AtomicBool>,
    progress: &'a mut dyn FnMut(Progress<'_>),
}

impl Supervised for Practice<'_> {
    type Error = anyhow::Error;

    fn run(&mut self, first: Event) -> anyhow::Result<bool> {
        // The session so far is saved whatever ends it; it carries on when a device is back.
        run_visit(
            &mut self.visit,
            self.engines,
            &mut self.source,
            &mut self.sink,
            self.keeping,
            &self.stop,
            first,
            self.progress,
        )
    }

    fn lost(&self, err: &anyhow::Error) -> Option<Device> {
        match err.downcast_ref::<SessionError>() {
            Some(SessionError::Audio(AudioError::DeviceLost)) => Some(Device::Microphone),
            Some(SessionError::Audio(AudioError::OutputLost)) => Some(Device::Speaker),
            _ => None,
        }
    }

    fn saved(&self) -> bool {
        self.visit.kept.saved
    }

    fn say(&mut self, text: &str) {
        // The speaker may be gone too: the terminal and the log have the text either way.
        let sink = &mut self.sink;
        let _ = self
            .engines
            .tts
            .synthesize(text, 1.0, &mut |c| match sink.queue(&c) {
                Ok(()) => ControlFlow::Continue(()),
                Err(_) => ControlFlow::Break(()),
            });
        let _ = sink.drain();
    }

    fn reopen(&mut self, device: Device) -> bool {
        let (input, output) = (
            self.settings.input.as_deref(),
            self.settings.output.as_deref(),
        );
        match device {
            Device::Microphone => CpalSource::open(input)
                .or_else(|_| CpalSource::open(None))
                .map(|s| self.source.set_inner(s))
                .is_ok(),
            Device::Speaker => RodioSink::open(output)
                .or_else(|_| RodioSink::open(None))
                .map(|s| self.sink = s)
                .is_ok(),
        }
    }
}
