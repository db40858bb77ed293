//! Practice for one job: a job advert in plain text (`--posting FILE`). The field is the one
//! whose glossary the advert uses most; questions whose terms the advert names come first;
//! the job terms to consider favour the advert's own; the welcome names the role.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::bank::Question;
use crate::insights::terms::Glossary;

/// Largest advert read (a long advert is a few kilobytes).
pub const MAX_POSTING_BYTES: u64 = 256 * 1024;

/// The longest role name said in the welcome.
const MAX_ROLE_CHARS: usize = 80;

/// A job advert.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Posting {
    /// Where it was read from.
    pub path: PathBuf,
    /// The role, from its first line ("Position: UX Designer" -> "UX Designer").
    pub role: String,
    pub text: String,
}

/// Why an advert cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum PostingError {
    #[error(transparent)]
    Input(#[from] crate::input::InputError),
    #[error("{}: the job posting is empty", .0.display())]
    Empty(PathBuf),
    #[error(
        "{path}: no field's terms appear in this job posting, so the field cannot be chosen from it; give --field ({fields})"
    )]
    NoField { path: String, fields: String },
}

impl Posting {
    /// Reads a plain-text advert.
    ///
    /// # Errors
    /// A missing, unreadable, oversized, non-UTF-8 or empty file.
    pub fn load(path: &Path) -> Result<Posting, PostingError> {
        let text = crate::input::read_text(path, MAX_POSTING_BYTES, "a job posting")?;
        Posting::parse(path, &text)
    }

    /// An advert from its text.
    ///
    /// # Errors
    /// [`PostingError::Empty`] when it has no words.
    pub fn parse(path: &Path, text: &str) -> Result<Posting, PostingError> {
        let first = text
            .lines()
            .map(str::trim)
            .find(|l| l.chars().any(char::is_alphanumeric))
            .ok_or_else(|| PostingError::Empty(path.to_path_buf()))?;
        Ok(Posting {
            path: path.to_path_buf(),
            role: role(first),
            text: text.to_string(),
        })
    }

    /// The field whose glossary terms the advert uses most (ties: the first by name), with
    /// how many it uses.
    ///
    /// # Errors
    /// [`PostingError::NoField`] when it uses none.
    pub fn field(
        &self,
        glossaries: &HashMap<String, Glossary>,
    ) -> Result<(String, usize), PostingError> {
        let mut fields: Vec<&String> = glossaries.keys().collect();
        fields.sort();
        fields
            .iter()
            .map(|f| ((*f).clone(), glossaries[*f].used_in(&self.text).len()))
            .filter(|(_, n)| *n > 0)
            .fold(None, |best: Option<(String, usize)>, (f, n)| match best {
                Some((_, b)) if b >= n => best,
                _ => Some((f, n)),
            })
            .ok_or_else(|| PostingError::NoField {
                path: self.path.display().to_string(),
                fields: fields
                    .iter()
                    .map(|f| f.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            })
    }

    /// The glossary's terms the advert names, in order of first use.
    pub fn terms(&self, glossary: &Glossary) -> Vec<String> {
        glossary.used_in(&self.text)
    }
}

/// The role from an advert's first line: a "Position:", "Job title:" or "Role:" label dropped,
/// what follows " - " or " | " (the employer or team) kept out, at most 80 characters.
fn role(first_line: &str) -> String {
    let mut r = first_line.trim();
    for label in ["job title:", "position:", "role:", "title:", "job:"] {
        if r.len() >= label.len() && r[..label.len()].eq_ignore_ascii_case(label) {
            r = r[label.len()..].trim();
        }
    }
    for sep in [" - ", " | ", " – ", " — "] {
        if let Some(i) = r.find(sep) {
            r = r[..i].trim();
        }
    }
    let r: String = r.chars().take(MAX_ROLE_CHARS).collect();
    r.trim_end_matches(['.', ':', ',']).trim().to_string()
}

/// How many of `terms` a question names (in its own terms or its text): the questions an
/// advert makes most relevant come first.
pub fn relevance(q: &Question, terms: &[String], glossary: &Glossary) -> usize {
    let named: Vec<String> = glossary
        .used_in(&q.text)
        .into_iter()
        .chain(q.terms.iter().cloned())
        .map(|t| t.to_lowercase())
        .collect();
    terms
        .iter()
        .filter(|t| named.contains(&t.to_lowercase()))
        .count()
}

/// `q` with the advert's terms that are relevant to it put first among its terms, so the job
/// terms to consider after an answer favour them.
pub fn favour_terms(mut q: Question, terms: &[String], glossary: &Glossary) -> Question {
    let relevant = glossary.relevant(&q.text, &q.terms);
    let mut first: Vec<String> = relevant
        .into_iter()
        .filter(|r| terms.iter().any(|t| t.eq_ignore_ascii_case(r)))
        .collect();
    for t in std::mem::take(&mut q.terms) {
        if !first.iter().any(|f| f.eq_ignore_ascii_case(&t)) {
            first.push(t);
        }
    }
    q.terms = first;
    q
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shipped() -> HashMap<String, Glossary> {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("question-banks/glossary");
        [
            "cybersecurity",
            "data-analytics",
            "e-commerce",
            "general",
            "it-support",
            "project-management",
            "ux-design",
        ]
        .iter()
        .map(|f| (f.to_string(), Glossary::load(&dir, f).unwrap()))
        .collect()
    }

    fn sample(name: &str) -> Posting {
        Posting::load(
            &Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("question-banks/postings")
                .join(name),
        )
        .unwrap()
    }

    #[test]
    fn the_role_comes_from_the_first_line() {
        for (line, want) in [
            (
                "Position: UX Designer (mid-level)",
                "UX Designer (mid-level)",
            ),
            (
                "Junior Data Analyst - Marketing Insights",
                "Junior Data Analyst",
            ),
            (
                "JOB TITLE: Help Desk Technician | Acme Ltd",
                "Help Desk Technician",
            ),
            (
                "Security Operations Center Analyst (Tier 1)",
                "Security Operations Center Analyst (Tier 1)",
            ),
        ] {
            assert_eq!(role(line), want, "{line}");
        }
        assert_eq!(role(&"x".repeat(300)).len(), MAX_ROLE_CHARS);
    }

    #[test]
    fn each_sample_posting_chooses_its_field_and_names_its_terms() {
        let g = shipped();
        for (file, field, role_has, terms) in [
            (
                "soc-analyst.txt",
                "cybersecurity",
                "Analyst",
                &["siem", "phishing"][..],
            ),
            (
                "data-analyst.txt",
                "data-analytics",
                "Data Analyst",
                &["sql", "dashboard"][..],
            ),
            (
                "ux-designer.txt",
                "ux-design",
                "UX Designer",
                &["usability testing", "wireframe"][..],
            ),
        ] {
            let p = sample(file);
            let (got, n) = p.field(&g).unwrap();
            assert_eq!(got, field, "{file}: {n} terms");
            assert!(p.role.contains(role_has), "{file}: role {}", p.role);
            let named: Vec<String> = p
                .terms(&g[field])
                .iter()
                .map(|t| t.to_lowercase())
                .collect();
            for t in terms {
                assert!(
                    named.contains(&t.to_string()),
                    "{file}: {t} not in {named:?}"
                );
            }
        }
    }

    #[test]
    fn an_empty_or_unrelated_posting_says_what_to_do() {
        let err = Posting::parse(Path::new("a.txt"), " \n\n - \n").unwrap_err();
        assert!(err.to_string().contains("empty"), "{err}");
        let p = Posting::parse(Path::new("b.txt"), "Zzz qqq\nxyzzy plugh").unwrap();
        let err = p.field(&shipped()).unwrap_err().to_string();
        assert!(
            err.contains("give --field") && err.contains("ux-design"),
            "{err}"
        );
    }

    #[test]
    fn the_posting_terms_relevant_to_a_question_come_first() {
        let g = shipped();
        let cyber = &g["cybersecurity"];
        let q = Question {
            id: "q".into(),
            field: "cybersecurity".into(),
            kind: crate::bank::Kind::Technical,
            text: "How would you investigate a suspected phishing email?".into(),
            talking_points: vec![],
            terms: vec!["sandbox".into()],
        };
        let p = sample("soc-analyst.txt");
        let terms = p.terms(cyber);
        let favoured = favour_terms(q.clone(), &terms, cyber);
        assert_eq!(favoured.terms.last().map(String::as_str), Some("sandbox"));
        assert!(favoured.terms.len() > 1, "{:?}", favoured.terms);
        for t in &favoured.terms[..favoured.terms.len() - 1] {
            assert!(terms.contains(t), "{t} is not the posting's");
        }
        assert!(relevance(&q, &terms, cyber) >= 1);
        let unrelated = Question {
            text: "Tell me about a time you disagreed with a colleague.".into(),
            terms: vec![],
            ..q
        };
        assert_eq!(relevance(&unrelated, &terms, cyber), 0);
    }
}
