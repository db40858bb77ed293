//! The talking points an answer is checked for, as a type: banks name them, the rules and the
//! scorer are looked up by them, and the report prints them. A closed enum rather than strings
//! so that a misspelt point fails where it is written (a bank file, with its line) instead of
//! silently never being found; on the wire (bank TOML, labelled sets, the JSON report) a point is
//! its lowercase name, as before.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// One talking point. The order is that of [`TalkingPoint::ALL`]: background, behavioral,
/// technical, each kind's points in the order its defaults list them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase", try_from = "String")]
pub enum TalkingPoint {
    Experience,
    Skills,
    Goals,
    Education,
    Motivation,
    Situation,
    Task,
    Action,
    Result,
    Lesson,
    Definition,
    Example,
    Process,
    Tools,
}

impl TalkingPoint {
    /// Every point, in declaration order (`ALL[p as usize] == p`).
    pub const ALL: [TalkingPoint; 14] = [
        TalkingPoint::Experience,
        TalkingPoint::Skills,
        TalkingPoint::Goals,
        TalkingPoint::Education,
        TalkingPoint::Motivation,
        TalkingPoint::Situation,
        TalkingPoint::Task,
        TalkingPoint::Action,
        TalkingPoint::Result,
        TalkingPoint::Lesson,
        TalkingPoint::Definition,
        TalkingPoint::Example,
        TalkingPoint::Process,
        TalkingPoint::Tools,
    ];

    /// The name banks, labelled sets, the weights file and the report use.
    pub fn as_str(self) -> &'static str {
        match self {
            TalkingPoint::Experience => "experience",
            TalkingPoint::Skills => "skills",
            TalkingPoint::Goals => "goals",
            TalkingPoint::Education => "education",
            TalkingPoint::Motivation => "motivation",
            TalkingPoint::Situation => "situation",
            TalkingPoint::Task => "task",
            TalkingPoint::Action => "action",
            TalkingPoint::Result => "result",
            TalkingPoint::Lesson => "lesson",
            TalkingPoint::Definition => "definition",
            TalkingPoint::Example => "example",
            TalkingPoint::Process => "process",
            TalkingPoint::Tools => "tools",
        }
    }
}

impl fmt::Display for TalkingPoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for TalkingPoint {
    type Err = String;

    /// # Errors
    /// An unknown name, with the names there are.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        TalkingPoint::ALL
            .into_iter()
            .find(|p| p.as_str() == s)
            .ok_or_else(|| {
                format!(
                    "unknown talking point `{s}` (one of: {})",
                    TalkingPoint::ALL.map(TalkingPoint::as_str).join(", ")
                )
            })
    }
}

impl TryFrom<String> for TalkingPoint {
    type Error = String;

    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_read_back_and_all_is_in_declaration_order() {
        for (i, p) in TalkingPoint::ALL.into_iter().enumerate() {
            assert_eq!(p as usize, i);
            assert_eq!(p.as_str().parse::<TalkingPoint>(), Ok(p));
            assert_eq!(p.to_string(), p.as_str());
        }
    }

    #[test]
    fn serde_uses_the_lowercase_names_and_says_what_an_unknown_one_is() {
        #[derive(Debug, Deserialize, Serialize)]
        struct Q {
            points: Vec<TalkingPoint>,
        }
        let q: Q = toml::from_str(r#"points = ["result", "tools"]"#).unwrap();
        assert_eq!(q.points, [TalkingPoint::Result, TalkingPoint::Tools]);
        assert_eq!(
            serde_json::to_string(&q).unwrap(),
            r#"{"points":["result","tools"]}"#
        );
        let err = toml::from_str::<Q>(r#"points = ["vibes"]"#)
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("unknown talking point `vibes` (one of: experience, skills,"),
            "{err}"
        );
    }
}
