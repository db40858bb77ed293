//! Dev-only code shared by the talking-point bench, the integration tests and the trainer: the
//! labelled sets scored ([`evaluate`]) and the scorer trained on them ([`train`]). Not part of
//! the library (warmup ships the trained weights, never the sets or the trainer); each user
//! includes this folder by `#[path]` (the bench as `mod labelled`).

// Each of the three targets uses a different part of it.
#![allow(dead_code)]

pub mod evaluate;
pub mod train;
