//! whisper.cpp through whisper-rs. The model file is verified before whisper.cpp sees it (a
//! truncated ggml file makes whisper.cpp read past its end); flash attention is on, which cuts
//! peak memory by about a third at the same speed; clips without speech never reach the decoder,
//! because whisper answers silence with invented words.

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use whisper_rs::{FullParams, SamplingStrategy, WhisperContext, WhisperContextParameters};

use super::hesitations::{self, FILLER_PROMPT};
use super::{AsrError, TranscribeOptions, Transcriber, Transcript, Word};
use crate::audio::{resample::resample, Clip, ASR_RATE};
use crate::models::ggml::verify_ggml;

/// Less voiced audio than this is treated as no speech at all.
const MIN_SPEECH_MS: u32 = 150;

/// A loaded whisper model (each decoding makes its own state).
pub struct WhisperTranscriber {
    ctx: WhisperContext,
    /// Raised to abandon a decoding at once (whisper.cpp polls it between graph nodes).
    stop: Option<Arc<AtomicBool>>,
}

impl WhisperTranscriber {
    /// Loads a ggml model after checking the whole file.
    ///
    /// # Errors
    /// [`AsrError::Model`] for a missing or corrupt file, [`AsrError::Whisper`] if whisper.cpp
    /// refuses it.
    pub fn load(model: &Path) -> Result<Self, AsrError> {
        verify_ggml(model)?;
        whisper_rs::install_logging_hooks();
        let mut params = WhisperContextParameters::default();
        params.flash_attn(true);
        params.use_gpu(false);
        let ctx = WhisperContext::new_with_params(model, params)
            .map_err(|e| AsrError::Whisper(format!("loading {}: {e}", model.display())))?;
        // A state is made once here so that a model whisper.cpp cannot decode with fails at
        // load, not at the first answer.
        drop(
            ctx.create_state()
                .map_err(|e| AsrError::Whisper(format!("creating state: {e}")))?,
        );
        Ok(WhisperTranscriber { ctx, stop: None })
    }

    /// Abandons any decoding, with [`AsrError::Stopped`], as soon as `stop` is raised (Ctrl-C):
    /// a two-minute answer on a busy CPU takes minutes to decode, a stop must not wait for it.
    #[must_use]
    pub fn with_stop(mut self, stop: Arc<AtomicBool>) -> Self {
        self.stop = Some(stop);
        self
    }

    fn stopped(&self) -> bool {
        self.stop
            .as_ref()
            .is_some_and(|s| s.load(Ordering::Relaxed))
    }

    /// Transcribes 16 kHz mono samples (no resampling, no speech gate).
    ///
    /// # Errors
    /// [`AsrError::Whisper`].
    pub fn transcribe_16k(
        &mut self,
        samples: &[f32],
        opts: &TranscribeOptions,
    ) -> Result<Transcript, AsrError> {
        let duration_s = samples.len() as f32 / ASR_RATE as f32;
        let mut words = self.decode(samples, opts, opts.prompt.as_deref())?;
        if opts.keep_fillers {
            let prompt = match opts.prompt.as_deref().filter(|p| !p.trim().is_empty()) {
                Some(p) => format!("{FILLER_PROMPT} {p}"),
                None => FILLER_PROMPT.to_string(),
            };
            let heard = self.decode(samples, opts, Some(&prompt))?;
            words = hesitations::merge(words, &heard);
        }
        let text = words
            .iter()
            .map(|w| w.text.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        Ok(Transcript {
            text,
            words,
            duration_s,
        })
    }

    /// One decoding pass: the words with their times, decoding loops and non-speech markers
    /// taken out.
    fn decode(
        &mut self,
        samples: &[f32],
        opts: &TranscribeOptions,
        prompt: Option<&str>,
    ) -> Result<Vec<Word>, AsrError> {
        let strategy = if opts.beam_size <= 1 {
            SamplingStrategy::Greedy { best_of: 1 }
        } else {
            SamplingStrategy::BeamSearch {
                beam_size: opts.beam_size as i32,
                patience: -1.0,
            }
        };
        let mut p = FullParams::new(strategy);
        let threads = super::threads::for_decode(opts.threads);
        if threads < opts.threads {
            tracing::debug!(
                threads,
                wanted = opts.threads,
                "cores taken: fewer decoding threads"
            );
        }
        p.set_n_threads(threads as i32);
        p.set_language(Some("en"));
        p.set_translate(false);
        p.set_print_progress(false);
        p.set_print_realtime(false);
        p.set_print_special(false);
        p.set_print_timestamps(false);
        p.set_token_timestamps(true);
        p.set_suppress_blank(true);
        p.set_no_context(true);
        if !opts.fallback {
            p.set_temperature_inc(0.0);
        }
        if let Some(prompt) = prompt.filter(|s| !s.trim().is_empty()) {
            p.set_initial_prompt(prompt);
        }
        let duration_s = samples.len() as f32 / ASR_RATE as f32;
        // No one says more than about 4 tokens a second; a decoding loop ("dropped a repeated
        // run") on a short piece ran to whisper's 224 tokens, again at each fallback temperature:
        // 7.6 s of CPU for a 6 s answer. So at most 8 a second (and 16), unless asked otherwise.
        let max_tokens = match opts.max_tokens {
            0 => (16.0 + 8.0 * duration_s) as u32,
            n => n,
        };
        p.set_max_tokens(max_tokens.min(i32::MAX as u32) as i32);
        if opts.fit_audio_ctx {
            p.set_audio_ctx(fitted_audio_ctx(duration_s));
        }
        if let Some(stop) = &self.stop {
            // Not `set_abort_callback_safe`: it leaks its closure on every call.
            // SAFETY: the callback only reads the AtomicBool behind `user_data`, which
            // `self.stop` keeps alive for the whole of `full` below.
            unsafe {
                p.set_abort_callback(Some(stop_requested));
                p.set_abort_callback_user_data(Arc::as_ptr(stop).cast_mut().cast());
            }
        }
        if self.stopped() {
            return Err(AsrError::Stopped);
        }
        // A fresh state for every decoding, dropped after it: whisper.cpp seeds the sampler of
        // its temperature fallback once per state, so with one state kept, what a clip gives
        // depended on what was decoded before it (the rooms bench's whole-file WER moved
        // 0.095-0.120 between runs that differed only in the session path's settings).
        let mut state = self
            .ctx
            .create_state()
            .map_err(|e| AsrError::Whisper(format!("creating state: {e}")))?;
        let done = state.full(p, samples);
        if self.stopped() {
            return Err(AsrError::Stopped);
        }
        done.map_err(|e| AsrError::Whisper(e.to_string()))?;
        let eot = self.ctx.token_eot();
        let mut words: Vec<Word> = Vec::new();
        let mut probs: Vec<Vec<f32>> = Vec::new();
        for segment in state.as_iter() {
            for i in 0..segment.n_tokens() {
                let Some(token) = segment.get_token(i) else {
                    continue;
                };
                if token.token_id() >= eot {
                    continue;
                }
                let data = token.token_data();
                let text = token
                    .to_str_lossy()
                    .map(|c| c.into_owned())
                    .unwrap_or_default();
                let (start, end) = (data.t0 as f32 / 100.0, data.t1 as f32 / 100.0);
                let starts_word = text.starts_with(' ') || words.is_empty();
                match words.last_mut() {
                    Some(w) if !starts_word => {
                        w.text.push_str(&text);
                        w.end = w.end.max(end);
                        if let Some(p) = probs.last_mut() {
                            p.push(data.p);
                        }
                    }
                    _ => {
                        words.push(Word {
                            text: text.trim_start().to_string(),
                            start,
                            end,
                            prob: 0.0,
                        });
                        probs.push(vec![data.p]);
                    }
                }
            }
        }
        for (w, p) in words.iter_mut().zip(&probs) {
            w.prob = p.iter().sum::<f32>() / p.len().max(1) as f32;
            w.start = w.start.clamp(0.0, duration_s);
            w.end = w.end.clamp(w.start, duration_s);
        }
        drop_non_speech(&mut words);
        let looped = drop_repeats(&mut words);
        if looped > 0 {
            tracing::debug!(words = looped, "dropped a repeated run (a decoding loop)");
        }
        spread_if_collapsed(&mut words, duration_s);
        Ok(words)
    }
}

/// whisper.cpp's abort callback: is the stop flag behind `data` raised?
unsafe extern "C" fn stop_requested(data: *mut std::ffi::c_void) -> bool {
    // SAFETY: `data` is the `AtomicBool` of `WhisperTranscriber::stop`, alive during decoding.
    unsafe { (*data.cast::<AtomicBool>()).load(Ordering::Relaxed) }
}

impl Transcriber for WhisperTranscriber {
    fn transcribe(
        &mut self,
        clip: &Clip,
        opts: &TranscribeOptions,
    ) -> Result<Transcript, AsrError> {
        // Pieces from the session are at 16 kHz already: not copied.
        let clip = if clip.sample_rate == ASR_RATE {
            std::borrow::Cow::Borrowed(clip)
        } else {
            std::borrow::Cow::Owned(resample(clip, ASR_RATE)?)
        };
        if crate::vad::speech_ms(&clip) < MIN_SPEECH_MS {
            return Ok(Transcript {
                duration_s: clip.duration_s(),
                ..Transcript::default()
            });
        }
        if clip.duration_s() > LONG_CLIP_S {
            return self.transcribe_long(&clip, opts);
        }
        self.transcribe_16k(&clip.samples, opts)
    }
}

/// Longer clips are cut at pauses: whisper's own 30 s windowing skips and repeats text on long
/// audio (seen on a two-minute file: whole sentences missing, a loop at the end).
const LONG_CLIP_S: f32 = 28.0;

impl WhisperTranscriber {
    fn transcribe_long(
        &mut self,
        clip: &Clip,
        opts: &TranscribeOptions,
    ) -> Result<Transcript, AsrError> {
        let mut inc = crate::asr::incremental::Incremental::without_context();
        inc.push(&clip.samples);
        for cut in cut_points(&clip.samples, 15.0, LONG_CLIP_S) {
            inc.piece(self, cut, opts)?;
        }
        inc.finish(self, clip.samples.len(), opts)
    }
}

/// Where to cut 16 kHz audio into pieces of `min_s`..`max_s`: at the end of the longest
/// unvoiced run in each window (the middle of a pause), or at `max_s` if there is none.
fn cut_points(samples: &[f32], min_s: f32, max_s: f32) -> Vec<usize> {
    use crate::audio::FRAME_SAMPLES;
    let mut vad = webrtc_vad::Vad::new_with_rate_and_mode(
        webrtc_vad::SampleRate::Rate16kHz,
        webrtc_vad::VadMode::Quality,
    );
    let voiced: Vec<bool> = samples
        .chunks(FRAME_SAMPLES)
        .map(|c| {
            vad.is_voice_segment(&crate::audio::to_frame(c))
                .unwrap_or(false)
        })
        .collect();
    let per_s = ASR_RATE as f32 / FRAME_SAMPLES as f32;
    let (min_f, max_f) = ((min_s * per_s) as usize, (max_s * per_s) as usize);
    let mut cuts = Vec::new();
    let mut start = 0;
    while voiced.len() - start > max_f {
        let mut best = (0usize, start + max_f);
        let mut run = 0usize;
        for (i, v) in voiced.iter().enumerate().take(start + max_f).skip(start) {
            run = if *v { 0 } else { run + 1 };
            if i >= start + min_f && run > best.0 {
                best = (run, i + 1 - run / 2);
            }
        }
        cuts.push(best.1 * FRAME_SAMPLES);
        start = best.1;
    }
    cuts
}

/// The fewest words in a run that counts as a decoding loop when it comes twice in a row.
const LOOP_MIN_WORDS: usize = 3;
/// The most words in such a run (a sentence or two).
const LOOP_MAX_WORDS: usize = 40;

/// Removes runs of words that repeat the run just before them, longest first, until none is
/// left; returns how many words went. whisper loops on short clips, more with a prompt (seen
/// with tiny.en: "And I would say my strength is communication." six times for one sentence
/// spoken once). A person may say a word or two twice ("I, I think"); three words or more
/// repeated verbatim at once is a loop, and dropping one copy of a real repeat costs nothing.
/// Compared without case and punctuation.
fn drop_repeats(words: &mut Vec<Word>) -> usize {
    let mut keys: Vec<String> = words.iter().map(super::word_key).collect();
    let before = words.len();
    'again: loop {
        for n in (LOOP_MIN_WORDS..=LOOP_MAX_WORDS.min(keys.len() / 2)).rev() {
            for i in 0..=keys.len() - 2 * n {
                if keys[i..i + n] == keys[i + n..i + 2 * n] {
                    words.drain(i + n..i + 2 * n);
                    keys.drain(i + n..i + 2 * n);
                    continue 'again;
                }
            }
        }
        break;
    }
    // A loop cut off by the token limit ends in part of one more round: the last words repeat
    // those a period before them, but not a whole period of them ("... from the store. Ask her
    // to bring these things with her from").
    let n = keys.len();
    let partial = (LOOP_MIN_WORDS..=LOOP_MAX_WORDS.min(n.saturating_sub(PARTIAL_LOOP_WORDS)))
        .filter_map(|period| {
            let m = (0..period.min(n - period))
                .take_while(|k| keys[n - 1 - k] == keys[n - 1 - k - period])
                .count();
            (m >= PARTIAL_LOOP_WORDS && m < period).then_some(m)
        })
        .max();
    if let Some(m) = partial {
        words.truncate(n - m);
    }
    before - words.len()
}

/// The fewest words of a cut-off last round that count as a loop (a person's restart at the
/// very end of a piece is shorter: "..., and I like the" after "I like the team and I like the
/// work" repeats four).
const PARTIAL_LOOP_WORDS: usize = 6;

/// whisper.cpp sometimes gives every token of a segment the same time (seen on short pieces
/// with a prompt: all words at 0.0). Pace and pauses would then be nonsense, so collapsed
/// timings are spread over the clip in proportion to word length.
fn spread_if_collapsed(words: &mut [Word], duration_s: f32) {
    let n = words.len();
    if n < 3 {
        return;
    }
    let span = words[n - 1].end - words[0].start;
    let collapsed = words.iter().filter(|w| w.end - w.start < 0.01).count();
    if span >= 0.25 * duration_s && collapsed * 2 < n {
        return;
    }
    let total: usize = words.iter().map(|w| w.text.len() + 1).sum();
    let mut t = 0.0;
    for w in words.iter_mut() {
        let d = duration_s * (w.text.len() + 1) as f32 / total as f32;
        w.start = t;
        w.end = t + d;
        t += d;
    }
}

/// Encoder frames for a clip: 50 per second plus a margin, rounded up to a multiple of 64 and
/// capped at whisper's 1500 (30 s).
pub fn fitted_audio_ctx(duration_s: f32) -> i32 {
    let frames = ((duration_s + 1.0) * 50.0).ceil() as i32;
    (((frames + 63) / 64) * 64).clamp(256, 1500)
}

/// whisper's annotations for non-speech: `[BLANK_AUDIO]`, `(music)`, `*coughs*`.
/// Drops whisper's sound descriptions, also those of several words ("(water running)",
/// "[door closes]"): on noise they are all it hears. An opening bracket not closed within
/// [`MAX_MARKER_WORDS`] words is kept as text.
fn drop_non_speech(words: &mut Vec<Word>) {
    let text = |i: usize| words[i].text.trim();
    let mut drop = vec![false; words.len()];
    let mut i = 0;
    while i < words.len() {
        let close = match text(i).chars().next() {
            _ if is_non_speech(text(i)) => {
                drop[i] = true;
                i += 1;
                continue;
            }
            Some('(') => ')',
            Some('[') => ']',
            _ => {
                i += 1;
                continue;
            }
        };
        let end = (i..words.len().min(i + MAX_MARKER_WORDS)).find(|&j| text(j).ends_with(close));
        match end {
            Some(j) => {
                drop[i..=j].iter_mut().for_each(|d| *d = true);
                i = j + 1;
            }
            None => i += 1,
        }
    }
    let mut n = 0;
    words.retain(|_| {
        n += 1;
        !drop[n - 1]
    });
}

/// The longest sound description dropped, in words.
const MAX_MARKER_WORDS: usize = 5;

fn is_non_speech(text: &str) -> bool {
    let t = text.trim();
    t.is_empty()
        || (t.starts_with('[') && t.ends_with(']'))
        || (t.starts_with('(') && t.ends_with(')'))
        || (t.starts_with('*') && t.ends_with('*') && t.len() > 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<Word> {
        crate::asr::timed_words(text, 0.3)
    }

    #[test]
    fn decoding_loops_are_dropped_and_real_repeats_kept() {
        for (heard, kept) in [
            // Loops seen from tiny.en on one spoken sentence.
            (
                "And I would say my strength is, um, communication. And I would say my \
                 strength is, um, communication. And I would say my strength is, um, \
                 communication. Um, communication.",
                "And I would say my strength is, um, communication. Um, communication.",
            ),
            (
                "So I worked in a help desk for about three years, about three years.",
                "So I worked in a help desk for about three years,",
            ),
            (
                "I sort of led the project with two other analysts. With two other analysts.",
                "I sort of led the project with two other analysts.",
            ),
            // A loop cut off by the token limit, part of a last round.
            (
                "Ask her to bring these things with her from the store. Ask her to bring these \
                 things with her from",
                "Ask her to bring these things with her from the store.",
            ),
            (
                "I like the team and I like the work, and I like the",
                "I like the team and I like the work, and I like the",
            ),
            // A person repeating a word or two is left alone, fillers too.
            (
                "I, I think it was very, very slow",
                "I, I think it was very, very slow",
            ),
            (
                "the firewall, the firewall was down",
                "the firewall, the firewall was down",
            ),
            ("um um so yes", "um um so yes"),
            ("", ""),
            ("yes", "yes"),
        ] {
            let mut w = words(heard);
            let dropped = drop_repeats(&mut w);
            let got: Vec<&str> = w.iter().map(|w| w.text.as_str()).collect();
            assert_eq!(got.join(" "), kept, "from {heard:?}");
            assert_eq!(
                dropped,
                heard.split_whitespace().count() - kept.split_whitespace().count()
            );
        }
        // The words kept keep their own times.
        let mut w = words("we fixed it we fixed it and left");
        drop_repeats(&mut w);
        assert_eq!(w[3].text, "and");
        assert!((w[3].start - 1.8).abs() < 1e-6);
    }

    #[test]
    fn audio_ctx_grows_with_the_clip_and_is_capped() {
        assert_eq!(fitted_audio_ctx(0.5), 256);
        assert_eq!(fitted_audio_ctx(10.0), 576);
        assert_eq!(fitted_audio_ctx(60.0), 1500);
    }

    #[test]
    fn collapsed_timings_are_spread_and_good_ones_kept() {
        let w = |t: &str, s: f32, e: f32| Word {
            text: t.into(),
            start: s,
            end: e,
            prob: 1.0,
        };
        let mut bad = vec![w("one", 0.0, 0.0), w("two", 0.0, 0.0), w("three", 0.0, 0.0)];
        spread_if_collapsed(&mut bad, 3.0);
        assert!(
            (bad[2].end - 3.0).abs() < 1e-4 && bad[1].start > 0.5,
            "{bad:?}"
        );
        let mut good = vec![w("one", 0.1, 0.5), w("two", 0.6, 1.0), w("three", 1.1, 1.6)];
        let before = good.clone();
        spread_if_collapsed(&mut good, 2.0);
        assert_eq!(good, before);
    }

    #[test]
    fn non_speech_markers() {
        assert!(is_non_speech("[BLANK_AUDIO]"));
        let mut w = words("(water running) we fixed it [door closes] (and then it worked");
        drop_non_speech(&mut w);
        let kept: Vec<&str> = w.iter().map(|w| w.text.as_str()).collect();
        assert_eq!(
            kept,
            ["we", "fixed", "it", "(and", "then", "it", "worked"],
            "an unclosed bracket is text"
        );
        assert!(is_non_speech(" (music)"));
        assert!(!is_non_speech("SIEM"));
    }

    #[test]
    fn a_truncated_model_is_refused_before_whisper_cpp_loads_it() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("ggml-tiny.en.bin");
        let mut bytes = crate::models::ggml::GGML_MAGIC.to_le_bytes().to_vec();
        for v in [51864i32, 1500, 384, 6, 4, 448, 384, 6, 4, 80, 1] {
            bytes.extend_from_slice(&v.to_le_bytes());
        }
        std::fs::write(&p, &bytes).unwrap();
        let err = WhisperTranscriber::load(&p)
            .err()
            .expect("refused")
            .to_string();
        assert!(err.contains("warmup models fetch"), "{err}");
    }
}
