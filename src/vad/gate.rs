//! A loudness gate in front of any voice detector, for rooms where other people talk. A voice
//! detector answers "is there speech?", and in a cafe or beside a meeting there always is: the
//! candidate's, and the room's. The candidate, near the microphone, is louder than the room, so
//! a frame counts as the candidate's voice only when the detector hears speech and the last
//! 150 ms are `margin_db` over the room's noise floor (a low percentile of the last 5 s of frame
//! levels: the floor between words, as minimum-statistics noise estimators take it).

use std::collections::VecDeque;

use super::endpointer::VoiceDetector;
use crate::audio::{Frame, FRAME_SAMPLES};

/// Frames of level history the floor is taken from (5 s).
const HISTORY: usize = 167;
/// Frames before the floor is trusted (1 s): until then the gate is open.
const WARM: usize = 33;
/// Frames the loudness is averaged over (150 ms).
const RECENT: usize = 5;
/// Frames of the candidate's voice its level is taken from (10 s of speech).
const VOICED: usize = 333;
/// The floor is this quantile of the history.
const QUANTILE: f32 = 0.1;

pub struct LoudnessGate<D> {
    inner: D,
    margin_db: f32,
    /// How far under the candidate's own voice the room may be heard as them.
    under_voice_db: f32,
    levels: VecDeque<f32>,
    recent: VecDeque<f32>,
    /// The levels of the frames heard as the candidate.
    voiced: VecDeque<f32>,
}

impl<D: VoiceDetector> LoudnessGate<D> {
    pub fn new(inner: D, margin_db: f32, under_voice_db: f32) -> Self {
        LoudnessGate {
            inner,
            margin_db,
            under_voice_db,
            levels: VecDeque::with_capacity(HISTORY + 1),
            recent: VecDeque::with_capacity(RECENT + 1),
            voiced: VecDeque::with_capacity(VOICED + 1),
        }
    }

    /// The candidate's voice in dBFS: a high quantile of the levels of the frames heard as
    /// theirs, once there are enough.
    pub fn voice_db(&self) -> Option<f32> {
        if self.voiced.len() < WARM {
            return None;
        }
        let mut sorted: Vec<f32> = self.voiced.iter().copied().collect();
        sorted.sort_by(f32::total_cmp);
        Some(sorted[((sorted.len() - 1) as f32 * 0.8) as usize])
    }

    /// The room's floor in dBFS, once there is enough history.
    pub fn floor_db(&self) -> Option<f32> {
        if self.levels.len() < WARM {
            return None;
        }
        let mut sorted: Vec<f32> = self.levels.iter().copied().collect();
        sorted.sort_by(f32::total_cmp);
        Some(sorted[((sorted.len() - 1) as f32 * QUANTILE) as usize])
    }
}

/// Mean power of a frame in dBFS.
fn power(frame: &Frame) -> f32 {
    frame
        .iter()
        .map(|s| (f32::from(*s) / 32768.0).powi(2))
        .sum::<f32>()
        / FRAME_SAMPLES as f32
}

fn db(power: f32) -> f32 {
    10.0 * power.max(1e-12).log10()
}

impl<D: VoiceDetector> VoiceDetector for LoudnessGate<D> {
    fn is_voice(&mut self, frame: &Frame) -> bool {
        let voice = self.inner.is_voice(frame);
        let p = power(frame);
        self.recent.push_back(p);
        if self.recent.len() > RECENT {
            self.recent.pop_front();
        }
        let loud = db(self.recent.iter().sum::<f32>() / self.recent.len() as f32);
        let open = self
            .floor_db()
            .is_none_or(|floor| loud >= floor + self.margin_db)
            && self
                .voice_db()
                .is_none_or(|v| loud >= v - self.under_voice_db);
        self.levels.push_back(db(p));
        if self.levels.len() > HISTORY {
            self.levels.pop_front();
        }
        if voice && open {
            self.voiced.push_back(db(p));
            if self.voiced.len() > VOICED {
                self.voiced.pop_front();
            }
        }
        voice && open
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A detector that hears speech in everything (as Silero does in a cafe).
    struct Everything;
    impl VoiceDetector for Everything {
        fn is_voice(&mut self, _: &Frame) -> bool {
            true
        }
    }

    /// A frame of a tone at `db` dBFS (mean power).
    fn tone(db: f32) -> Frame {
        let amp = (10f32.powf(db / 10.0) * 2.0).sqrt() * 32768.0;
        std::array::from_fn(|i| (amp * (i as f32 * 0.3).sin()) as i16)
    }

    #[test]
    fn the_room_is_not_the_candidate_but_the_candidate_is() {
        let mut gate = LoudnessGate::new(Everything, 6.0, 10.0);
        // Before a second of history the gate is open.
        assert!(gate.is_voice(&tone(-50.0)));
        let room: Vec<bool> = (0..60).map(|_| gate.is_voice(&tone(-50.0))).collect();
        assert!(
            !room[40..].iter().any(|v| *v),
            "the room's floor is no voice"
        );
        assert!((gate.floor_db().unwrap() + 50.0).abs() < 0.5);
        // The candidate, 20 dB over the room: heard (after the 150 ms average catches up).
        let voice: Vec<bool> = (0..60).map(|_| gate.is_voice(&tone(-30.0))).collect();
        assert!(voice[5..].iter().all(|v| *v));
        // Someone at the next table, 8 dB over the floor but 12 dB under the candidate: not them.
        let other: Vec<bool> = (0..30).map(|_| gate.is_voice(&tone(-42.0))).collect();
        assert!(!other[5..].iter().any(|v| *v));
        // The candidate's softer words, 8 dB under their voice: still theirs.
        let soft: Vec<bool> = (0..30).map(|_| gate.is_voice(&tone(-38.0))).collect();
        assert!(soft[5..].iter().all(|v| *v));
    }
}
