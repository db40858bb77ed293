//! Turn-taking on real audio: WebRTC VAD, the endpointer, and (where the words matter) whisper.

use warmup::asr::{AsrError, TranscribeOptions, Transcriber, Transcript};
use warmup::audio::source::ClipSource;
use warmup::audio::wav::read_wav;
use warmup::audio::Clip;
use warmup::session::turn::{EndedBy, Turn, TurnResult};
use warmup::vad::endpointer::{EndpointConfig, WebRtcDetector};

use crate::support::{espeak, tmp, warmup, whisper};

/// A transcriber for tests where only timing matters: it hears nothing.
struct Deaf;
impl Transcriber for Deaf {
    fn transcribe(&mut self, clip: &Clip, _: &TranscribeOptions) -> Result<Transcript, AsrError> {
        Ok(Transcript {
            duration_s: clip.duration_s(),
            ..Transcript::default()
        })
    }
}

/// A transcriber for tests where only timing matters but speech must be speech: it hears one
/// word in every clip.
struct Hears;
impl Transcriber for Hears {
    fn transcribe(&mut self, clip: &Clip, _: &TranscribeOptions) -> Result<Transcript, AsrError> {
        Ok(Transcript {
            text: "words".into(),
            words: vec![warmup::asr::Word {
                text: "words".into(),
                start: 0.0,
                end: clip.duration_s(),
                prob: 0.9,
            }],
            duration_s: clip.duration_s(),
        })
    }
}

fn listen<T: Transcriber>(clip: &Clip, asr: &mut T) -> TurnResult {
    let mut src = ClipSource::new(clip).unwrap();
    let mut turn = Turn::new(
        WebRtcDetector::new(),
        &EndpointConfig::default(),
        TranscribeOptions::default(),
    );
    turn.feed(&mut src, asr).unwrap();
    turn.finish(asr).unwrap().expect("speech heard")
}

fn join(parts: &[Clip]) -> Clip {
    let mut all = Clip::new(Vec::new(), 16_000);
    for p in parts {
        all.append(&warmup::audio::resample::resample(p, 16_000).unwrap());
    }
    all
}

fn speech(dir: &std::path::Path, name: &str, text: &str) -> Clip {
    read_wav(&espeak(dir, name, "en-us+m3", text)).unwrap()
}

#[test]
fn a_thinking_pause_does_not_end_the_turn_and_an_end_phrase_does_at_once() {
    let dir = tmp();
    let a = speech(
        dir.path(),
        "a.wav",
        "I was on call when the monitoring system flagged a spike in failed logins.",
    );
    let b = speech(
        dir.path(),
        "b.wav",
        "I locked the accounts and reviewed the logs with my team. That's my answer.",
    );
    let pause = Clip::silence(2.5, 16_000);
    let tail = Clip::silence(5.0, 16_000);
    let clip = join(&[a.clone(), pause.clone(), b.clone(), tail]);
    let r = listen(&clip, &mut *whisper().lock().unwrap());
    assert_eq!(r.ended_by, EndedBy::Phrase, "{r:?}");
    let speech_end = a.duration_s() + 2.5 + b.duration_s();
    assert!(
        r.speech_end_s > a.duration_s() + 2.5,
        "the pause did not end it: {r:?}"
    );
    assert!(r.turn_end_s - r.speech_end_s < 1.0, "ended at once: {r:?}");
    assert!(r.turn_end_s < speech_end + 1.5);
    let text = r.transcript.text.to_lowercase();
    assert!(
        text.contains("monitoring") && text.contains("logs"),
        "{text}"
    );
    assert!(!text.contains("my answer"), "end phrase removed: {text}");
}

#[test]
fn silence_ends_the_turn_after_the_end_silence() {
    let dir = tmp();
    let a = speech(
        dir.path(),
        "a.wav",
        "I would start by checking the firewall logs for that address.",
    );
    let clip = join(&[Clip::silence(1.0, 16_000), a, Clip::silence(6.0, 16_000)]);
    let r = listen(&clip, &mut Deaf);
    assert_eq!(r.ended_by, EndedBy::Silence);
    let waited = r.turn_end_s - r.speech_end_s;
    assert!(
        (2.9..=3.2).contains(&waited),
        "{waited} s of silence before the end"
    );
    // The pre-roll keeps audio before the first voiced frame.
    assert!(r.speech_start_s < 1.0 && r.speech_start_s >= 0.6, "{r:?}");
}

#[test]
fn a_four_minute_answer_hits_the_limit() {
    let dir = tmp();
    let a = speech(
        dir.path(),
        "a.wav",
        "I keep talking about the project and the team and the plan, and I go on and on without a real pause.",
    );
    let mut parts = Vec::new();
    while parts.iter().map(Clip::duration_s).sum::<f32>() < 240.0 {
        parts.push(a.clone());
    }
    // Words are heard (a deaf recogniser would make this unbroken voice noise, see below).
    let r = listen(&join(&parts), &mut Hears);
    assert_eq!(r.ended_by, EndedBy::MaxLength);
    assert!((179.0..=181.0).contains(&r.turn_end_s), "{r:?}");
}

#[test]
fn answer_json_has_the_documented_fields() {
    let dir = tmp();
    let spoken = espeak(
        dir.path(),
        "spoken.wav",
        "en-us+f2",
        "Phishing is an email that tricks people into giving away passwords. I'm done.",
    );
    // A second of silence after "I'm done": the pause where the end phrase is heard.
    let a = dir.path().join("a.wav");
    let mut clip = read_wav(&spoken).unwrap();
    clip.append(&Clip::silence(1.0, clip.sample_rate));
    warmup::audio::wav::write_wav(&a, &clip).unwrap();
    let o = warmup(&[
        "answer",
        a.to_str().unwrap(),
        "--ask",
        "What is phishing?",
        "--kind",
        "technical",
        "--field",
        "cybersecurity",
        "--json",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    for key in [
        "question_id",
        "transcript",
        "words",
        "speech_start_s",
        "speech_end_s",
        "turn_end_s",
        "ended_by",
        "insights",
        "feedback",
        "timings_ms",
    ] {
        assert!(v.get(key).is_some(), "missing {key}: {v}");
    }
    for key in ["asr_after_end", "insights", "tts_first_audio"] {
        let ms = v["timings_ms"][key].as_f64().unwrap_or(0.0);
        assert!(ms > 0.0, "timings_ms.{key} measured: {}", v["timings_ms"]);
    }
    assert_eq!(v["question_id"], "custom");
    assert!(
        v["transcript"]
            .as_str()
            .unwrap()
            .to_lowercase()
            .contains("passwords"),
        "{v}"
    );
    let w = &v["words"][0];
    assert!(
        w["text"].is_string()
            && w["start"].is_number()
            && w["end"].is_number()
            && w["prob"].is_number()
    );
    assert_eq!(v["ended_by"], "phrase");
}

#[test]
fn the_end_silence_comes_from_the_config_file() {
    let dir = tmp();
    let a = speech(dir.path(), "a.wav", "I check the alerts every morning.");
    let b = speech(
        dir.path(),
        "b.wav",
        "Then I write a short report for the team.",
    );
    let clip = join(&[
        a.clone(),
        Clip::silence(2.0, 16_000),
        b,
        Clip::silence(3.0, 16_000),
    ]);
    let wav = dir.path().join("answer.wav");
    warmup::audio::wav::write_wav(&wav, &clip).unwrap();
    let cfg = dir.path().join("config.toml");
    std::fs::write(&cfg, "[turn]\nend_silence_ms = 1200\n").unwrap();
    let o = warmup(&[
        "--config",
        cfg.to_str().unwrap(),
        "answer",
        wav.to_str().unwrap(),
        "--ask",
        "How do you start your day?",
        "--kind",
        "background",
        "--field",
        "general",
        "--json",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    // The 2 s pause is longer than the configured 1.2 s: the turn ends there.
    assert_eq!(v["ended_by"], "silence");
    let end = v["turn_end_s"].as_f64().unwrap();
    let speech_end = v["speech_end_s"].as_f64().unwrap();
    assert!((end - speech_end - 1.2).abs() < 0.1, "{v}");
    assert!(speech_end < a.duration_s() as f64 + 0.5, "{v}");
}

/// White noise at about -16 dBFS (a deterministic generator: the same noise every run).
fn white_noise(secs: f32) -> Clip {
    let mut x: u32 = 0x9E37_79B9;
    let samples = (0..(secs * 16_000.0) as usize)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            (x as f32 / u32::MAX as f32 - 0.5) * 0.5
        })
        .collect();
    Clip::new(samples, 16_000)
}

#[test]
fn noise_that_never_stops_is_not_an_answer() {
    // WebRTC VAD takes white noise for speech: without the check this was one 60 s "answer"
    // (in a session, one of 3 minutes).
    let noise = white_noise(60.0);
    let r = listen(&noise, &mut *whisper().lock().unwrap());
    assert_eq!(r.ended_by, EndedBy::Noise, "{r:?}");
    assert!(r.transcript.text.is_empty(), "{r:?}");
    let limit = warmup::session::turn::NOISE_CHECK_S + 1.0;
    assert!(r.turn_end_s < limit, "ended at {} s", r.turn_end_s);
}
