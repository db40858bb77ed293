//! Voice commands. A command counts only when the whole utterance is the command (a few words,
//! politeness and fillers aside): "stop" is a command, "I stopped the attack" is an answer.

use crate::transcript::normalize;

/// What the user can say at any point.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Command {
    Repeat,
    Skip,
    Pause,
    Resume,
    Slower,
    Faster,
    ReadBack,
    TryAgain,
    Help,
    Stop,
    Next,
    TellMeMore,
    Louder,
    Quieter,
    WhereAmI,
    HowAmIDoing,
}

/// Every phrase, normalised, and its command. Includes the ways whisper tiny.en writes them.
const PHRASES: &[(&str, Command)] = &[
    ("repeat", Command::Repeat),
    ("repeat that", Command::Repeat),
    ("repeat the question", Command::Repeat),
    ("repeat question", Command::Repeat),
    ("say that again", Command::Repeat),
    ("say it again", Command::Repeat),
    ("again", Command::Repeat),
    ("what was the question", Command::Repeat),
    ("skip", Command::Skip),
    ("skip it", Command::Skip),
    ("skip this one", Command::Skip),
    ("skip this question", Command::Skip),
    ("skip question", Command::Skip),
    ("pass", Command::Skip),
    ("pause", Command::Pause),
    ("wait", Command::Pause),
    ("hold on", Command::Pause),
    ("resume", Command::Resume),
    ("continue", Command::Resume),
    ("i'm back", Command::Resume),
    ("i'm ready", Command::Resume),
    ("ready", Command::Resume),
    ("slower", Command::Slower),
    ("slow down", Command::Slower),
    ("speak slower", Command::Slower),
    ("talk slower", Command::Slower),
    ("faster", Command::Faster),
    ("speed up", Command::Faster),
    ("speak faster", Command::Faster),
    ("talk faster", Command::Faster),
    ("read my answer", Command::ReadBack),
    ("read my answer back", Command::ReadBack),
    ("read it back", Command::ReadBack),
    ("read back my answer", Command::ReadBack),
    ("what did i say", Command::ReadBack),
    ("try again", Command::TryAgain),
    ("let me try again", Command::TryAgain),
    ("start over", Command::TryAgain),
    ("redo", Command::TryAgain),
    ("help", Command::Help),
    ("what can i say", Command::Help),
    ("stop", Command::Stop),
    ("stop the interview", Command::Stop),
    ("end the interview", Command::Stop),
    ("end the session", Command::Stop),
    ("quit", Command::Stop),
    ("exit", Command::Stop),
    ("next", Command::Next),
    ("next question", Command::Next),
    ("next one", Command::Next),
    ("move on", Command::Next),
    ("tell me more", Command::TellMeMore),
    ("more detail", Command::TellMeMore),
    ("more details", Command::TellMeMore),
    ("give me more detail", Command::TellMeMore),
    ("give me the details", Command::TellMeMore),
    ("full feedback", Command::TellMeMore),
    ("louder", Command::Louder),
    ("speak up", Command::Louder),
    ("volume up", Command::Louder),
    ("i can't hear you", Command::Louder),
    ("quieter", Command::Quieter),
    ("softer", Command::Quieter),
    ("too loud", Command::Quieter),
    ("volume down", Command::Quieter),
    ("where am i", Command::WhereAmI),
    ("which question is this", Command::WhereAmI),
    ("what question is this", Command::WhereAmI),
    ("what question am i on", Command::WhereAmI),
    ("how many questions are left", Command::WhereAmI),
    ("how am i doing", Command::HowAmIDoing),
    ("how am i doing so far", Command::HowAmIDoing),
    ("how have i been doing", Command::HowAmIDoing),
    ("what is my progress", Command::HowAmIDoing),
    ("my progress", Command::HowAmIDoing),
];

/// Words dropped before matching: politeness, fillers, and the start-of-command "okay".
const IGNORED: &[&str] = &[
    "please", "um", "uh", "er", "hmm", "okay", "ok", "so", "can", "you", "could", "the", "warmup",
    "now", "thanks", "thank", "oh",
];

/// Longest utterance (in words) that can still be a command.
pub const MAX_COMMAND_WORDS: usize = 6;

/// The command this utterance is, if it is one.
pub fn parse(text: &str) -> Option<Command> {
    let words = normalize(text);
    if words.is_empty() || words.len() > MAX_COMMAND_WORDS {
        return None;
    }
    let strip = |ws: &[String]| -> Vec<String> {
        ws.iter()
            .filter(|w| !IGNORED.contains(&w.as_str()))
            .cloned()
            .collect()
    };
    let said = strip(&words);
    if said.is_empty() {
        return None;
    }
    PHRASES
        .iter()
        .find(|(p, _)| strip(&normalize(p)) == said)
        .map(|(_, c)| *c)
}

/// Where the session is, for "help": each says only what works there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HelpContext {
    Answering,
    AfterFeedback,
    Paused,
}

/// What can be said right now, for "help".
pub fn help_text(at: HelpContext) -> &'static str {
    match at {
        HelpContext::Answering => "You can say: repeat the question, skip, pause, slower, faster, louder, quieter, where am I, try again, or stop. When you finish an answer, say that's my answer.",
        HelpContext::AfterFeedback => "You can say: tell me more, repeat, read my answer back, try again, next, slower, faster, louder, quieter, where am I, how am I doing, pause, or stop.",
        HelpContext::Paused => "We're paused. Say resume when you're ready, where am I, or stop to end.",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_whole_utterance_must_be_the_command() {
        for (said, want) in [
            ("Stop.", Some(Command::Stop)),
            (
                "Could you repeat the question, please?",
                Some(Command::Repeat),
            ),
            ("Um, skip this one.", Some(Command::Skip)),
            ("Read my answer back.", Some(Command::ReadBack)),
            ("How am I doing?", Some(Command::HowAmIDoing)),
            ("How am I doing at this job?", None),
            ("Let me try again.", Some(Command::TryAgain)),
            ("Slower, please.", Some(Command::Slower)),
            ("I stopped the attack.", None),
            (
                "Stop the attack before it spreads to the database servers",
                None,
            ),
            ("I would repeat the scan.", None),
            ("Help me understand the firewall rules we had", None),
            ("", None),
            ("Please.", None),
            ("Tell me more.", Some(Command::TellMeMore)),
            ("Louder, please.", Some(Command::Louder)),
            ("Too loud.", Some(Command::Quieter)),
            ("Where am I?", Some(Command::WhereAmI)),
            ("Tell me more about the network you built", None),
        ] {
            assert_eq!(parse(said), want, "{said:?}");
        }
    }
}
