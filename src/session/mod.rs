//! The practice session: turn-taking on frames ([`turn`]), and one answer taken end to end
//! (listen, transcribe in pieces, insights, feedback) as plain data the CLI prints.

pub mod answer;
pub mod commands;
pub mod driver;
pub mod events;
pub mod follow_up;
pub mod input;
pub mod kiosk;
pub mod machine;
pub mod progress;
pub mod record;
pub mod scripted;
pub mod settings;
pub mod store;
pub mod supervisor;
pub mod turn;

pub use record::{AnswerReport, AnswerTimings, QuestionOutcome, SessionRecord};
