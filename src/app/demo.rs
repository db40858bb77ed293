//! `warmup demo`: a whole interview on any machine, the candidate simulated, the agent's voice
//! written to a WAV file.

use std::process::ExitCode;
use std::time::Instant;

use super::session::{
    exit_code, history, new_visit, printer, run_visit, with_history, Choice, Engines, Keeping,
};
use super::simulate::{demo_takes, espeak};
use super::Settings;
use crate::audio::{sink::ClipSink, wav};
use crate::cli::DemoArgs;
use crate::session::machine::Event;
use crate::session::scripted::ScriptedSource;
use crate::tts::Synthesizer;

pub(super) fn demo(settings: &Settings, args: &DemoArgs) -> anyhow::Result<ExitCode> {
    let mut engines = Engines::load(settings)?;
    let visit = new_visit(
        &engines.content,
        &Choice::of(&settings.field, &args.pick, settings.voice)
            .with_posting(settings.posting.as_ref())
            .with_follow_ups(settings.follow_ups),
    )?;
    let mut visit = with_history(visit, &history(&settings.field));
    let work = tempfile::tempdir()?;
    // The candidate first asks to hear the question again (a voice command), then answers.
    let mut takes =
        vec![espeak(work.path(), "repeat.wav", "Could you repeat the question?")?.pad_silence(1.0)];
    takes.extend(demo_takes(
        work.path(),
        &visit,
        engines.content.insights(),
        settings.follow_ups,
    )?);
    let mut source = ScriptedSource::new(takes);
    let mut sink = ClipSink::new(engines.tts.sample_rate());
    let keeping = Keeping::check(settings.save_sessions);
    let t = Instant::now();
    let stop = crate::stop::flag();
    let outcome = run_visit(
        &mut visit,
        &mut engines,
        &mut source,
        &mut sink,
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
