//! When does the turn end in a real room (issue 12)? The `bench/rooms` set (human speech, clean
//! and in real noise that goes on after the speech) through the session's endpointer alone (no
//! recogniser), with each voice detector. Per detector, noise and level: turns cut early (judged
//! over before the speech ended), on time (within end silence + 0.5 s after it) or late (after
//! that, or never); the median and worst delay from the end of speech to the decision; thinking
//! pauses cut (each file again with the same room's noise spliced into the speech at its quietest
//! point near the middle, so that with the natural gap there it is silent for 2.5 s, 0.5 s less
//! than the end silence: the turn must not end there); and the detector's CPU
//! milliseconds per second of audio.
//!
//! `python3 bench/rooms/build.py` first, then `cargo bench --bench turn_ends`. `BENCH_SNR` picks
//! the levels (default `clean,20,15,10`), `BENCH_NOISES` the noises, `BENCH_VADS` the detectors
//! (default `webrtc,silero,webrtc-gated,silero-gated`: each alone, and behind the loudness gate
//! as the session uses them; `silero+6-10` is Silero behind a gate 6 dB over the floor and 10 dB
//! under the voice), `ROOMS_CACHE` where the set is, `BENCH_VERBOSE` each file.
//!
//! The gate's two margins and the endpointer's resume rule were chosen on this set: for turn
//! ends it is a development set now, not a blind one.

mod common;

use std::collections::BTreeMap;

use warmup::audio::wav::read_wav;
use warmup::audio::{to_frame, Clip, FRAME_SAMPLES};
use warmup::vad::endpointer::{
    frames_to_s, Endpoint, EndpointConfig, Endpointer, VoiceDetector, WebRtcDetector,
};
use warmup::vad::gate::LoudnessGate;
use warmup::vad::silero::{SileroDetector, SileroModel};
use warmup::vad::Detectors;

const PAUSE_S: f32 = 2.5;

#[derive(Default)]
struct Group {
    files: usize,
    cut: usize,
    on_time: usize,
    late: usize,
    delays: Vec<f32>,
    pauses: usize,
    pauses_cut: usize,
    cpu_s: f64,
    audio_s: f64,
}

enum Outcome {
    /// Ended at this many seconds into the file.
    Ended(f32),
    Never,
}

fn cpu_s() -> f64 {
    let mut u = unsafe { std::mem::zeroed::<libc::rusage>() };
    unsafe { libc::getrusage(libc::RUSAGE_THREAD, &mut u) };
    u.ru_utime.tv_sec as f64 + u.ru_utime.tv_usec as f64 / 1e6
}

/// The endpointer over the whole clip: when the first turn ended.
fn turn_end(clip: &Clip, detector: impl VoiceDetector, cfg: &EndpointConfig) -> Outcome {
    let mut ep = Endpointer::new(detector, cfg);
    for chunk in clip.samples.chunks_exact(FRAME_SAMPLES) {
        if let Endpoint::Ended { .. } = ep.push(&to_frame(chunk)) {
            return Outcome::Ended(frames_to_s(ep.frames()));
        }
    }
    Outcome::Never
}

/// The frame-aligned quietest 300 ms of the clean speech between 35% and 65% of it: where a
/// thinking pause goes.
fn quiet_point(clean: &Clip, start_s: f32, end_s: f32) -> usize {
    let rate = clean.sample_rate as f32;
    let (a, b) = (
        ((start_s + 0.35 * (end_s - start_s)) * rate) as usize,
        ((start_s + 0.65 * (end_s - start_s)) * rate) as usize,
    );
    let win = (0.3 * rate) as usize;
    (a..b.saturating_sub(win).max(a + 1))
        .step_by(FRAME_SAMPLES)
        .min_by(|&x, &y| {
            let e = |i: usize| clean.samples[i..i + win].iter().map(|s| s * s).sum::<f32>();
            e(x).total_cmp(&e(y))
        })
        .map_or(a, |i| i + win / 2)
}

/// Seconds of near-silence at `at` in the clean speech: the run of 30 ms frames more than 20 dB
/// under the speech's active level that `at` falls in or is within 0.3 s of (the natural gap a
/// pause is spliced into). The recordings' own hiss sits 23 dB or more under (JFK's).
fn natural_gap(clean: &Clip, at: usize, active_dbfs: f32) -> f32 {
    let quiet = |i: usize| {
        let f = &clean.samples[i..(i + FRAME_SAMPLES).min(clean.samples.len())];
        let power = f.iter().map(|s| s * s).sum::<f32>() / f.len().max(1) as f32;
        10.0 * power.max(1e-12).log10() < active_dbfs - 20.0
    };
    let reach = (0.3 * clean.sample_rate as f32) as usize;
    let Some(seed) = (0..=reach / FRAME_SAMPLES)
        .flat_map(|k| [at + k * FRAME_SAMPLES, at.saturating_sub(k * FRAME_SAMPLES)])
        .find(|&i| i + FRAME_SAMPLES <= clean.samples.len() && quiet(i))
    else {
        return 0.0;
    };
    let mut left = seed;
    while left >= FRAME_SAMPLES && quiet(left - FRAME_SAMPLES) {
        left -= FRAME_SAMPLES;
    }
    let mut right = seed;
    while right + FRAME_SAMPLES <= clean.samples.len() && quiet(right) {
        right += FRAME_SAMPLES;
    }
    (right - left) as f32 / clean.sample_rate as f32
}

/// The noisy file with `seconds` of its own after-speech noise spliced in at `at`.
fn with_pause(noisy: &Clip, at: usize, seconds: f32, speech_end_s: f32) -> Clip {
    let rate = noisy.sample_rate as f32;
    let from = ((speech_end_s + 0.5) * rate) as usize;
    let n = (seconds * rate) as usize;
    let mut samples = noisy.samples[..at].to_vec();
    samples.extend_from_slice(&noisy.samples[from..(from + n).min(noisy.samples.len())]);
    samples.extend_from_slice(&noisy.samples[at..]);
    Clip::new(samples, noisy.sample_rate)
}

fn main() {
    let (root, set) = common::rooms();
    let list = |var: &str, default: &str| -> Vec<String> {
        std::env::var(var)
            .unwrap_or_else(|_| default.into())
            .split(',')
            .map(str::to_string)
            .collect()
    };
    let snrs = list("BENCH_SNR", "clean,20,15,10");
    let vads = list("BENCH_VADS", "webrtc,silero,webrtc-gated,silero-gated");
    let noises: Option<Vec<String>> = std::env::var("BENCH_NOISES")
        .ok()
        .map(|v| v.split(',').map(str::to_string).collect());
    let layout = warmup::models::Layout::resolve(None);
    let silero = SileroModel::load(&layout).expect("run `warmup models fetch` first");
    let cfg = warmup::config::Config::default().listening().endpoint;
    let end_silence_s = cfg.end_silence_ms as f32 / 1000.0;
    let verbose = std::env::var_os("BENCH_VERBOSE").is_some();

    let mut groups: BTreeMap<(String, String, String), Group> = BTreeMap::new();
    for (e, noise, level) in set.select(&snrs, noises.as_deref()) {
        let clip = read_wav(&root.join(&e.wav)).expect("wav");
        let clean = read_wav(&root.join(format!("wav/{}__clean.wav", e.clip))).expect("clean wav");
        let at = quiet_point(&clean, e.speech_start_s, e.speech_end_s);
        // The pause with the natural gap it lands in makes PAUSE_S of silence.
        let gap = natural_gap(&clean, at, e.active_speech_dbfs);
        let added = (PAUSE_S - gap).max(0.5);
        let paused = with_pause(&clip, at, added, e.speech_end_s);
        for vad in &vads {
            let detector = || -> Box<dyn VoiceDetector> {
                match vad.as_str() {
                    "webrtc" => Box::new(WebRtcDetector::new()),
                    "silero" => Box::new(SileroDetector::new(silero.clone())),
                    // What ships: each detector behind the loudness gate at its margins.
                    "webrtc-gated" => Detectors::WebRtc.detector(),
                    "silero-gated" => Detectors::Silero(silero.clone()).detector(),
                    gated if gated.contains('+') => {
                        let (name, dbs) = gated.split_once('+').unwrap();
                        let (floor, under) = dbs.split_once('-').unwrap_or((dbs, "99"));
                        let (floor, under) = (floor.parse().unwrap(), under.parse().unwrap());
                        match name {
                            "silero" => Box::new(LoudnessGate::new(
                                SileroDetector::new(silero.clone()),
                                floor,
                                under,
                            )),
                            _ => Box::new(LoudnessGate::new(WebRtcDetector::new(), floor, under)),
                        }
                    }
                    other => panic!("BENCH_VADS: unknown detector {other}"),
                }
            };
            let g = groups
                .entry((vad.clone(), noise.clone(), level.clone()))
                .or_default();
            let t = cpu_s();
            let outcome = turn_end(&clip, detector(), &cfg);
            let pause = turn_end(&paused, detector(), &cfg);
            g.cpu_s += cpu_s() - t;
            g.audio_s += f64::from(clip.duration_s() + paused.duration_s());
            g.files += 1;
            match outcome {
                Outcome::Ended(t) if t < e.speech_end_s => g.cut += 1,
                Outcome::Ended(t) => {
                    g.delays.push(t - e.speech_end_s);
                    if t <= e.speech_end_s + end_silence_s + 0.5 {
                        g.on_time += 1;
                    } else {
                        g.late += 1;
                    }
                }
                Outcome::Never => g.late += 1,
            }
            let pause_at = at as f32 / clip.sample_rate as f32;
            let paused_end = e.speech_end_s + added;
            g.pauses += 1;
            let pause_cut = matches!(pause, Outcome::Ended(t) if t < paused_end);
            if pause_cut {
                g.pauses_cut += 1;
            }
            if verbose {
                let show = |o: &Outcome| match o {
                    Outcome::Ended(t) => format!("{t:.2} s"),
                    Outcome::Never => "never".into(),
                };
                eprintln!(
                    "{vad:7} {:45} speech ends {:.2} s, turn {}; pause at {pause_at:.2} s (gap {gap:.2} + {added:.2} s): turn {}{}",
                    e.wav,
                    e.speech_end_s,
                    show(&outcome),
                    show(&pause),
                    if pause_cut { " CUT" } else { "" }
                );
            }
        }
    }

    println!(
        "\nend silence {end_silence_s:.1} s; on time = ended within {:.1} s after the speech; thinking pause {PAUSE_S} s\n",
        end_silence_s + 0.5
    );
    println!("| detector | noise | SNR (dB) | files | cut early / on time / late | delay median / worst (s) | thinking pauses cut | detector CPU ms per s of audio |");
    println!("|---|---|---|---|---|---|---|---|");
    for ((vad, noise, level), mut g) in groups {
        g.delays.sort_by(f32::total_cmp);
        let median = g.delays.get(g.delays.len() / 2).copied();
        let worst = g.delays.last().copied();
        let fmt = |v: Option<f32>| v.map_or("-".into(), |v| format!("{v:.2}"));
        println!(
            "| {vad} | {noise} | {level} | {} | {} / {} / {} | {} / {} | {} of {} | {:.1} |",
            g.files,
            g.cut,
            g.on_time,
            g.late,
            fmt(median),
            fmt(worst),
            g.pauses_cut,
            g.pauses,
            1000.0 * g.cpu_s / g.audio_s
        );
    }
}
