//! What more than one bench uses: the six interview sentences and the candidate's espeak-ng voice.

use std::path::Path;

use warmup::audio::resample::resample;
use warmup::audio::wav::read_wav;
use warmup::audio::Clip;

/// Six sentences of a plain spoken answer (no fillers).
pub const SENTENCES: [&str; 6] = [
    "In my last role I was responsible for monitoring the network and responding to alerts.",
    "One night our intrusion detection system flagged unusual traffic from a database server.",
    "I isolated the machine, collected the logs, and worked with the team to patch the vulnerability.",
    "Afterwards we wrote a runbook so that the next incident would be handled faster.",
    "I also trained two junior analysts on how to triage alerts in the SIEM.",
    "Looking back, the most important lesson was to communicate early with the owners of the system.",
];

/// `text` spoken by espeak-ng (en-us+m3, 150 words a minute) into `dir/name`, at 16 kHz.
pub fn espeak(dir: &Path, name: &str, text: &str) -> Clip {
    let p = dir.join(name);
    let ok = std::process::Command::new("espeak-ng")
        .args(["-v", "en-us+m3", "-s", "150", "-w"])
        .arg(&p)
        .arg(text)
        .status()
        .expect("espeak-ng installed")
        .success();
    assert!(ok, "espeak-ng failed");
    resample(&read_wav(&p).expect("wav"), 16_000).expect("resample")
}
