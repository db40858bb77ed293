//! Real voices in real rooms: human recordings from `bench/rooms/clips` (licences in
//! `bench/rooms/clips/LICENSES.md`) mixed with real room noise that goes on after the answer,
//! through `warmup answer` (the session's own listening, Silero VAD and whisper).

use std::path::Path;

use warmup::asr::wer::recall;
use warmup::audio::wav::{read_wav, write_wav};
use warmup::audio::Clip;

use crate::support::{sox, tmp};

const RATE: usize = 16_000;
/// 10 ms frames, as bench/rooms/build.py measures speech.
const FRAME: usize = 160;

/// A committed clip or noise at 16 kHz.
fn load(dir: &Path, name: &str) -> Vec<f32> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("bench/rooms/clips")
        .join(name);
    let wav = dir.join(format!("{name}.wav"));
    sox(&src, &wav, &["-r", "16000", "-c", "1", "-b", "16"]);
    read_wav(&wav).expect("wav").samples
}

fn power(x: &[f32]) -> f32 {
    x.iter().map(|v| v * v).sum::<f32>() / x.len().max(1) as f32
}

/// The speech's active part (10 ms frames within 35 dB of the loudest, as the bench set is
/// built) and its mean power.
fn active(x: &[f32]) -> (&[f32], f32) {
    let p: Vec<f32> = x.chunks_exact(FRAME).map(power).collect();
    let peak = p.iter().copied().fold(0.0, f32::max);
    let thr = (peak * 10f32.powf(-3.5)).max(1e-6);
    let on: Vec<usize> = (0..p.len()).filter(|&i| p[i] > thr).collect();
    let (a, b) = (on[0] * FRAME, (on[on.len() - 1] + 1) * FRAME);
    let level = on.iter().map(|&i| p[i]).sum::<f32>() / on.len() as f32;
    (&x[a..b], level)
}

/// `parts` of speech (with silence between as given) over `noise` looped from 1 s before to
/// 6 s after, at `snr_db` under the speech's active level. Returns the file and where the
/// speech ends, in seconds.
fn room(
    dir: &Path,
    parts: &[(&[f32], f32)],
    noise: &[f32],
    snr_db: f32,
    level: f32,
) -> (std::path::PathBuf, f32) {
    let mut speech = vec![0.0; RATE];
    for (part, gap_after) in parts {
        speech.extend_from_slice(part);
        speech.extend(std::iter::repeat_n(0.0, (gap_after * RATE as f32) as usize));
    }
    let end_s = speech.len() as f32 / RATE as f32;
    speech.extend(std::iter::repeat_n(0.0, 6 * RATE));
    let gain = (level / (power(noise) * 10f32.powf(snr_db / 10.0))).sqrt();
    let mixed: Vec<f32> = speech
        .iter()
        .zip(noise.iter().cycle())
        .map(|(s, n)| (s + gain * n).clamp(-1.0, 1.0))
        .collect();
    let path = dir.join("room.wav");
    write_wav(&path, &Clip::new(mixed, RATE as u32)).unwrap();
    (path, end_s)
}

/// `warmup answer` on the file: transcript, how the turn ended, and when.
fn answer(path: &Path) -> (String, String, f32) {
    let out = crate::support::answer_about_yourself(&[], path, &["--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let j: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    (
        j["transcript"].as_str().unwrap().to_string(),
        j["ended_by"].as_str().unwrap().to_string(),
        j["turn_end_s"].as_f64().unwrap() as f32,
    )
}

#[test]
fn in_room_noise_the_turn_ends_on_time_and_the_words_hold() {
    let dir = tmp();
    // Noise that looks like speech to WebRTC's VAD (cafe chatter, dishes, a running tap),
    // continuing after the answer as it does in a room.
    for (clip, reference, noise, snr) in [
        (
            "jfk.flac",
            "And so, my fellow Americans: ask not what your country can do for you, ask what you can do for your country.",
            "noise_cafe.flac",
            15.0,
        ),
        (
            "ls_1272-128104-0000.flac",
            // The recording of LibriSpeech 1272-128104-0001 (see bench/rooms/sources.toml).
            "NOR IS MISTER QUILTER'S MANNER LESS INTERESTING THAN HIS MATTER",
            "noise_kitchen_dishes.flac",
            15.0,
        ),
        (
            "vctk_p226_001.flac",
            "Please call Stella.",
            "noise_running_tap.flac",
            10.0,
        ),
    ] {
        let speech = load(dir.path(), clip);
        let (part, level) = active(&speech);
        let noise = load(dir.path(), noise);
        let (path, end_s) = room(dir.path(), &[(part, 0.0)], &noise, snr, level);
        let (heard, ended_by, turn_end_s) = answer(&path);
        assert_eq!(ended_by, "silence", "{clip} in {noise:?}: the turn never ended");
        assert!(
            turn_end_s >= end_s && turn_end_s <= end_s + 3.5,
            "{clip}: speech ended at {end_s:.2} s, the turn at {turn_end_s:.2} s"
        );
        let r = recall(reference, &heard);
        assert!(r >= 0.8, "{clip}: heard {heard:?} ({r:.2})");
    }
}

#[test]
fn a_thinking_pause_in_cafe_noise_is_not_cut() {
    let dir = tmp();
    // One speaker, two sentences, a 2 s pause between (the end silence is 3 s), in cafe chatter
    // at 15 dB: one answer with both sentences.
    let first = load(dir.path(), "arctic_aew_a0001.flac");
    let second = load(dir.path(), "arctic_aew_a0002.flac");
    let (a, la) = active(&first);
    let (b, lb) = active(&second);
    let noise = load(dir.path(), "noise_cafe.flac");
    let (path, end_s) = room(
        dir.path(),
        &[(a, 2.0), (b, 0.0)],
        &noise,
        15.0,
        (la + lb) / 2.0,
    );
    let (heard, ended_by, turn_end_s) = answer(&path);
    assert_eq!(ended_by, "silence");
    assert!(
        turn_end_s >= end_s && turn_end_s <= end_s + 3.5,
        "the speech ended at {end_s:.2} s, the turn at {turn_end_s:.2} s: {heard:?}"
    );
    let both = "Author of the danger trail, Philip Steels, etc. Not at this particular case, Tom, apologized Whittemore.";
    let r = recall(both, &heard);
    assert!(r >= 0.7, "heard {heard:?} ({r:.2})");
}
