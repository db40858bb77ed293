//! Question banks: one TOML file per field under `question-banks/` (or a user's own folder),
//! validated strictly so a typo is reported as `file:line:column: what is wrong` instead of a
//! question silently missing from a session.

mod pick;

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::insights::TalkingPoint;

pub use pick::{pick_session, pick_session_ranked, Pick};

/// The largest bank or glossary file read (the largest shipped one is 51 KB).
pub const MAX_BANK_BYTES: u64 = 1024 * 1024;
/// The longest question text, in characters: about half a minute of speech (the longest shipped
/// question is 128).
pub const MAX_QUESTION_CHARS: usize = 500;
/// The longest id, title or term, in characters.
pub const MAX_NAME_CHARS: usize = 100;

/// The three kinds of question a session mixes: a fixed set, so the command line takes it as
/// a value enum (`--kind behavioral`, any case; "behavioural" too).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    clap::ValueEnum,
)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Background,
    #[value(alias = "behavioural")]
    Behavioral,
    Technical,
}

impl Kind {
    pub const ALL: [Kind; 3] = [Kind::Background, Kind::Behavioral, Kind::Technical];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Background => "background",
            Kind::Behavioral => "behavioral",
            Kind::Technical => "technical",
        }
    }

    /// The talking points a strong answer of this kind usually covers.
    pub fn default_talking_points(self) -> &'static [TalkingPoint] {
        use TalkingPoint as P;
        match self {
            Kind::Background => &[
                P::Experience,
                P::Skills,
                P::Goals,
                P::Education,
                P::Motivation,
            ],
            Kind::Behavioral => &[P::Situation, P::Task, P::Action, P::Result, P::Lesson],
            Kind::Technical => &[P::Definition, P::Example, P::Process, P::Tools],
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Kind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "background" => Ok(Kind::Background),
            "behavioral" | "behavioural" => Ok(Kind::Behavioral),
            "technical" => Ok(Kind::Technical),
            other => Err(format!(
                "unknown kind `{other}` (background, behavioral, technical)"
            )),
        }
    }
}

/// One question, as the session and the insights use it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Question {
    pub id: String,
    pub field: String,
    pub kind: Kind,
    pub text: String,
    /// Talking points for this question (the kind's defaults unless the bank narrows them).
    pub talking_points: Vec<TalkingPoint>,
    /// Job terms a strong answer could use.
    pub terms: Vec<String>,
}

/// One field's questions and the mix a session draws.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bank {
    pub field: String,
    pub title: String,
    pub path: PathBuf,
    pub mix: BTreeMap<Kind, usize>,
    pub questions: Vec<Question>,
}

impl Bank {
    pub fn count(&self, kind: Kind) -> usize {
        self.questions.iter().filter(|q| q.kind == kind).count()
    }
}

/// Every bank in a folder.
#[derive(Debug, Clone, Default)]
pub struct Banks {
    pub banks: Vec<Bank>,
}

impl Banks {
    /// The bank for a field, by its file stem or title, case- and separator-insensitive
    /// ("it support", "IT-Support", "it_support").
    pub fn field(&self, name: &str) -> Option<&Bank> {
        let norm = |s: &str| {
            s.chars()
                .filter(char::is_ascii_alphanumeric)
                .collect::<String>()
                .to_ascii_lowercase()
        };
        let want = norm(name);
        self.banks
            .iter()
            .find(|b| norm(&b.field) == want || norm(&b.title) == want)
    }

    pub fn question(&self, id: &str) -> Option<&Question> {
        self.banks
            .iter()
            .flat_map(|b| &b.questions)
            .find(|q| q.id == id)
    }

    pub fn field_names(&self) -> Vec<&str> {
        self.banks.iter().map(|b| b.field.as_str()).collect()
    }
}

/// One problem in a bank, located.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BankIssue {
    pub path: PathBuf,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for BankIssue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.path.display(),
            self.line,
            self.column,
            self.message
        )
    }
}

/// Why banks could not be loaded: every problem found, not just the first.
#[derive(Debug, thiserror::Error)]
pub enum BankError {
    #[error("{dir}: cannot read the question bank folder: {source}")]
    Dir {
        dir: PathBuf,
        source: std::io::Error,
    },
    #[error("{dir}: no question banks (*.toml) found")]
    Empty { dir: PathBuf },
    #[error("{} problem(s) in the question banks:\n{}", .0.len(), .0.iter().map(|i| format!("  {i}")).collect::<Vec<_>>().join("\n"))]
    Invalid(Vec<BankIssue>),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBank {
    field: Spanned<String>,
    title: Spanned<String>,
    mix: Option<Spanned<BTreeMap<Kind, usize>>>,
    #[serde(rename = "question", default)]
    questions: Vec<Spanned<RawQuestion>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuestion {
    id: Spanned<String>,
    kind: Kind,
    text: Spanned<String>,
    talking_points: Option<Spanned<Vec<String>>>,
    terms: Option<Spanned<Vec<String>>>,
}

/// The default mix: two background, one behavioral, two technical.
pub fn default_mix() -> BTreeMap<Kind, usize> {
    BTreeMap::from([
        (Kind::Background, 2),
        (Kind::Behavioral, 1),
        (Kind::Technical, 2),
    ])
}

/// 1-based line and column of byte `offset` in `src` (for TOML errors: banks, config, glossaries).
pub fn line_col(src: &str, offset: usize) -> (usize, usize) {
    let before = &src[..offset.min(src.len())];
    let line = before.matches('\n').count() + 1;
    let col = before
        .rfind('\n')
        .map_or(before.len(), |i| before.len() - i - 1)
        + 1;
    (line, col)
}

/// Parses one bank file's text. Problems are collected in `issues`.
pub fn parse_bank(path: &Path, src: &str, issues: &mut Vec<BankIssue>) -> Option<Bank> {
    let issue = |offset: usize, message: String| {
        let (line, column) = line_col(src, offset);
        BankIssue {
            path: path.to_path_buf(),
            line,
            column,
            message,
        }
    };
    let raw: RawBank = match toml::from_str(src) {
        Ok(r) => r,
        Err(e) => {
            let offset = e.span().map_or(0, |s| s.start);
            issues.push(issue(offset, e.message().trim().to_string()));
            return None;
        }
    };
    let before = issues.len();
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    if raw.field.get_ref() != &stem {
        issues.push(issue(
            raw.field.span().start,
            format!(
                "field `{}` does not match the file name `{stem}.toml`",
                raw.field.get_ref()
            ),
        ));
    }
    let mix = match &raw.mix {
        Some(m) => {
            let total: usize = m.get_ref().values().sum();
            if total == 0 {
                issues.push(issue(m.span().start, "mix asks for no questions".into()));
            }
            m.get_ref().clone()
        }
        None => default_mix(),
    };
    let too_long = |what: &str, text: &str, max: usize| {
        let n = text.chars().count();
        (n > max).then(|| format!("{what} is {n} characters long, more than {max}"))
    };
    if let Some(m) = too_long("title", raw.title.get_ref(), MAX_NAME_CHARS) {
        issues.push(issue(raw.title.span().start, m));
    }
    let mut questions = Vec::new();
    for q in &raw.questions {
        let start = q.span().start;
        let q = q.get_ref();
        let text = q.text.get_ref().trim();
        if text.is_empty() {
            issues.push(issue(q.text.span().start, "empty question text".into()));
        }
        if q.id.get_ref().trim().is_empty() {
            issues.push(issue(q.id.span().start, "empty id".into()));
        }
        if let Some(m) = too_long("question text", text, MAX_QUESTION_CHARS) {
            issues.push(issue(q.text.span().start, m));
        }
        if let Some(m) = too_long("id", q.id.get_ref(), MAX_NAME_CHARS) {
            issues.push(issue(q.id.span().start, m));
        }
        if let Some(terms) = &q.terms {
            for t in terms.get_ref() {
                if let Some(m) = too_long("a term", t, MAX_NAME_CHARS) {
                    issues.push(issue(terms.span().start, m));
                }
            }
        }
        // Read as names and parsed here rather than by serde, so an unknown point is one issue
        // among the file's others instead of stopping the file at the first.
        let talking_points = match &q.talking_points {
            Some(tp) => tp
                .get_ref()
                .iter()
                .filter_map(|p| match p.parse::<TalkingPoint>() {
                    Ok(p) => Some(p),
                    Err(e) => {
                        issues.push(issue(tp.span().start, e));
                        None
                    }
                })
                .collect(),
            None => q.kind.default_talking_points().to_vec(),
        };
        let _ = start;
        questions.push((
            q.id.span().start,
            Question {
                id: q.id.get_ref().trim().to_string(),
                field: stem.clone(),
                kind: q.kind,
                text: text.to_string(),
                talking_points,
                terms: q
                    .terms
                    .as_ref()
                    .map(|t| t.get_ref().clone())
                    .unwrap_or_default(),
            },
        ));
    }
    // Duplicate ids inside the file.
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    for (offset, q) in &questions {
        if let Some(first) = seen.insert(&q.id, *offset) {
            let (l, _) = line_col(src, first);
            issues.push(issue(
                *offset,
                format!("duplicate id `{}` (first at line {l})", q.id),
            ));
        }
    }
    // The mix must be fillable.
    let offset = raw.mix.as_ref().map_or(0, |m| m.span().start);
    for (kind, want) in &mix {
        let have = questions.iter().filter(|(_, q)| q.kind == *kind).count();
        if have < *want {
            issues.push(issue(
                offset,
                format!(
                    "a session needs {want} {kind} question(s) but the bank has {have}{}",
                    if raw.mix.is_none() {
                        " (default mix 2 background, 1 behavioral, 2 technical; set [mix] to change it)"
                    } else {
                        ""
                    }
                ),
            ));
        }
    }
    if issues.len() > before {
        return None;
    }
    Some(Bank {
        field: stem,
        title: raw.title.into_inner(),
        path: path.to_path_buf(),
        mix,
        questions: questions.into_iter().map(|(_, q)| q).collect(),
    })
}

/// Loads and validates every `*.toml` in `dir`.
///
/// # Errors
/// [`BankError::Invalid`] with every problem found (file:line:column), or the folder is
/// unreadable or empty.
pub fn load_dir(dir: &Path) -> Result<Banks, BankError> {
    let rd = std::fs::read_dir(dir).map_err(|e| BankError::Dir {
        dir: dir.to_path_buf(),
        source: e,
    })?;
    let mut paths: Vec<PathBuf> = rd
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    paths.sort();
    if paths.is_empty() {
        return Err(BankError::Empty {
            dir: dir.to_path_buf(),
        });
    }
    let mut issues = Vec::new();
    let mut banks = Vec::new();
    let mut ids: BTreeMap<String, PathBuf> = BTreeMap::new();
    for path in paths {
        let src = match crate::input::read_text(&path, MAX_BANK_BYTES, "a question bank") {
            Ok(s) => s,
            Err(e) => {
                let (line, column) = match &e {
                    crate::input::InputError::NotUtf8 { line, column, .. } => (*line, *column),
                    _ => (1, 1),
                };
                issues.push(BankIssue {
                    path: path.clone(),
                    line,
                    column,
                    message: e.reason(),
                });
                continue;
            }
        };
        if let Some(bank) = parse_bank(&path, &src, &mut issues) {
            for q in &bank.questions {
                if let Some(other) = ids.insert(q.id.clone(), path.clone()) {
                    let offset = src.find(&format!("\"{}\"", q.id)).unwrap_or(0);
                    let (line, column) = line_col(&src, offset);
                    issues.push(BankIssue {
                        path: path.clone(),
                        line,
                        column,
                        message: format!("duplicate id `{}` (also in {})", q.id, other.display()),
                    });
                }
            }
            banks.push(bank);
        }
    }
    if !issues.is_empty() {
        return Err(BankError::Invalid(issues));
    }
    Ok(Banks { banks })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(src: &str) -> Vec<String> {
        let mut issues = Vec::new();
        parse_bank(Path::new("qb/demo.toml"), src, &mut issues);
        issues.iter().map(ToString::to_string).collect()
    }

    const GOOD: &str = r#"field = "demo"
title = "Demo"

[[question]]
id = "d-1"
kind = "background"
text = "Tell me about yourself."

[[question]]
id = "d-2"
kind = "background"
text = "Why this field?"

[[question]]
id = "d-3"
kind = "behavioral"
text = "Tell me about a time you failed."

[[question]]
id = "d-4"
kind = "technical"
text = "What is a firewall?"
terms = ["firewall", "packet filtering"]

[[question]]
id = "d-5"
kind = "technical"
text = "What is DNS?"
talking_points = ["definition", "example"]
"#;

    #[test]
    fn a_good_bank_loads_with_default_points() {
        let mut issues = Vec::new();
        let b = parse_bank(Path::new("qb/demo.toml"), GOOD, &mut issues).unwrap();
        assert!(issues.is_empty(), "{issues:?}");
        assert_eq!(b.questions.len(), 5);
        assert_eq!(b.questions[0].talking_points.len(), 5);
        assert_eq!(
            b.questions[4].talking_points,
            [TalkingPoint::Definition, TalkingPoint::Example]
        );
        assert_eq!(b.mix, default_mix());
    }

    #[test]
    fn unknown_key_is_located() {
        let src = GOOD.replace("terms = [", "termz = [");
        let issues = check(&src);
        assert_eq!(issues.len(), 1, "{issues:?}");
        assert!(
            issues[0].starts_with("qb/demo.toml:23:1: unknown field `termz`"),
            "{issues:?}"
        );
    }

    #[test]
    fn missing_field_and_bad_kind_are_located() {
        let src = GOOD.replace("text = \"What is DNS?\"\n", "");
        let issues = check(&src);
        assert!(issues[0].contains("missing field `text`"), "{issues:?}");
        assert!(issues[0].starts_with("qb/demo.toml:25:1:"), "{issues:?}");
        let src = GOOD.replace("kind = \"behavioral\"", "kind = \"situational\"");
        let issues = check(&src);
        assert!(
            issues[0].starts_with("qb/demo.toml:16:8: unknown variant `situational`"),
            "{issues:?}"
        );
    }

    #[test]
    fn empty_text_duplicate_id_and_unfillable_mix() {
        let src = GOOD
            .replace("text = \"Why this field?\"", "text = \"  \"")
            .replace("id = \"d-5\"", "id = \"d-4\"");
        let issues = check(&src);
        assert!(
            issues
                .iter()
                .any(|i| i.starts_with("qb/demo.toml:12:8: empty question text")),
            "{issues:?}"
        );
        assert!(
            issues
                .iter()
                .any(|i| i.starts_with("qb/demo.toml:26:6: duplicate id `d-4` (first at line 20)")),
            "{issues:?}"
        );
        let src = GOOD.replace(
            "kind = \"technical\"\ntext = \"What is DNS?\"",
            "kind = \"background\"\ntext = \"What is DNS?\"",
        );
        let issues = check(&src);
        assert!(
            issues
                .iter()
                .any(|i| i.contains("needs 2 technical question(s) but the bank has 1")),
            "{issues:?}"
        );
    }

    #[test]
    fn text_fields_over_their_limits_are_located() {
        let long_id = "d".repeat(MAX_NAME_CHARS + 1);
        let long_text = "Why? ".repeat(101);
        let long_term = "t".repeat(MAX_NAME_CHARS + 1);
        let long_title = "T".repeat(MAX_NAME_CHARS + 1);
        let cases = [
            (
                GOOD.replace("Why this field?", long_text.trim()),
                "qb/demo.toml:12:8: question text is 504 characters long, more than 500",
            ),
            (
                GOOD.replace("\"d-3\"", &format!("\"{long_id}\"")),
                "qb/demo.toml:15:6: id is 101 characters long, more than 100",
            ),
            (
                GOOD.replace("\"packet filtering\"", &format!("\"{long_term}\"")),
                "qb/demo.toml:23:9: a term is 101 characters long, more than 100",
            ),
            (
                GOOD.replace("\"Demo\"", &format!("\"{long_title}\"")),
                "qb/demo.toml:2:9: title is 101 characters long, more than 100",
            ),
        ];
        for (src, want) in cases {
            assert_eq!(check(&src), [want]);
        }
        // At the limit: fine.
        let at = "Why? ".repeat(100);
        assert!(check(&GOOD.replace("Why this field?", at.trim())).is_empty());
    }

    #[test]
    fn field_must_match_file_and_talking_points_must_be_known() {
        let src = GOOD.replace("field = \"demo\"", "field = \"other\"");
        assert!(check(&src)[0].starts_with("qb/demo.toml:1:9: field `other` does not match"));
        let src = GOOD.replace(
            "[\"definition\", \"example\"]",
            "[\"definition\", \"vibes\"]",
        );
        assert!(check(&src)[0].contains("unknown talking point `vibes`"));
    }
}
