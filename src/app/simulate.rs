//! The simulated candidate of `demo` and `kiosk --simulate`: an answer of each kind, spoken
//! with espeak-ng (a voice unlike the agent's) into WAV files in a temporary folder.

use std::collections::HashMap;
use std::path::Path;

use anyhow::Context;

use super::session::Visit;
use crate::audio::source::ClipSource;
use crate::audio::Clip;
use crate::bank;

/// What the question is about, for the simulated candidate: its first bank term, else the
/// first glossary term it names, else the field.
fn topic(q: &bank::Question, ctx: &crate::insights::Context, title: &str) -> String {
    q.terms
        .first()
        .cloned()
        .or_else(|| ctx.glossary(&q.field).used_in(&q.text).into_iter().next())
        .unwrap_or_else(|| title.to_string())
}

/// The simulated candidate's whole answer to `q`: written for its kind and its topic, so two
/// questions get two answers.
pub(super) fn simulated_answer(q: &bank::Question, topic: &str, title: &str) -> String {
    match q.kind {
        bank::Kind::Background => format!(
            "I have about three years of experience in {title}, most of it with {topic}. I studied computer science at college, and I am good at explaining {topic} to people outside the team. My goal is to grow into a senior role. That's my answer."
        ),
        bank::Kind::Behavioral => format!(
            "Last spring a problem with {topic} put a release at risk at my company. My task was to get it back on track. I organised the team, split the work, and checked progress every morning. As a result we shipped on time, and I learned to raise problems early. That's my answer."
        ),
        bank::Kind::Technical => format!(
            "{topic} is a key part of {title}. Put simply, it is how a team keeps that work safe and reliable. For example, at my last job I used {topic} when we moved our main service to a new server. First I checked the logs, then I fixed the cause, tested the change, and wrote down the steps. That's my answer."
        ),
    }
}

/// A story that stops before its result (the demo's follow-up is asked about it).
fn story_without_result(topic: &str) -> String {
    format!(
        "Last spring a problem with {topic} put a release at risk at my company. My task was to get it back on track. I organised the team, split the work, and checked progress every morning. That's my answer."
    )
}

/// A weak first try (the demo then says "try again").
fn weak_answer() -> String {
    "I am not sure, to be honest. I would need to think about that one a bit more. That's my answer.".into()
}

/// The simulated candidate's reply to a follow-up about `part`.
fn reply(part: crate::insights::TalkingPoint) -> &'static str {
    use crate::insights::TalkingPoint as P;
    match part {
        P::Result => "In the end we shipped on time, and the customer was happy with the result. That's my answer.",
        P::Lesson => "I learned to raise problems early and to ask for help sooner. That's my answer.",
        P::Example => "For example, at my last job I used it to find a fault on our main server. That's my answer.",
        _ => "Next, I want to grow into a senior role and lead a small team. That's my answer.",
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
    ctx: &crate::insights::Context,
    said: &mut HashMap<String, ClipSource>,
) -> anyhow::Result<Vec<ClipSource>> {
    let mut takes = Vec::new();
    let pause = ClipSource::new(&Clip::silence(1.0, 16_000))?;
    for q in visit.session.questions() {
        let answer = simulated_answer(q, &topic(q, ctx, &visit.title), &visit.title);
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

/// The demo's candidate, one take per listening turn: answers written for each question; on
/// the second question a weak first try and "let me try again"; on the first story one that
/// stops before its result; a reply after each answer the session will follow up (foreseen
/// with the session's own rules on the written answer: `follow_ups`); a short silence after
/// each feedback; and "how am I doing?" after the last.
pub(super) fn demo_takes(
    dir: &Path,
    visit: &Visit,
    ctx: &crate::insights::Context,
    follow_ups: bool,
) -> anyhow::Result<Vec<ClipSource>> {
    let mut texts: Vec<String> = Vec::new();
    let mut told_story = false;
    let questions = visit.session.questions();
    for (i, q) in questions.iter().enumerate() {
        let topic = topic(q, ctx, &visit.title);
        let full = simulated_answer(q, &topic, &visit.title);
        let tries = if i == 1 {
            vec![weak_answer(), full]
        } else if q.kind == bank::Kind::Behavioral && !told_story {
            told_story = true;
            vec![story_without_result(&topic)]
        } else {
            vec![full]
        };
        let mut asked = false;
        let n = tries.len();
        for (t, text) in tries.into_iter().enumerate() {
            let part = (follow_ups && !asked)
                .then(|| {
                    let report = crate::session::answer::assess(
                        q,
                        crate::session::turn::TurnResult::heard(&text),
                        ctx,
                    );
                    crate::session::follow_up::follow_up(q, &report, i)
                })
                .flatten();
            texts.push(text);
            if let Some((part, _)) = part {
                asked = true;
                // A follow-up to a try that is then tried again is answered by "try again".
                if t + 1 == n {
                    texts.push(reply(part).to_string());
                }
            }
            if t + 1 < n {
                texts.push("Let me try again.".into());
            }
        }
        texts.push(String::new());
        if i + 1 == questions.len() {
            texts.insert(texts.len() - 1, "How am I doing?".into());
        }
    }
    let pause = ClipSource::new(&Clip::silence(1.0, 16_000))?;
    texts
        .iter()
        .enumerate()
        .map(|(n, t)| {
            if t.is_empty() {
                Ok(pause.clone())
            } else {
                Ok(espeak(dir, &format!("take-{n}.wav"), t)?.pad_silence(1.0))
            }
        })
        .collect()
}
