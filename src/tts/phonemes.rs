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

/// The longest piece of text synthesized in one go, in characters (about 20 s of speech). Piper's
/// memory grows faster than the length of what it is given: one 120 KB sentence without
/// punctuation asked ONNX Runtime for 331 GB. Longer sentences are cut at a clause mark (`,` `;`
/// `:`) in the second half of the limit, else at the last space, else (one giant "word") at the
/// limit itself.
pub const MAX_PIECE_CHARS: usize = 300;

/// A first sentence this long is spoken in two pieces (see [`pieces`]).
const SPLIT_FIRST_WORDS: usize = 12;
/// Each piece of a split first sentence has at least this many words.
const SPLIT_PIECE_WORDS: usize = 4;

/// What to synthesize in one go, in order, and whether each piece goes on the sentence before
/// it (a clause) rather than starting a new one: the sentences, with a long first sentence cut
/// after its first clause that leaves both pieces 4 words or more, and every piece at most
/// [`MAX_PIECE_CHARS`] long. Synthesis takes time in
/// proportion to the text, and the listener waits for the whole first piece: a 20-word first
/// sentence waited about 250 ms on x86, more on a Pi, before any sound.
pub fn pieces(text: &str) -> Vec<(String, bool)> {
    let mut out = first_cut(text);
    if out
        .iter()
        .all(|(p, _)| p.chars().count() <= MAX_PIECE_CHARS)
    {
        return out;
    }
    out = out
        .into_iter()
        .flat_map(|(piece, clause)| {
            bounded(&piece, MAX_PIECE_CHARS)
                .into_iter()
                .enumerate()
                .map(move |(i, p)| (p, clause || i > 0))
        })
        .collect();
    out
}

/// Cuts `piece` into parts of at most `max` characters (see [`MAX_PIECE_CHARS`]).
fn bounded(piece: &str, max: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = piece.trim();
    while rest.chars().count() > max {
        let limit = rest.char_indices().nth(max).map_or(rest.len(), |(i, _)| i);
        let head = &rest[..limit];
        let cut = head
            .rmatch_indices([',', ';', ':'])
            .map(|(i, _)| i + 1)
            .find(|&i| i >= limit / 2 && rest[i..].starts_with(char::is_whitespace))
            .or_else(|| head.rfind(char::is_whitespace).filter(|&i| i > 0))
            .unwrap_or(limit);
        out.push(rest[..cut].trim_end().to_string());
        rest = rest[cut..].trim_start();
    }
    if !rest.is_empty() {
        out.push(rest.to_string());
    }
    out
}

/// The sentences, the first one cut after a clause when it is long.
fn first_cut(text: &str) -> Vec<(String, bool)> {
    let mut out: Vec<(String, bool)> = sentences(text).into_iter().map(|s| (s, false)).collect();
    let Some((first, _)) = out.first().cloned() else {
        return out;
    };
    let words: Vec<&str> = first.split_whitespace().collect();
    if words.len() < SPLIT_FIRST_WORDS {
        return out;
    }
    let cut = (SPLIT_PIECE_WORDS..=words.len() - SPLIT_PIECE_WORDS).find(|&k| {
        words[k - 1].ends_with([',', ';', ':']) && words[k - 1].chars().any(char::is_alphabetic)
    });
    if let Some(k) = cut {
        out.splice(
            0..1,
            [(words[..k].join(" "), false), (words[k..].join(" "), true)],
        );
    }
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
    fn a_long_first_sentence_is_spoken_in_two_pieces() {
        let long = "Thanks for that answer, you covered the situation and the action clearly. \
                    One thing to add is the result.";
        assert_eq!(
            pieces(long),
            [
                ("Thanks for that answer,".to_string(), false),
                (
                    "you covered the situation and the action clearly.".to_string(),
                    true
                ),
                ("One thing to add is the result.".to_string(), false),
            ]
        );
        // Short, no clause to cut at, or a clause too short on either side: one piece.
        for text in [
            "Welcome, let's begin.",
            "Tell me about a time you had to explain a technical problem to a manager quickly.",
            "Yes, so tell me about a time you had to explain a technical problem to a manager.",
            "Tell me about a time you had to explain a technical problem to a manager, please.",
        ] {
            assert_eq!(pieces(text).len(), 1, "{text}");
        }
        assert!(pieces("").is_empty());
    }

    #[test]
    fn a_very_long_sentence_is_cut_into_bounded_pieces() {
        // 120 KB, no punctuation at all.
        let words: Vec<String> = (0..25_000).map(|i| format!("w{}", i % 997)).collect();
        let text = words.join(" ");
        assert!(text.len() > 100_000);
        let p = pieces(&text);
        assert!(p.len() >= text.len() / MAX_PIECE_CHARS, "{}", p.len());
        for (i, (piece, _)) in p.iter().enumerate() {
            let n = piece.chars().count();
            let last = i + 1 == p.len();
            assert!(
                n <= MAX_PIECE_CHARS && (last || n > MAX_PIECE_CHARS - 10),
                "{n}: {piece}"
            );
        }
        // Cut at word boundaries: every word is there once, in order.
        let back: Vec<&str> = p.iter().flat_map(|(s, _)| s.split_whitespace()).collect();
        assert_eq!(back, words);
        // The first piece starts the sentence, the others go on with it.
        assert!(!p[0].1 && p[1..].iter().all(|(_, clause)| *clause));
    }

    #[test]
    fn long_sentences_are_cut_at_clause_marks_and_giant_words_at_the_limit() {
        let clause = "we moved the logs to a central server and wrote alerts for failed logins, ";
        let text = clause.repeat(10);
        for (piece, _) in pieces(&text) {
            assert!(piece.chars().count() <= MAX_PIECE_CHARS, "{piece}");
            assert!(piece.ends_with(','), "cut after a comma: {piece}");
        }
        let giant = "é".repeat(MAX_PIECE_CHARS * 2 + 5);
        let p = pieces(&giant);
        let lens: Vec<usize> = p.iter().map(|(s, _)| s.chars().count()).collect();
        assert_eq!(lens, [MAX_PIECE_CHARS, MAX_PIECE_CHARS, 5]);
        // Short text is untouched.
        assert_eq!(
            pieces("Tell me about yourself."),
            [("Tell me about yourself.".to_string(), false)]
        );
    }

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
