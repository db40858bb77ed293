//! `warmup say`: text spoken with the Piper voice, to a WAV file or the default device.

use std::process::ExitCode;
use std::time::Instant;

use super::Settings;
use crate::audio::{self, wav};
use crate::cli::SayArgs;
use crate::tts::{PiperSynthesizer, Synthesizer};

pub(super) fn say(settings: &Settings, args: &SayArgs) -> anyhow::Result<ExitCode> {
    if !(0.5..=2.0).contains(&args.rate) {
        anyhow::bail!("--rate must be between 0.5 and 2.0 (got {})", args.rate);
    }
    let t_load = Instant::now();
    let mut tts = PiperSynthesizer::load(&settings.layout)?.with_stop(crate::stop::flag());
    let load = t_load.elapsed();
    let start = Instant::now();
    let mut first: Option<f32> = None;
    let mut clips = Vec::new();
    tts.synthesize(&args.text, args.rate, &mut |clip| {
        first.get_or_insert(start.elapsed().as_secs_f32());
        clips.push(clip);
        std::ops::ControlFlow::Continue(())
    })?;
    if crate::stop::requested() {
        return Ok(ExitCode::from(crate::stop::exit_code()));
    }
    let total = start.elapsed();
    let audio_s: f32 = clips.iter().map(audio::Clip::duration_s).sum();
    tracing::info!(
        first_audio_ms = first.map(|s| (s * 1000.0) as u32),
        total_ms = total.as_millis() as u64,
        "synthesized"
    );
    if args.timings {
        let json = serde_json::json!({
            "load_ms": load.as_secs_f64() * 1000.0,
            "first_audio_ms": first.map(|s| s as f64 * 1000.0),
            "total_ms": total.as_secs_f64() * 1000.0,
            "audio_s": audio_s,
            "sentences": clips.len(),
        });
        crate::out!("{json}");
    }
    match &args.output {
        Some(path) => {
            let mut all = audio::Clip::new(Vec::new(), tts.sample_rate());
            for c in &clips {
                all.append(c);
            }
            wav::write_wav(path, &all)?;
            eprintln!(
                "Wrote {:.1} s of speech to {}",
                all.duration_s(),
                path.display()
            );
        }
        None => audio::speaker::play_default(clips)?,
    }
    Ok(ExitCode::SUCCESS)
}
