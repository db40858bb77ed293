//! Text to Piper's phonemes. espeak-rs 0.2.0 loses punctuation inside a sentence when it
//! phonemizes (commas, colons...), so Piper reads clauses together without a breath. We split
//! each sentence into clauses ourselves, phonemize each, and put the punctuation back: the result
//! matches what Python Piper feeds the same voice.

/// Splits text into sentences at `.`, `?`, `!` (followed by space or the end), keeping the mark.
pub fn sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        cur.push(c);
        let at_end = chars.get(i + 1).is_none_or(|n| n.is_whitespace());
        let sentence_end = matches!(c, '.' | '?' | '!') && at_end;
        let paragraph_end = c == '\n' && chars.get(i + 1) == Some(&'\n');
        if sentence_end || paragraph_end {
            push_trimmed(&mut out, &mut cur);
        }
    }
    push_trimmed(&mut out, &mut cur);
    out
}

fn push_trimmed(out: &mut Vec<String>, cur: &mut String) {
    let t = cur.trim();
    if t.chars().any(char::is_alphanumeric) {
        out.push(t.split_whitespace().collect::<Vec<_>>().join(" "));
    }
    cur.clear();
}

/// Splits a sentence into (clause text, punctuation that ends it).
pub fn clauses(sentence: &str) -> Vec<(String, Option<char>)> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let chars: Vec<char> = sentence.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let boundary = matches!(c, ',' | ';' | ':' | '.' | '?' | '!')
            && chars.get(i + 1).is_none_or(|n| n.is_whitespace());
        if boundary {
            if cur.chars().any(char::is_alphanumeric) {
                out.push((cur.trim().to_string(), Some(c)));
            }
            cur.clear();
        } else {
            cur.push(c);
        }
    }
    if cur.chars().any(char::is_alphanumeric) {
        out.push((cur.trim().to_string(), None));
    }
    out
}

/// Phonemes for one sentence, clause punctuation restored, using `phonemize` for each clause.
///
/// # Errors
/// Whatever `phonemize` returns.
pub fn sentence_phonemes<E>(
    sentence: &str,
    mut phonemize: impl FnMut(&str) -> Result<String, E>,
) -> Result<String, E> {
    let mut out = String::new();
    for (text, punct) in clauses(sentence) {
        let p = phonemize(&text)?;
        let p = p
            .trim()
            .trim_end_matches(['.', ',', ';', ':', '?', '!'])
            .trim();
        if p.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(p);
        out.push(punct.unwrap_or('.'));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_sentences_but_not_decimals_or_abbreviations_inside_words() {
        assert_eq!(
            sentences("Welcome. Question 2 of 5: what is 3.5 GB?  Take your time!"),
            [
                "Welcome.",
                "Question 2 of 5: what is 3.5 GB?",
                "Take your time!"
            ]
        );
        assert_eq!(sentences("no mark at the end"), ["no mark at the end"]);
        assert!(sentences(" ... ").is_empty());
    }

    #[test]
    fn keeps_clause_punctuation() {
        assert_eq!(
            clauses("First, the plan; then: act."),
            [
                ("First".to_string(), Some(',')),
                ("the plan".to_string(), Some(';')),
                ("then".to_string(), Some(':')),
                ("act".to_string(), Some('.')),
            ]
        );
        let p = sentence_phonemes("Hello, world.", |t| Ok::<_, ()>(format!("<{t}>."))).unwrap();
        assert_eq!(p, "<Hello>, <world>.");
    }
}
