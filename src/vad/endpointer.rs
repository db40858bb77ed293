//! Turn-taking: when did the answer start, when is it over. Counted in 30 ms frames, never in
//! clock time, so a file-driven session is exact and faster than real time.
//!
//! - A pre-roll keeps the frames before the onset, so the first syllable is never clipped.
//! - Speech opens after `onset` voiced frames in a row; a burst with less voiced audio than
//!   `min_speech` in all (a cough, a click) is dropped when it ends.
//! - Thinking pauses shorter than `end_silence` never end the turn; each pause longer than
//!   `chunk_pause` is reported so the recogniser can transcribe the answer in pieces.
//! - `max_answer` ends a turn that runs too long.

use crate::audio::{Frame, FRAME_SAMPLES};

/// Milliseconds to whole frames (rounded up).
pub fn ms_to_frames(ms: u32) -> u64 {
    (ms as u64 * 16).div_ceil(FRAME_SAMPLES as u64)
}

/// Frame index to seconds.
pub fn frames_to_s(frames: u64) -> f32 {
    (frames * FRAME_SAMPLES as u64) as f32 / 16_000.0
}

/// Turn-taking settings, in milliseconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct EndpointConfig {
    /// Audio kept before the onset.
    pub pre_roll_ms: u32,
    /// Voiced audio in a row that opens an utterance.
    pub onset_ms: u32,
    /// Less voiced audio than this in a whole utterance is a cough or a click, not an answer.
    pub min_speech_ms: u32,
    /// Silence that ends the answer.
    pub end_silence_ms: u32,
    /// A pause this long is a boundary for incremental transcription.
    pub chunk_pause_ms: u32,
    /// The longest answer.
    pub max_answer_ms: u32,
    /// The voice detector (the session's choice; the endpointer is given one).
    pub vad: super::VadKind,
}

impl Default for EndpointConfig {
    fn default() -> Self {
        EndpointConfig {
            pre_roll_ms: 300,
            onset_ms: 90,
            min_speech_ms: 300,
            end_silence_ms: 3000,
            chunk_pause_ms: 600,
            max_answer_ms: 180_000,
            vad: super::VadKind::Silero,
        }
    }
}

/// Is this frame voice? The real detector is WebRTC's VAD; tests may script one.
pub trait VoiceDetector {
    fn is_voice(&mut self, frame: &Frame) -> bool;
}

impl<D: VoiceDetector + ?Sized> VoiceDetector for Box<D> {
    fn is_voice(&mut self, frame: &Frame) -> bool {
        (**self).is_voice(frame)
    }
}

/// WebRTC's VAD at 16 kHz. Not `Send`: create it on the thread that uses it.
pub struct WebRtcDetector(webrtc_vad::Vad);

impl WebRtcDetector {
    pub fn new() -> Self {
        WebRtcDetector(webrtc_vad::Vad::new_with_rate_and_mode(
            webrtc_vad::SampleRate::Rate16kHz,
            webrtc_vad::VadMode::Aggressive,
        ))
    }
}

impl Default for WebRtcDetector {
    fn default() -> Self {
        Self::new()
    }
}

impl VoiceDetector for WebRtcDetector {
    fn is_voice(&mut self, frame: &Frame) -> bool {
        self.0.is_voice_segment(frame).unwrap_or(false)
    }
}

/// Why a turn ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EndReason {
    Silence,
    MaxLength,
}

/// What one frame meant. Frame indices count from the first frame pushed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Endpoint {
    /// No utterance open.
    Quiet,
    /// An utterance opened; its audio starts at `start` (pre-roll included).
    Started { start: u64 },
    /// Inside an utterance.
    Speaking,
    /// A pause inside the utterance reached the chunk length; speech before `at` can be
    /// transcribed now.
    Pause { at: u64 },
    /// The pause went on to half the end silence: the answer may be over, so what is waiting
    /// should be transcribed now (by the time the turn ends, it is).
    Settled { at: u64 },
    /// The turn is over: speech ran from `start` to `end` (exclusive, trailing silence cut).
    Ended {
        start: u64,
        end: u64,
        reason: EndReason,
    },
    /// The utterance was too little speech to count (a cough or a click) and was dropped.
    Dropped { start: u64, end: u64 },
}

#[derive(Debug, Clone, Copy)]
enum State {
    Waiting {
        run: u64,
    },
    InSpeech {
        start: u64,
        last_voiced: u64,
        voiced: u64,
        /// Voiced frames in a row inside a pause, not yet enough to end it.
        run: u64,
    },
}

/// Frame-by-frame end-of-turn detection.
pub struct Endpointer<D> {
    detector: D,
    pre_roll: u64,
    onset: u64,
    min_speech: u64,
    end_silence: u64,
    chunk_pause: u64,
    /// Half the end silence (after the chunk pause).
    settle: u64,
    max_answer: u64,
    state: State,
    frame: u64,
}

impl<D: VoiceDetector> Endpointer<D> {
    pub fn new(detector: D, cfg: &EndpointConfig) -> Self {
        Endpointer {
            detector,
            pre_roll: ms_to_frames(cfg.pre_roll_ms),
            onset: ms_to_frames(cfg.onset_ms).max(1),
            min_speech: ms_to_frames(cfg.min_speech_ms),
            end_silence: ms_to_frames(cfg.end_silence_ms).max(1),
            chunk_pause: ms_to_frames(cfg.chunk_pause_ms).max(1),
            settle: (ms_to_frames(cfg.end_silence_ms) / 2)
                .max(ms_to_frames(cfg.chunk_pause_ms) + 1),
            max_answer: ms_to_frames(cfg.max_answer_ms).max(1),
            state: State::Waiting { run: 0 },
            frame: 0,
        }
    }

    /// Frames pushed so far.
    pub fn frames(&self) -> u64 {
        self.frame
    }

    /// The last voiced frame of the open utterance.
    pub fn last_voiced(&self) -> Option<u64> {
        match self.state {
            State::InSpeech { last_voiced, .. } => Some(last_voiced),
            State::Waiting { .. } => None,
        }
    }

    /// Is an utterance open?
    pub fn in_speech(&self) -> bool {
        matches!(self.state, State::InSpeech { .. })
    }

    /// Starts a new turn (frame numbering goes on).
    pub fn reset(&mut self) {
        self.state = State::Waiting { run: 0 };
    }

    /// Feeds one frame.
    pub fn push(&mut self, frame: &Frame) -> Endpoint {
        let i = self.frame;
        self.frame += 1;
        let voice = self.detector.is_voice(frame);
        match (self.state, voice) {
            (State::Waiting { run }, true) => {
                let run = run + 1;
                if run >= self.onset {
                    let first_voiced = i + 1 - run;
                    let start = first_voiced.saturating_sub(self.pre_roll);
                    self.state = State::InSpeech {
                        start,
                        last_voiced: i,
                        voiced: run,
                        run: 0,
                    };
                    Endpoint::Started { start }
                } else {
                    self.state = State::Waiting { run };
                    Endpoint::Quiet
                }
            }
            (State::Waiting { .. }, false) => {
                self.state = State::Waiting { run: 0 };
                Endpoint::Quiet
            }
            // Speech goes on, or resumes after a pause: as at the onset, a pause is over only
            // after `onset` voiced frames in a row (a clatter or a cough in the room, one or two
            // frames, does not start the end silence again).
            (
                State::InSpeech {
                    start,
                    last_voiced,
                    voiced,
                    run,
                },
                true,
            ) if i == last_voiced + 1 || run + 1 >= self.onset => {
                self.state = State::InSpeech {
                    start,
                    last_voiced: i,
                    voiced: voiced + run + 1,
                    run: 0,
                };
                if i + 1 - start >= self.max_answer {
                    self.state = State::Waiting { run: 0 };
                    return Endpoint::Ended {
                        start,
                        end: i + 1,
                        reason: EndReason::MaxLength,
                    };
                }
                Endpoint::Speaking
            }
            (
                State::InSpeech {
                    start,
                    last_voiced,
                    voiced,
                    run,
                },
                voice,
            ) => {
                self.state = State::InSpeech {
                    start,
                    last_voiced,
                    voiced,
                    run: if voice { run + 1 } else { 0 },
                };
                let silent = i - last_voiced;
                let end = last_voiced + 1;
                if silent >= self.end_silence || i + 1 - start >= self.max_answer {
                    self.state = State::Waiting { run: 0 };
                    if voiced < self.min_speech {
                        return Endpoint::Dropped { start, end };
                    }
                    let reason = if silent >= self.end_silence {
                        EndReason::Silence
                    } else {
                        EndReason::MaxLength
                    };
                    return Endpoint::Ended { start, end, reason };
                }
                if silent == self.chunk_pause && voiced >= self.min_speech {
                    Endpoint::Pause { at: end }
                } else if silent == self.settle && voiced >= self.min_speech {
                    Endpoint::Settled { at: end }
                } else {
                    Endpoint::Speaking
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Voice decided by the frame's first sample (tests write 1 for voice, 0 for silence).
    struct Scripted;
    impl VoiceDetector for Scripted {
        fn is_voice(&mut self, f: &Frame) -> bool {
            f[0] != 0
        }
    }

    fn run(cfg: &EndpointConfig, pattern: &[(bool, u64)]) -> Vec<(u64, Endpoint)> {
        let mut e = Endpointer::new(Scripted, cfg);
        let mut out = Vec::new();
        for &(voice, n) in pattern {
            for _ in 0..n {
                let mut f = [0i16; FRAME_SAMPLES];
                f[0] = i16::from(voice);
                let i = e.frames();
                match e.push(&f) {
                    Endpoint::Quiet | Endpoint::Speaking => {}
                    other => out.push((i, other)),
                }
            }
        }
        out
    }

    fn cfg() -> EndpointConfig {
        EndpointConfig {
            pre_roll_ms: 300,     // 10 frames
            onset_ms: 90,         // 3 frames
            min_speech_ms: 300,   // 10 frames
            end_silence_ms: 3000, // 100 frames
            chunk_pause_ms: 600,  // 20 frames
            max_answer_ms: 180_000,
            vad: crate::vad::VadKind::Webrtc,
        }
    }

    #[test]
    fn frames_from_ms() {
        assert_eq!(ms_to_frames(3000), 100);
        assert_eq!(ms_to_frames(300), 10);
        assert_eq!(ms_to_frames(100), 4);
    }

    #[test]
    fn start_includes_pre_roll_and_end_cuts_trailing_silence() {
        let got = run(&cfg(), &[(false, 50), (true, 40), (false, 100)]);
        assert_eq!(
            got,
            [
                (52, Endpoint::Started { start: 40 }),
                (109, Endpoint::Pause { at: 90 }),
                (139, Endpoint::Settled { at: 90 }),
                (
                    189,
                    Endpoint::Ended {
                        start: 40,
                        end: 90,
                        reason: EndReason::Silence
                    }
                ),
            ]
        );
    }

    #[test]
    fn a_thinking_pause_shorter_than_the_end_silence_does_not_end_the_turn() {
        // 2.5 s pause (84 frames) inside the answer.
        let got = run(&cfg(), &[(true, 60), (false, 84), (true, 60), (false, 100)]);
        let ends: Vec<_> = got
            .iter()
            .filter(|(_, e)| matches!(e, Endpoint::Ended { .. }))
            .collect();
        assert_eq!(
            ends,
            [&(
                303,
                Endpoint::Ended {
                    start: 0,
                    end: 204,
                    reason: EndReason::Silence
                }
            )]
        );
        assert!(got.contains(&(79, Endpoint::Pause { at: 60 })));
    }

    #[test]
    fn a_clatter_in_the_pause_does_not_restart_the_end_silence_but_a_word_does() {
        // After the answer, two frames of noise the detector takes for voice (a cup set down),
        // then silence: the turn ends 3 s after the last word, not after the clatter.
        let got = run(&cfg(), &[(true, 60), (false, 40), (true, 2), (false, 100)]);
        let ended = |e: &Endpoint| matches!(e, Endpoint::Ended { .. });
        assert_eq!(
            got.iter().find(|(_, e)| ended(e)),
            Some(&(
                159,
                Endpoint::Ended {
                    start: 0,
                    end: 60,
                    reason: EndReason::Silence
                }
            ))
        );
        // Three frames in a row (the onset) are speech again: the silence starts over.
        let got = run(&cfg(), &[(true, 60), (false, 40), (true, 3), (false, 100)]);
        assert_eq!(
            got.iter().find(|(_, e)| ended(e)),
            Some(&(
                202,
                Endpoint::Ended {
                    start: 0,
                    end: 103,
                    reason: EndReason::Silence
                }
            ))
        );
    }

    #[test]
    fn a_cough_is_dropped_and_a_click_never_opens() {
        let got = run(&cfg(), &[(true, 2), (false, 10), (true, 6), (false, 100)]);
        assert_eq!(
            got,
            [
                (14, Endpoint::Started { start: 2 }),
                (117, Endpoint::Dropped { start: 2, end: 18 }),
            ]
        );
    }

    #[test]
    fn the_longest_answer_is_cut_at_the_limit() {
        let c = EndpointConfig {
            max_answer_ms: 6000, // 200 frames
            ..cfg()
        };
        let got = run(&c, &[(true, 300)]);
        assert_eq!(
            got[1],
            (
                199,
                Endpoint::Ended {
                    start: 0,
                    end: 200,
                    reason: EndReason::MaxLength
                }
            )
        );
    }
}
