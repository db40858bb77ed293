//! One answer: frames in, a transcript out. The endpointer decides when speech starts and when
//! the turn is over; pauses close pieces that are transcribed while the candidate goes on; an end
//! phrase ("that's my answer") ends the turn at the pause after it instead of after the long
//! silence. Time is counted in frames, so a file gives the same turn every time.

use serde::Serialize;

use crate::asr::incremental::Incremental;
use crate::asr::{AsrError, TranscribeOptions, Transcriber, Transcript};
use crate::audio::frame::to_f32;
use crate::audio::{Frame, FRAME_SAMPLES};
use crate::transcript::normalize;
use crate::vad::endpointer::{
    frames_to_s, EndReason, Endpoint, EndpointConfig, Endpointer, VoiceDetector,
};

/// Phrases that end an answer at once, as whisper writes them (normalised), with the ways
/// tiny.en mishears them ("that's" often comes out as "at" or "that").
pub const END_PHRASES: [&str; 12] = [
    "let's my answer",
    "that's my answer",
    "thats my answer",
    "that is my answer",
    "this is my answer",
    "that my answer",
    "at my answer",
    "i'm done",
    "i am done",
    "next question",
    "that's all",
    "that is all",
];

/// Why the turn ended (names kept in the `answer` JSON).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EndedBy {
    Silence,
    Phrase,
    MaxLength,
    EndOfInput,
    /// The whole utterance was a voice command ("repeat"): no need to wait for the silence.
    Command,
    /// [`NOISE_CHECK_S`] of unbroken "voice" gave not one word: noise the voice detector takes
    /// for speech (a fan, white noise), not an answer.
    Noise,
}

/// After this long of voice without a pause and without a word so far, the audio is probed:
/// if whisper hears no words in it, the turn is noise and ends (it would otherwise run to the
/// length limit). Real answers have words well before this.
pub const NOISE_CHECK_S: f32 = 20.0;

/// What listening produced.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TurnResult {
    pub transcript: Transcript,
    /// Where speech started in the input, seconds (pre-roll excluded).
    pub speech_start_s: f32,
    /// Where the last speech ended, seconds.
    pub speech_end_s: f32,
    /// Where in the input the turn was judged over, seconds.
    pub turn_end_s: f32,
    pub ended_by: EndedBy,
    /// Pieces transcribed while the candidate spoke (before the end).
    pub pieces_during: usize,
    /// The voice command the whole utterance is, if it is one: parsed here, once, for the
    /// machine.
    #[serde(skip)]
    pub command: Option<super::commands::Command>,
}

impl TurnResult {
    /// An answer heard as `text` ([`Transcript::evenly_spoken`]) and ended by its closing
    /// phrase, the command it is parsed: for tests, and for foreseeing what a session will do
    /// with a simulated candidate's written answer.
    pub fn heard(text: &str) -> TurnResult {
        let transcript = crate::transcript::Transcript::evenly_spoken(text);
        let end = transcript.duration_s;
        TurnResult {
            command: super::commands::parse(text),
            transcript,
            speech_start_s: 0.0,
            speech_end_s: end,
            turn_end_s: end + 0.6,
            ended_by: EndedBy::Phrase,
            pieces_during: 0,
        }
    }
}

/// The state of a turn after a frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TurnStatus {
    /// Nothing heard yet, for this many frames.
    Waiting { silent_frames: u64 },
    /// The candidate is answering.
    Answering,
    /// The turn is over: call [`Turn::finish`].
    Over,
}

/// Listens for one answer.
pub struct Turn<D> {
    ep: Endpointer<D>,
    pre_roll: std::collections::VecDeque<Frame>,
    pre_roll_frames: usize,
    answer: Option<(u64, Incremental)>,
    ended: Option<(u64, u64, EndedBy)>,
    opts: TranscribeOptions,
    /// Frames into the answer at which the next noise check is due.
    noise_check_at: u64,
}

impl<D: VoiceDetector> Turn<D> {
    pub fn new(detector: D, cfg: &EndpointConfig, opts: TranscribeOptions) -> Self {
        let pre_roll_frames =
            crate::vad::endpointer::ms_to_frames(cfg.pre_roll_ms + cfg.onset_ms) as usize + 1;
        Turn {
            ep: Endpointer::new(detector, cfg),
            pre_roll: std::collections::VecDeque::with_capacity(pre_roll_frames),
            pre_roll_frames,
            answer: None,
            ended: None,
            opts,
            noise_check_at: noise_window(),
        }
    }

    /// Frames heard.
    pub fn frames(&self) -> u64 {
        self.ep.frames()
    }

    /// How many words have been transcribed so far: cheap, to see when [`Self::heard_so_far`]
    /// has changed.
    pub fn words_so_far(&self) -> usize {
        self.answer.as_ref().map_or(0, |(_, inc)| inc.words().len())
    }

    /// What has been transcribed so far (the pieces closed at pauses), for a live view.
    pub fn heard_so_far(&self) -> Option<String> {
        let (_, inc) = self.answer.as_ref()?;
        let words: Vec<&str> = inc.words().iter().map(|w| w.text.trim()).collect();
        (!words.is_empty()).then(|| words.join(" "))
    }

    /// Feeds one frame; transcribes a piece at a pause.
    ///
    /// # Errors
    /// [`AsrError`] from a piece's transcription.
    pub fn push<T: Transcriber + ?Sized>(
        &mut self,
        frame: &Frame,
        asr: &mut T,
    ) -> Result<TurnStatus, AsrError> {
        if self.ended.is_some() {
            return Ok(TurnStatus::Over);
        }
        let index = self.ep.frames();
        let event = self.ep.push(frame);
        let samples = to_f32(frame);
        match event {
            Endpoint::Started { start } => {
                // The pre-roll holds the frames just before this one: keep those from `start`.
                let take = ((index - start) as usize).min(self.pre_roll.len());
                let mut inc = Incremental::new();
                for f in self.pre_roll.iter().skip(self.pre_roll.len() - take) {
                    inc.push(&to_f32(f));
                }
                inc.push(&samples);
                self.answer = Some((index - take as u64, inc));
            }
            Endpoint::Quiet => {}
            _ => {
                if let Some((_, inc)) = self.answer.as_mut() {
                    inc.push(&samples);
                }
            }
        }
        if self.pre_roll.len() == self.pre_roll_frames {
            self.pre_roll.pop_front();
        }
        self.pre_roll.push_back(*frame);
        match event {
            Endpoint::Pause { at } | Endpoint::Settled { at } => {
                if let Some((first, inc)) = self.answer.as_mut() {
                    let rel = ((at - *first) as usize) * FRAME_SAMPLES;
                    // A piece long enough is transcribed and kept; a short one (often just
                    // "that's my answer") is only looked at for an end phrase. Once the pause
                    // has lasted half the end silence, whatever waits is transcribed and kept.
                    let first_words = inc.words().is_empty();
                    let piece = if matches!(event, Endpoint::Settled { .. }) {
                        inc.settle(asr, rel, &self.opts)?
                    } else {
                        inc.piece(asr, rel, &self.opts)?
                    };
                    let text = match piece {
                        Some(words) => Some(
                            words
                                .iter()
                                .map(|w| w.text.as_str())
                                .collect::<Vec<_>>()
                                .join(" "),
                        ),
                        // Nothing new since the probe at the pause.
                        None if matches!(event, Endpoint::Settled { .. }) => None,
                        None => inc.probe(asr, rel, &self.opts)?,
                    };
                    // "Next question" alone is a command, not the end of an empty answer.
                    if first_words && text.as_deref().and_then(super::commands::parse).is_some() {
                        self.ended = Some((at, index + 1, EndedBy::Command));
                        return Ok(TurnStatus::Over);
                    }
                    if text.as_deref().and_then(end_phrase_words).is_some() {
                        self.ended = Some((at, index + 1, EndedBy::Phrase));
                        return Ok(TurnStatus::Over);
                    }
                }
                Ok(TurnStatus::Answering)
            }
            Endpoint::Ended { end, reason, .. } => {
                let by = match reason {
                    EndReason::Silence => EndedBy::Silence,
                    EndReason::MaxLength => EndedBy::MaxLength,
                };
                self.ended = Some((end, index + 1, by));
                Ok(TurnStatus::Over)
            }
            Endpoint::Dropped { .. } => {
                self.answer = None;
                Ok(TurnStatus::Waiting { silent_frames: 0 })
            }
            Endpoint::Started { .. } | Endpoint::Speaking => {
                if self.is_noise(index, asr)? {
                    self.ended = Some((index + 1, index + 1, EndedBy::Noise));
                    return Ok(TurnStatus::Over);
                }
                Ok(TurnStatus::Answering)
            }
            Endpoint::Quiet => Ok(TurnStatus::Waiting {
                silent_frames: match &self.answer {
                    None => index + 1,
                    Some(_) => 0,
                },
            }),
        }
    }

    /// While voice goes on without a pause: every [`NOISE_CHECK_S`] with no word yet, is the
    /// audio waiting only noise (whisper hears nothing in it)?
    fn is_noise<T: Transcriber + ?Sized>(
        &mut self,
        index: u64,
        asr: &mut T,
    ) -> Result<bool, AsrError> {
        let Some((first, inc)) = self.answer.as_mut() else {
            return Ok(false);
        };
        let held = index + 1 - *first;
        if held < self.noise_check_at || !inc.words().is_empty() {
            return Ok(false);
        }
        let window = noise_window();
        self.noise_check_at = held + window;
        // The last window only, one plain pass: whisper's retries on noise took 30 s of CPU
        // for 20 s of white noise.
        let opts = TranscribeOptions {
            keep_fillers: false,
            fallback: false,
            ..self.opts.clone()
        };
        let at = held as usize * FRAME_SAMPLES;
        let from = (held.saturating_sub(window) as usize * FRAME_SAMPLES).max(inc.done());
        let heard = inc.probe_range(asr, from, at, &opts)?;
        Ok(heard.is_some_and(|t| t.trim().is_empty()))
    }

    /// Feeds `source` until the turn is over or the input ends (a file: faster than real
    /// time). Returns whether the turn ended before the input did.
    ///
    /// # Errors
    /// [`AsrError`] from a piece, or the source's error as [`AsrError::Audio`].
    pub fn feed<T: Transcriber + ?Sized>(
        &mut self,
        source: &mut dyn crate::audio::source::AudioSource,
        asr: &mut T,
    ) -> Result<bool, AsrError> {
        while let Some(frame) = source.next_frame()? {
            if self.push(&frame, asr)? == TurnStatus::Over {
                return Ok(true);
            }
        }
        self.end_of_input();
        Ok(false)
    }

    /// Marks the end of the input (a file ran out). Speech ends after the last voiced frame,
    /// not at the end of the file.
    pub fn end_of_input(&mut self) {
        if self.ended.is_none() {
            let n = self.ep.frames();
            let end = self.ep.last_voiced().map_or(n, |v| v + 1);
            self.ended = Some((end, n, EndedBy::EndOfInput));
        }
    }

    /// Transcribes what is left and returns the answer; `None` if no speech was heard.
    ///
    /// # Errors
    /// [`AsrError`].
    pub fn finish<T: Transcriber + ?Sized>(
        &mut self,
        asr: &mut T,
    ) -> Result<Option<TurnResult>, AsrError> {
        if self.ended.is_none() {
            self.end_of_input();
        }
        let (end, judged, ended_by) = self.ended.unwrap_or((0, 0, EndedBy::EndOfInput));
        let Some((first, inc)) = self.answer.as_mut() else {
            return Ok(None);
        };
        let pieces_during = inc.pieces();
        let rel = (end.saturating_sub(*first) as usize) * FRAME_SAMPLES;
        // Noise was probed already and gave nothing: not decoded again.
        let mut transcript = if ended_by == EndedBy::Noise {
            inc.transcript()
        } else {
            inc.finish(asr, rel, &self.opts)?
        };
        // The phrase is removed only if the final transcript really ends with it, and never
        // when the whole utterance is a command ("next question").
        let is_command = super::commands::parse(&transcript.text).is_some();
        if let Some(n) = end_phrase_words(&transcript.text).filter(|_| !is_command) {
            inc.drop_last_words(n);
            transcript = inc.transcript();
        }
        let command = super::commands::parse(&transcript.text);
        let first_voiced = transcript.words.first().map(|w| w.start).unwrap_or(0.0);
        let start_s = frames_to_s(*first);
        Ok(Some(TurnResult {
            speech_start_s: start_s + first_voiced,
            speech_end_s: frames_to_s(end),
            turn_end_s: frames_to_s(judged),
            ended_by,
            pieces_during,
            command,
            transcript: Transcript {
                duration_s: transcript.duration_s,
                text: transcript.text,
                words: transcript
                    .words
                    .into_iter()
                    .map(|mut w| {
                        w.start += start_s;
                        w.end += start_s;
                        w
                    })
                    .collect(),
            },
        }))
    }
}

/// [`NOISE_CHECK_S`] in frames.
fn noise_window() -> u64 {
    crate::vad::endpointer::ms_to_frames((NOISE_CHECK_S * 1000.0) as u32)
}

/// If `text` ends with an end phrase, how many of its words the phrase takes.
pub fn end_phrase_words(text: &str) -> Option<usize> {
    let words = normalize(text);
    END_PHRASES.iter().find_map(|p| {
        let pw = normalize(p);
        (words.len() >= pw.len() && words[words.len() - pw.len()..] == pw[..]).then_some(pw.len())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn end_phrases_only_at_the_end() {
        assert_eq!(end_phrase_words("We fixed it. That's my answer."), Some(3));
        assert_eq!(end_phrase_words("I'm done."), Some(2));
        assert_eq!(
            end_phrase_words("I'm done with the report and moved on"),
            None
        );
        assert_eq!(end_phrase_words(""), None);
    }
}
