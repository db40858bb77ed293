//! The simulated candidate of `demo` and `kiosk --simulate`: an answer of each kind, spoken
//! with espeak-ng (a voice unlike the agent's) into WAV files in a temporary folder.

use std::collections::HashMap;
use std::path::Path;

use anyhow::Context;

use super::session::Visit;
use crate::audio::source::ClipSource;
use crate::audio::Clip;
use crate::bank;

/// The simulated candidate's answer to a question of `kind`, in the field `title`.
pub(super) fn simulated_answer(kind: bank::Kind, title: &str) -> String {
    match kind {
        bank::Kind::Background => format!(
            "I have about three years of experience in {title}. I studied computer science at college, and I enjoy solving problems with a team. My goal is to grow into a senior role. That's my answer."
        ),
        bank::Kind::Behavioral => "Last spring a release was at risk because a key system failed. My task was to get it back on track. I organised the team, split the work, and checked progress every morning. As a result we shipped on time, and I learned to raise problems early. That's my answer.".into(),
        bank::Kind::Technical => "Let me start with a definition and then an example. First I would check the logs and the monitoring tools to understand the problem. Then I would fix the cause, test the change, and write down the steps for the team. That's my answer.".into(),
    }
}

/// The simulated candidate's voice: espeak-ng, unlike the agent's, into `dir/name`.
pub(super) fn espeak(dir: &Path, name: &str, text: &str) -> anyhow::Result<ClipSource> {
    crate::stop::check()?;
    let path = dir.join(name);
    let status = std::process::Command::new("espeak-ng")
        .args(["-v", "en-us+m3", "-s", "150", "-w"])
        .arg(&path)
        .arg(text)
        .status()
        .context(
            "running espeak-ng for the simulated candidate (sudo apt-get install espeak-ng)",
        )?;
    anyhow::ensure!(status.success(), "espeak-ng failed");
    Ok(ClipSource::from_wav(&path)?)
}

/// One take per listening turn: each answer, then a short silence after its feedback. Answers
/// already spoken (in `said`) are reused, not made again.
pub(super) fn answer_takes(
    dir: &Path,
    visit: &Visit,
    said: &mut HashMap<String, ClipSource>,
) -> anyhow::Result<Vec<ClipSource>> {
    let mut takes = Vec::new();
    let pause = ClipSource::new(&Clip::silence(1.0, 16_000))?;
    for q in visit.session.questions() {
        let answer = simulated_answer(q.kind, &visit.title);
        let n = said.len();
        let take = match said.get(&answer) {
            Some(t) => t.clone(),
            None => {
                let t = espeak(dir, &format!("answer-{n}.wav"), &answer)?.pad_silence(1.0);
                said.insert(answer, t.clone());
                t
            }
        };
        takes.push(take);
        takes.push(pause.clone());
    }
    Ok(takes)
}
