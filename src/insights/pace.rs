//! Delivery: how long the answer was, how fast, and the longest pause, from word timings.

use serde::Serialize;

use crate::transcript::Transcript;

/// Pauses between words shorter than this are part of speaking, not a pause.
const PAUSE_S: f32 = 0.3;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Delivery {
    /// First word's start to last word's end, seconds.
    pub duration_s: f32,
    /// Words per minute of speaking time (pauses longer than 0.3 s left out).
    pub pace_wpm: f32,
    /// Longest silence between two words, seconds.
    pub longest_pause_s: f32,
}

/// Delivery of an answer.
pub fn delivery(t: &Transcript) -> Delivery {
    let w = &t.words;
    let (Some(first), Some(last)) = (w.first(), w.last()) else {
        return Delivery {
            duration_s: 0.0,
            pace_wpm: 0.0,
            longest_pause_s: 0.0,
        };
    };
    let duration_s = (last.end - first.start).max(0.0);
    if duration_s <= 0.0 {
        // Text without timings: pace and pauses are unknown, not infinite.
        return Delivery {
            duration_s: 0.0,
            pace_wpm: 0.0,
            longest_pause_s: 0.0,
        };
    }
    let gaps: Vec<f32> = w
        .windows(2)
        .map(|p| (p[1].start - p[0].end).max(0.0))
        .collect();
    let paused: f32 = gaps.iter().filter(|g| **g >= PAUSE_S).sum();
    let speaking = (duration_s - paused).max(0.5);
    Delivery {
        duration_s: round1(duration_s),
        pace_wpm: round1(w.len() as f32 / speaking * 60.0),
        longest_pause_s: round1(gaps.iter().copied().fold(0.0, f32::max)),
    }
}

fn round1(x: f32) -> f32 {
    (x * 10.0).round() / 10.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transcript::Word;

    fn words(times: &[(f32, f32)]) -> Transcript {
        Transcript {
            text: String::new(),
            words: times
                .iter()
                .enumerate()
                .map(|(i, &(start, end))| Word {
                    text: format!("w{i}"),
                    start,
                    end,
                    prob: 1.0,
                })
                .collect(),
            duration_s: 0.0,
        }
    }

    #[test]
    fn pace_leaves_out_pauses() {
        // 4 words in 2 s of speech with a 3 s pause in the middle: 120 wpm, not 48.
        let t = words(&[(0.0, 0.5), (0.5, 1.0), (4.0, 4.5), (4.5, 5.0)]);
        let d = delivery(&t);
        assert_eq!(d.duration_s, 5.0);
        assert_eq!(d.pace_wpm, 120.0);
        assert_eq!(d.longest_pause_s, 3.0);
    }

    #[test]
    fn no_words_is_all_zero() {
        let d = delivery(&words(&[]));
        assert_eq!(
            (d.duration_s, d.pace_wpm, d.longest_pause_s),
            (0.0, 0.0, 0.0)
        );
    }
}
