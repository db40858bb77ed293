//! Transcribing an answer in pieces while the candidate speaks. Each pause the endpointer
//! reports closes a piece that is transcribed at once, so when the answer ends only the audio
//! since the last pause is left: the wait for feedback does not grow with the answer's length.

use super::{AsrError, TranscribeOptions, Transcriber, Transcript, Word};
use crate::audio::{Clip, ASR_RATE};

/// Pieces shorter than this wait for the next pause: every cut costs whisper the context across
/// it. On the rooms set's human speech, 1.5 s pieces cost 0.04 WER over the whole file and 8 s
/// pieces none (`cargo bench --bench rooms`); the end waits for at most this much plus the tail.
pub const MIN_PIECE_S: f32 = 8.0;

/// Shorter waiting audio is not even probed for an end phrase.
pub const MIN_PROBE_S: f32 = 0.4;

/// A probe for an end phrase ("that's my answer") hears only this much before the pause.
pub const PROBE_TAIL_S: f32 = 3.0;

/// Words of earlier pieces given to whisper as context for the next one.
const CONTEXT_WORDS: usize = 40;

/// One answer's audio and what has been transcribed of it.
#[derive(Debug, Default)]
pub struct Incremental {
    /// 16 kHz audio of the answer.
    samples: Vec<f32>,
    /// Samples already transcribed.
    done: usize,
    words: Vec<Word>,
    pieces: usize,
    /// Give whisper the previous words as context (off for long recordings of repetitive
    /// speech, where tiny.en then skips text it has "already seen").
    no_context: bool,
}

impl Incremental {
    pub fn new() -> Self {
        Self::default()
    }

    /// Pieces are transcribed without the earlier words as context.
    pub fn without_context() -> Self {
        Incremental {
            no_context: true,
            ..Self::default()
        }
    }

    /// Appends answer audio (16 kHz).
    pub fn push(&mut self, samples: &[f32]) {
        self.samples.extend_from_slice(samples);
    }

    /// Samples held.
    pub fn len(&self) -> usize {
        self.samples.len()
    }

    pub fn is_empty(&self) -> bool {
        self.samples.is_empty()
    }

    /// Pieces transcribed so far.
    pub fn pieces(&self) -> usize {
        self.pieces
    }

    /// The answer's audio so far.
    pub fn audio(&self) -> Clip {
        Clip::new(self.samples.clone(), ASR_RATE)
    }

    /// Words recognised so far.
    pub fn words(&self) -> &[Word] {
        &self.words
    }

    /// Transcribes audio up to sample `at` (relative to the answer's start) if at least
    /// [`MIN_PIECE_S`] is waiting. Returns the words of the new piece, if one was transcribed.
    ///
    /// # Errors
    /// [`AsrError`].
    pub fn piece<T: Transcriber + ?Sized>(
        &mut self,
        asr: &mut T,
        at: usize,
        opts: &TranscribeOptions,
    ) -> Result<Option<&[Word]>, AsrError> {
        self.piece_of_at_least(MIN_PIECE_S, asr, at, opts)
    }

    /// Transcribes audio up to sample `at` whatever its length (at least [`MIN_PROBE_S`]): the
    /// answer may be over, and what is left should be ready when the turn ends.
    ///
    /// # Errors
    /// [`AsrError`].
    pub fn settle<T: Transcriber + ?Sized>(
        &mut self,
        asr: &mut T,
        at: usize,
        opts: &TranscribeOptions,
    ) -> Result<Option<&[Word]>, AsrError> {
        self.piece_of_at_least(MIN_PROBE_S, asr, at, opts)
    }

    /// Transcribes and keeps the audio up to `at` if at least `min_s` of it waits.
    fn piece_of_at_least<T: Transcriber + ?Sized>(
        &mut self,
        min_s: f32,
        asr: &mut T,
        at: usize,
        opts: &TranscribeOptions,
    ) -> Result<Option<&[Word]>, AsrError> {
        let at = at.min(self.samples.len());
        if at <= self.done || ((at - self.done) as f32) < min_s * ASR_RATE as f32 {
            return Ok(None);
        }
        let first_new = self.words.len();
        self.transcribe_to(asr, at, opts)?;
        Ok(Some(&self.words[first_new..]))
    }

    /// The text of the last [`PROBE_TAIL_S`] of the audio waiting since the last piece, up to
    /// sample `at`, without keeping it (the next piece transcribes it again with more context):
    /// one plain pass (no filler pass, no fallback), enough to hear an end phrase or a command.
    /// `None` when less than [`MIN_PROBE_S`] is waiting.
    ///
    /// # Errors
    /// [`AsrError`].
    pub fn probe<T: Transcriber + ?Sized>(
        &mut self,
        asr: &mut T,
        at: usize,
        opts: &TranscribeOptions,
    ) -> Result<Option<String>, AsrError> {
        let tail = (PROBE_TAIL_S * ASR_RATE as f32) as usize;
        let from = self
            .done
            .max(at.min(self.samples.len()).saturating_sub(tail));
        let opts = TranscribeOptions {
            keep_fillers: false,
            fallback: false,
            ..opts.clone()
        };
        self.probe_range(asr, from, at, &opts)
    }

    /// The text of the audio from sample `from` to `at`, without keeping it; `None` when less
    /// than [`MIN_PROBE_S`] is there.
    ///
    /// # Errors
    /// [`AsrError`].
    pub fn probe_range<T: Transcriber + ?Sized>(
        &mut self,
        asr: &mut T,
        from: usize,
        at: usize,
        opts: &TranscribeOptions,
    ) -> Result<Option<String>, AsrError> {
        let at = at.min(self.samples.len());
        if at <= from || ((at - from) as f32) < MIN_PROBE_S * ASR_RATE as f32 {
            return Ok(None);
        }
        let clip = Clip::new(self.samples[from..at].to_vec(), ASR_RATE);
        Ok(Some(asr.transcribe(&clip, opts)?.text))
    }

    /// Samples already transcribed into words.
    pub fn done(&self) -> usize {
        self.done
    }

    /// Transcribes what is left up to sample `end` and returns the whole answer.
    ///
    /// # Errors
    /// [`AsrError`].
    pub fn finish<T: Transcriber + ?Sized>(
        &mut self,
        asr: &mut T,
        end: usize,
        opts: &TranscribeOptions,
    ) -> Result<Transcript, AsrError> {
        let end = end.min(self.samples.len());
        if end > self.done {
            self.transcribe_to(asr, end, opts)?;
        }
        Ok(self.transcript())
    }

    /// The words so far as a transcript.
    pub fn transcript(&self) -> Transcript {
        Transcript {
            text: self
                .words
                .iter()
                .map(|w| w.text.as_str())
                .collect::<Vec<_>>()
                .join(" "),
            words: self.words.clone(),
            duration_s: self.samples.len() as f32 / ASR_RATE as f32,
        }
    }

    /// Drops the last `n` words (an end phrase that is not part of the answer).
    pub fn drop_last_words(&mut self, n: usize) {
        let keep = self.words.len().saturating_sub(n);
        self.words.truncate(keep);
    }

    fn transcribe_to<T: Transcriber + ?Sized>(
        &mut self,
        asr: &mut T,
        at: usize,
        opts: &TranscribeOptions,
    ) -> Result<(), AsrError> {
        let clip = Clip::new(self.samples[self.done..at].to_vec(), ASR_RATE);
        let mut piece_opts = opts.clone();
        let context: Vec<&str> = self
            .words
            .iter()
            .rev()
            .take(CONTEXT_WORDS)
            .map(|w| w.text.as_str())
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        if !context.is_empty() && !self.no_context {
            let base = opts.prompt.clone().unwrap_or_default();
            piece_opts.prompt = Some(format!("{base} {}", context.join(" ")).trim().to_string());
        }
        let t = asr.transcribe(&clip, &piece_opts)?;
        let offset = self.done as f32 / ASR_RATE as f32;
        self.words.extend(t.words.into_iter().map(|mut w| {
            w.start += offset;
            w.end += offset;
            w
        }));
        self.done = at;
        self.pieces += 1;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Says "w<n>" for each second of audio it is given, and records the pieces' lengths.
    struct Counting {
        lengths: Vec<usize>,
    }
    impl Transcriber for Counting {
        fn transcribe(
            &mut self,
            clip: &Clip,
            _: &TranscribeOptions,
        ) -> Result<Transcript, AsrError> {
            self.lengths.push(clip.samples.len());
            let secs = clip.samples.len() / ASR_RATE as usize;
            let words = (0..secs)
                .map(|i| Word {
                    text: format!("w{i}"),
                    start: i as f32,
                    end: i as f32 + 0.5,
                    prob: 1.0,
                })
                .collect();
            Ok(Transcript {
                text: String::new(),
                words,
                duration_s: clip.duration_s(),
            })
        }
    }

    #[test]
    fn pieces_at_pauses_leave_only_the_tail_for_the_end() {
        let mut asr = Counting { lengths: vec![] };
        let mut inc = Incremental::new();
        let opts = TranscribeOptions::default();
        inc.push(&vec![0.0; 16_000 * 20]);
        assert!(
            inc.piece(&mut asr, 16_000 * 7, &opts).unwrap().is_none(),
            "7 s is too short"
        );
        let new = inc.piece(&mut asr, 16_000 * 8, &opts).unwrap().unwrap();
        assert_eq!(new.len(), 8);
        inc.piece(&mut asr, 16_000 * 16, &opts).unwrap();
        let t = inc.finish(&mut asr, 16_000 * 20, &opts).unwrap();
        assert_eq!(
            asr.lengths,
            [128_000, 128_000, 64_000],
            "the end only transcribes the tail"
        );
        assert_eq!(t.words.len(), 20);
        // Word times are shifted to the answer's clock.
        assert_eq!(t.words[8].start, 8.0);
        assert_eq!(t.words[19].start, 19.0);
    }

    #[test]
    fn a_probe_hears_only_the_last_seconds_once() {
        let mut asr = Counting { lengths: vec![] };
        let mut inc = Incremental::new();
        let opts = TranscribeOptions::default();
        inc.push(&vec![0.0; 16_000 * 7]);
        assert!(inc.probe(&mut asr, 16_000 * 7, &opts).unwrap().is_some());
        assert!(inc.probe(&mut asr, 16_000 * 2, &opts).unwrap().is_some());
        assert!(
            inc.probe(&mut asr, 3_000, &opts).unwrap().is_none(),
            "too short"
        );
        assert_eq!(asr.lengths, [48_000, 32_000], "3 s at most");
        assert!(inc.words().is_empty(), "a probe keeps nothing");
    }
}
