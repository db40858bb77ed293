//! Job-related terms: a glossary per field (`question-banks/glossary/FIELD.toml`), each term with
//! its aliases and abbreviations ("MFA" = "multi-factor authentication") and the spellings
//! whisper produces for it ("sim" for SIEM), matched as multi-word phrases on normalised words.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::transcript::normalize;

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Term {
    pub term: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub asr: Vec<String>,
    #[serde(default)]
    pub topics: Vec<String>,
}

/// One field's terms.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Glossary {
    pub field: String,
    #[serde(rename = "term", default)]
    pub terms: Vec<Term>,
}

/// Every glossary in `dir` (`FIELD.toml`), by field; a missing folder has none.
///
/// # Errors
/// An invalid glossary file, with file:line:column.
pub fn load_all(dir: &Path) -> Result<std::collections::HashMap<String, Glossary>, String> {
    let mut glossaries = std::collections::HashMap::new();
    if let Ok(rd) = std::fs::read_dir(dir) {
        for e in rd.flatten() {
            let p = e.path();
            if p.extension().is_some_and(|x| x == "toml") {
                let field = p
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default();
                glossaries.insert(field.clone(), Glossary::load(dir, &field)?);
            }
        }
    }
    Ok(glossaries)
}

/// One place a term occurs: its canonical name and the normalised words it covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TermMatch {
    pub term: String,
    pub words: std::ops::Range<usize>,
}

/// Terms used, and relevant ones the answer could have used.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct JobTerms {
    pub used: Vec<String>,
    pub to_consider: Vec<String>,
}

impl Glossary {
    /// Loads `dir/FIELD.toml`; a field without a glossary has an empty one.
    ///
    /// # Errors
    /// A message with file:line:column for an invalid file.
    pub fn load(dir: &Path, field: &str) -> Result<Glossary, String> {
        let path = dir.join(format!("{field}.toml"));
        let text = match crate::input::read_text(&path, crate::bank::MAX_BANK_BYTES, "a glossary") {
            Ok(t) => t,
            Err(crate::input::InputError::NotFound { .. }) => return Ok(Glossary::default()),
            Err(e) => return Err(e.to_string()),
        };
        toml::from_str(&text).map_err(|e| {
            let off = e.span().map_or(0, |s| s.start).min(text.len());
            let before = &text[..off];
            format!(
                "{}:{}:{}: {}",
                path.display(),
                before.matches('\n').count() + 1,
                before
                    .rfind('\n')
                    .map_or(before.len(), |i| before.len() - i - 1)
                    + 1,
                e.message().trim()
            )
        })
    }

    /// Every spelling of a term, normalised to words.
    fn spellings(t: &Term) -> Vec<Vec<String>> {
        std::iter::once(&t.term)
            .chain(&t.aliases)
            .chain(&t.asr)
            .map(|s| normalize(s))
            .filter(|w| !w.is_empty())
            .collect()
    }

    /// Canonical terms found in `text`, in order of first use.
    pub fn used_in(&self, text: &str) -> Vec<String> {
        used_in(&self.terms.iter().collect::<Vec<_>>(), text)
    }

    /// Every place a term occurs in `text` (any of its spellings), in order.
    pub fn matches(&self, text: &str) -> Vec<TermMatch> {
        matches(&self.terms.iter().collect::<Vec<_>>(), &normalize(text))
    }

    /// Terms relevant to a question: its bank terms first, then glossary terms named in the
    /// question, then terms that share a topic with those.
    pub fn relevant(&self, question_text: &str, bank_terms: &[String]) -> Vec<String> {
        relevant(
            &self.terms.iter().collect::<Vec<_>>(),
            question_text,
            bank_terms,
        )
    }

    /// Terms the answer used, and up to `n` relevant ones it did not.
    pub fn job_terms(
        &self,
        answer: &str,
        question_text: &str,
        bank_terms: &[String],
        n: usize,
    ) -> JobTerms {
        // Bank terms the glossary lacks join its terms for this answer (the glossary itself is
        // not copied).
        let extra: Vec<Term> = bank_terms
            .iter()
            .filter(|b| {
                !self.terms.iter().any(|t| {
                    t.term.eq_ignore_ascii_case(b)
                        || t.aliases.iter().any(|a| a.eq_ignore_ascii_case(b))
                })
            })
            .map(|b| Term {
                term: b.clone(),
                aliases: vec![],
                asr: vec![],
                topics: vec![],
            })
            .collect();
        let with_bank: Vec<&Term> = self.terms.iter().chain(&extra).collect();
        let used = used_in(&with_bank, answer);
        let used_lower: Vec<String> = used.iter().map(|u| u.to_lowercase()).collect();
        let is_used = |t: &str| {
            let tl = t.to_lowercase();
            used_lower.contains(&tl)
                || with_bank
                    .iter()
                    .find(|x| {
                        x.term.eq_ignore_ascii_case(t)
                            || x.aliases.iter().any(|a| a.eq_ignore_ascii_case(t))
                    })
                    .is_some_and(|x| used_lower.contains(&x.term.to_lowercase()))
        };
        let to_consider = relevant(&with_bank, question_text, bank_terms)
            .into_iter()
            .filter(|t| !is_used(t))
            .take(n)
            .collect();
        JobTerms { used, to_consider }
    }
}

/// Every occurrence in `words` of any spelling of `terms`, in order of position.
fn matches(terms: &[&Term], words: &[String]) -> Vec<TermMatch> {
    let mut found = Vec::new();
    for t in terms {
        for sp in Glossary::spellings(t) {
            for i in (0..words.len()).filter(|&i| words[i..].starts_with(&sp)) {
                found.push(TermMatch {
                    term: t.term.clone(),
                    words: i..i + sp.len(),
                });
            }
        }
    }
    found.sort_by_key(|m| (m.words.start, m.words.end));
    // Two spellings can normalise alike ("multi-factor" and "multi factor").
    found.dedup();
    found
}

/// Canonical terms of `terms` found in `text`, in order of first use.
fn used_in(terms: &[&Term], text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for m in matches(terms, &normalize(text)) {
        if !out.contains(&m.term) {
            out.push(m.term);
        }
    }
    out
}

/// Terms of `terms` relevant to a question (see [`Glossary::relevant`]).
fn relevant(terms: &[&Term], question_text: &str, bank_terms: &[String]) -> Vec<String> {
    // A bank term that is a glossary alias ("wireframes") stands for its canonical term.
    let bank_terms: Vec<String> = bank_terms
        .iter()
        .map(|b| {
            terms
                .iter()
                .find(|t| t.aliases.iter().any(|a| a.eq_ignore_ascii_case(b)))
                .map_or_else(|| b.clone(), |t| t.term.clone())
        })
        .collect();
    let bank_terms = &bank_terms[..];
    let mut out: Vec<String> = bank_terms.to_vec();
    let in_question = used_in(terms, question_text);
    let topics: Vec<&String> = terms
        .iter()
        .filter(|t| {
            in_question.contains(&t.term)
                || bank_terms.iter().any(|b| b.eq_ignore_ascii_case(&t.term))
        })
        .flat_map(|t| &t.topics)
        .collect();
    for t in in_question {
        if !out.iter().any(|o| o.eq_ignore_ascii_case(&t)) {
            out.push(t);
        }
    }
    for t in terms {
        if t.topics.iter().any(|x| topics.contains(&x))
            && !out.iter().any(|o| o.eq_ignore_ascii_case(&t.term))
        {
            out.push(t.term.clone());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g() -> Glossary {
        toml::from_str(
            r#"
field = "cybersecurity"
[[term]]
term = "multi-factor authentication"
aliases = ["mfa", "two-factor authentication", "2fa"]
asr = ["multi factor authentication"]
topics = ["identity"]
[[term]]
term = "siem"
asr = ["sim", "seam"]
topics = ["monitoring"]
[[term]]
term = "single sign-on"
aliases = ["sso"]
topics = ["identity"]
[[term]]
term = "phishing"
asr = ["fishing"]
topics = ["attacks"]
"#,
        )
        .unwrap()
    }

    #[test]
    fn aliases_and_asr_spellings_count_as_the_term() {
        let g = g();
        assert_eq!(
            g.used_in("We turned on MFA last year."),
            ["multi-factor authentication"]
        );
        assert_eq!(
            g.used_in("we used the sim to find fishing emails"),
            ["siem", "phishing"]
        );
        assert!(
            g.used_in("I like simple tools").is_empty(),
            "whole words only"
        );
    }

    #[test]
    fn every_occurrence_is_a_match_with_its_words() {
        let m = g().matches("MFA, then phishing, then multi factor authentication again");
        let got: Vec<(&str, std::ops::Range<usize>)> = m
            .iter()
            .map(|m| (m.term.as_str(), m.words.clone()))
            .collect();
        assert_eq!(
            got,
            [
                ("multi-factor authentication", 0..1),
                ("phishing", 2..3),
                ("multi-factor authentication", 4..7),
            ]
        );
    }

    #[test]
    fn to_consider_follows_the_question_and_skips_what_was_used() {
        let g = g();
        let j = g.job_terms(
            "I would enable MFA for every account.",
            "How do multi-factor authentication and single sign-on help?",
            &[],
            5,
        );
        assert_eq!(j.used, ["multi-factor authentication"]);
        assert_eq!(j.to_consider, ["single sign-on"]);
        let j = g.job_terms(
            "We used phishing drills.",
            "Tell me about training.",
            &["security awareness".to_string()],
            5,
        );
        assert_eq!(j.to_consider, ["security awareness"]);
    }
}
