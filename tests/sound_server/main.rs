//! `warmup practice` on a real sound server (PulseAudio with null sinks, started and stopped by
//! `tests/pulse/session.sh`): the candidate's answer is played into the virtual microphone, the
//! agent's voice is recorded from the speaker's monitor. A test binary of its own: cargo runs
//! test binaries one after another, so this real-time session does not share the two cores
//! with the other engine tests.

#[allow(dead_code)]
#[path = "../integration/support.rs"]
mod support;

use std::path::Path;

use warmup::asr::wer::recall;
use warmup::audio::wav::read_wav;

use support::{tmp, transcribe_file};

/// Seconds at which each 10 ms window is louder than `threshold` (RMS).
fn loud(path: &Path, threshold: f32) -> Vec<f32> {
    let clip = read_wav(path).expect("a recording");
    let win = (clip.sample_rate / 100) as usize;
    clip.samples
        .chunks(win)
        .enumerate()
        .filter(|(_, c)| (c.iter().map(|s| s * s).sum::<f32>() / c.len() as f32).sqrt() > threshold)
        .map(|(i, _)| i as f32 / 100.0)
        .collect()
}

fn read(dir: &Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(name)).unwrap_or_default()
}

#[test]
fn a_practice_session_on_a_sound_server_with_barge_in() {
    let dir = tmp();
    let out = dir.path();
    let status = std::process::Command::new("bash")
        .arg(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/pulse/session.sh"
        ))
        .arg(env!("CARGO_BIN_EXE_warmup"))
        .arg(out)
        .status()
        .expect("bash runs");
    assert!(status.success(), "the sound-server script failed");

    // 0. `warmup devices`: ALSA's "null" alone is no sound card; the server's devices are.
    let before = read(out, "devices-before.out");
    assert_eq!(read(out, "devices-before.code").trim(), "4", "{before}");
    assert!(
        before.contains("No input device and no output device"),
        "{before}"
    );
    let after = read(out, "devices-after.out");
    assert_eq!(read(out, "devices-after.code").trim(), "0", "{after}");
    assert!(after.contains("input  pulse - "), "{after}");

    // 3. A speaker that stopped taking audio is given up on (not waited for for ever), and
    //    said to be lost.
    let stall = read(out, "stall.err");
    assert_eq!(read(out, "stall.code").trim(), "1", "{stall}");
    assert!(
        stall.contains("the speaker was lost (it failed, or stopped taking audio)"),
        "{stall}"
    );

    // 1. The answer after the question: heard, answered, and the session ends by itself.
    let printed = read(out, "turn.out");
    let log = format!("{printed}\n{}", read(out, "turn.err"));
    assert_eq!(read(out, "turn.code").trim(), "0", "{log}");
    let answer = printed
        .lines()
        .find(|l| l.starts_with("you:") && !l.contains("(silence)"))
        .unwrap_or_default()
        .to_lowercase();
    assert!(answer.contains("network engineer"), "{log}");
    assert!(printed.contains("You answered 1 of 1"), "{log}");
    // What the speaker played, transcribed, holds the question.
    let spoken = transcribe_file(&out.join("turn-spk.wav")).text;
    let question = "Tell me a little about yourself and the path that led you here.";
    assert!(recall(question, &spoken) >= 0.8, "{spoken:?}");

    // 2. The answer over the question: the agent stops, and the answer is still taken.
    let printed = read(out, "barge.out");
    let log = format!("{printed}\n{}", read(out, "barge.err"));
    assert_eq!(read(out, "barge.code").trim(), "0", "{log}");
    assert!(printed.contains("(spoke over the agent at"), "{log}");
    assert!(printed.contains("You answered 1 of 1"), "{log}");
    // From the candidate's first sound to the agent's silence, on the server's recordings,
    // lined up by the click each starts with.
    let mic = loud(&out.join("barge-mic.wav"), 0.02);
    // Any sound at all from the speaker (a null sink is exactly silent otherwise).
    let spk = loud(&out.join("barge-spk.wav"), 0.001);
    let (mic_click, spk_click) = (mic[0], spk[0]);
    let voice_at = mic
        .iter()
        .find(|t| **t > mic_click + 0.3)
        .copied()
        .expect("the answer was played into the microphone")
        - mic_click;
    let agent: Vec<f32> = spk
        .iter()
        .map(|t| t - spk_click)
        .filter(|t| *t >= voice_at)
        .collect();
    // The first gap of half a second or more after the voice starts is where the agent stopped.
    let stopped_at = agent
        .windows(2)
        .find(|w| w[1] - w[0] >= 0.5)
        .map_or(voice_at, |w| w[0]);
    let late = stopped_at - voice_at;
    eprintln!("barge-in on the sound server: the agent stopped {late:.3} s after the voice began");
    assert!(late <= 0.3, "the agent went on for {late:.2} s: {log}");
}
