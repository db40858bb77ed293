//! Insights on an answer: pure functions from a transcript with word timings to facts about it,
//! and the short spoken feedback made from them. No I/O, no clock.
//!
//! This first part measures delivery (length, pace, pauses); talking points, word choice, job
//! terms and fillers build on it.

mod feedback;
mod pace;

pub use feedback::feedback;
pub use pace::{delivery, Delivery};

use serde::Serialize;

use crate::asr::Transcript;

/// Everything known about one answer (the `insights` object of the JSON and the report).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Insights {
    pub word_count: usize,
    #[serde(flatten)]
    pub delivery: Delivery,
}

/// Insights on an answer.
pub fn analyze(t: &Transcript) -> Insights {
    Insights {
        word_count: t.words.len(),
        delivery: delivery(t),
    }
}
