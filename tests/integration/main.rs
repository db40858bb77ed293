//! One integration-test binary: real engines on real audio. The models must be installed
//! (`cargo run --release -- models fetch`, or `bash scripts/test.sh` which does it).

mod banks;
mod cli;
mod demo;
mod duplex;
mod engines;
mod insights;
mod limits;
mod models;
mod posting;
mod privacy;
mod progress;
mod rooms;
mod session;
mod support;
mod trust;
mod turns;
