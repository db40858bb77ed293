//! Which talking points an answer covers. [`covered_for`] asks the learned scorer
//! ([`super::scorer`]), which weighs the verdicts of the rules below with the answer's words;
//! the rules alone are [`covered_by_rules`]. The rules work on normalised words: whisper's
//! punctuation and capitals do not matter, "id"/"i'd" and "im"/"i'm" read alike, "Security+"
//! reads "security plus", and spoken fillers ("um", "basically", "probably", "you know") are
//! skipped before matching, so "I'd probably like to" is "I'd like to". The question's text, when
//! the caller has it ([`covered_for`]), says what a definition should be about and whether the
//! answer is meant to be a lesson.
//!
//! Two kinds of evidence per point, either enough:
//! - cue phrases (`CUES`), short and meant to be general: constructions ("I'd like to",
//!   "in * years", "taught me", "next time I") and lexicons (degrees and certifications, named
//!   technologies per field);
//! - sentence rules on tense, person, modality and position, which carry most of the
//!   generalisation:
//!   - situation, task, action and result need a narrative: a past tense outside modal clauses
//!     ("I'd repeat it so they know I heard them" is none), not after "what" ("you see what
//!     went wrong") or "feel/seem/look" ("feel heard"); or the historical present after a past
//!     anchor ("one time ...", "in my last company ...": "I stay two hours, I copy the photos").
//!     An answer that only says what one *would* do has none of them. A scene is set by
//!     past-tense context early or an opening event by someone else ("a stakeholder changed
//!     the scope");
//!   - action: a first-person simple past ("I isolated"), not a thought or feeling ("I
//!     learned", "I felt", "I found that out") and not in a hypothetical ("if I had ...", "I
//!     would ..."); in an anchored present-tense story, two first-person present verbs;
//!   - task: responsibility constructions ("it fell to me", "my role was", "I was asked to",
//!     "my manager asked me to", "they put me in charge of", "as the lead I", "I was running
//!     the night shift" while the story is set up, "I am responsible to fix" in a present-tense
//!     story, an obligation in the present while the story is set up: "so I have to save the
//!     photos", "I'm supposed to", not "I have to say");
//!   - result: outcome cues after the opening fifth of the answer and outside a modal clause
//!     (a "would" earlier in the sentence, unless a narrated "and we agreed" comes between;
//!     "we'd tucked it" is "had"), including negative outcomes ("we slipped", "didn't lose")
//!     and "N years later"; change verbs ("dropped", "reduced") only with a quantity nearby;
//!     or, after the speaker's first action, someone else's response ("she agreed", "the user
//!     didn't lose a file") or a state reached ("were live") in the last part of the story, a
//!     goal or figure reached late ("we passed the inspection", "adoption was at ninety-four
//!     percent"), a consequence in the action's sentence ("... and it knocked over an app"), a
//!     thing as the subject of a late event ("it held", "nothing broke"; not "how it landed"),
//!     recovery and present outcomes ("we got it back up", "and it works", "that saved us"),
//!     failures ("it failed", "we didn't make the date").
//!     "I picked" is an action, "after that I called" a sequence, "since then I've ..." a
//!     lesson, "nobody had ever" (past perfect) the scene;
//!   - lesson: a first-person "learn", a counterfactual with a person ("I should have", "if I
//!     did it again", "next time I", "differently"; not "it should have been done by Friday",
//!     "I'd have to call", "I'd never done"), a habit dating from the story ("now I ...", "I'm
//!     now", "I always" in the second half of a story and not itself narrated: not "now I work
//!     at" opening the answer, "I never got a reply") or advice after it, said as advice
//!     ("You have to ...", "Don't ...", "Always ..."; not any "you" sentence: "you see a lot of
//!     that"); "realized" only for what it taught ("I realized I need to"), not a discovery in
//!     the story ("I realized the backup was old"); "I'll never forget" is a memory; "lessons
//!     learned session" and "lesson plans" are nouns;
//!   - goals: aspiration constructions ("I'd like to", "hoping to", "what I want next", "see
//!     myself"); time horizons and career verbs ("eventually", "in five years", "move into")
//!     only in a sentence that is not a past narrative or that has a modal, and not followed by
//!     a past ("at some point a friend said"); wanting *this* job ("I want to join your team")
//!     and "I want to help/protect" are motivation; "I want to be upfront" is about the answer;
//!   - motivation: drawn-to verbs ("what drew me", "keeps me going"), an experiencer ("I got
//!     hooked", "I'm fascinated by", "I got frustrated that"), value to oneself ("it matters to
//!     me"), first-person liking; or a why-question ("Why UX?", "What made you ...") answered
//!     with a sentence that is not a self-description; a trait ("I'm motivated", "I'm
//!     passionate") is not a reason;
//!   - experience: work cues, a span of time served ("for six years", not "in five years"),
//!     first-person work verbs ("I managed", "I support"), colleagues ("my supervisor");
//!   - skills: ability constructions ("I'm pretty quick with", "I got fast at");
//!   - definition: in the first three sentences, a subject naming the question's own noun
//!     phrase followed by "is/are/means/has" or, for a "what is / what does / explain"
//!     question, a present-tense verb ("DNS turns ..."), "X's like ..." for "X is like ...", or
//!     early "it's a ..."/"it's when ..." with content, or
//!     a framing ("in plain words", "think of it as"); not an opinion ("is a huge problem"), a
//!     quantified subject ("each phase feeds ...") or the answer's plan ("the first thing is");
//!   - example: an "e.g." marker, a later sentence opening "Like, ...", "say" opening a clause
//!     ("so say you've got ..."), a concrete past episode told with a personal subject ("we
//!     added a banner and ..."; not "I put", as likely present), the speaker's own setting with
//!     specifics, a figure or a past event ("at my company we run two-week sprints", "at the
//!     help desk I was at, eighty percent ..."; not "at my last job it was slow"), or an
//!     instance introduced with a relative clause ("we had a morning where ...");
//!   - process: two or more sequence cues ("first", "then", "I'd") with an order among them (an
//!     order word, or step cues six words apart: "I'd use a VPN" is one step); not a cue narrated
//!     in the past next to it ("first I checked the switch, then we replaced a cable": a story
//!     told in order is not a procedure); time words are not order words ("back then", "at
//!     first", "next week", "once a week"); "last" only as an order word, ordinals after a
//!     determiner ("the first user") only before "step", "thing" ...;
//!   - tools: the lexicon and CamelCase product names, minus generic "tools"/"software" and
//!     minus the thing a definition question asks about.
//!
//! Measured on eight labelled sets (`cargo bench --bench talking_points`, `SHOW_MISSES=1` for
//! each miss of the scorer with the features that weighed most). The rules were written with
//! the first five in view; the last three measure them blind.

mod lexicon;

use super::scorer::Model;
use crate::bank::Kind;
use crate::transcript::normalize;
use lexicon::*;

/// An answer read for talking points: canonical words, their sentence, and the question.
struct Doc {
    words: Vec<String>,
    sentence: Vec<usize>,
    sentences: Vec<Vec<String>>,
    raw: String,
    /// Content words of the question (its subject, roughly).
    subject: Vec<String>,
    /// The question asks what something is ("What is ...", "Explain ...", "difference").
    asks_definition: bool,
    /// The question asks what the speaker learned.
    asks_lesson: bool,
    /// The question asks why the speaker chose the field or job.
    asks_why: bool,
}

fn canonical(text: &str) -> Vec<String> {
    let mut s = String::with_capacity(text.len() + 8);
    let mut prev = ' ';
    for c in text.chars() {
        let c = if c == '\u{2019}' || c == '\u{2018}' {
            '\''
        } else {
            c
        };
        // "Security+" is "Security plus".
        if c == '+' && prev.is_alphanumeric() {
            s.push_str(" plus");
        } else {
            s.push(c);
        }
        prev = c;
    }
    let mut out: Vec<String> = Vec::new();
    for w in normalize(&s) {
        let w = w.trim_matches('\'').to_string();
        if w.is_empty() || FILLERS.contains(&w.as_str()) {
            continue;
        }
        let w = match CONTRACTIONS.iter().find(|(a, _)| *a == w) {
            Some((_, b)) => b.to_string(),
            None if w == "id" && !out.last().is_some_and(|p| ID_NOUN.contains(&p.as_str())) => {
                "i'd".to_string()
            }
            None => w,
        };
        if let Some(p) = out.last() {
            if FILLER_PAIRS.iter().any(|(a, b)| p == a && w == *b) {
                out.pop();
                continue;
            }
        }
        out.push(w);
    }
    out
}

/// Sentences of the raw text: split at . ? ! ; followed by a space or the end.
fn split_sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let b = text.as_bytes();
    for (i, &c) in b.iter().enumerate() {
        if matches!(c, b'.' | b'?' | b'!' | b';')
            && b.get(i + 1).is_none_or(|n| n.is_ascii_whitespace())
        {
            out.push(&text[start..=i]);
            start = i + 1;
        }
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

impl Doc {
    fn new(text: &str, question: &str) -> Doc {
        let mut words = Vec::new();
        let mut sentence = Vec::new();
        let mut sentences = Vec::new();
        for s in split_sentences(text) {
            let w = canonical(s);
            if w.is_empty() {
                continue;
            }
            sentence.extend(std::iter::repeat_n(sentences.len(), w.len()));
            words.extend(w.iter().cloned());
            sentences.push(w);
        }
        let q = canonical(question);
        let mut subject: Vec<String> = q
            .iter()
            .filter(|w| w.len() > 1 && !QUESTION_STOP.contains(&w.as_str()))
            .cloned()
            .collect();
        for (a, b) in ALIASES {
            if subject.iter().any(|w| w == a) {
                subject.push(b.to_string());
            }
        }
        let has = |p: &[&str]| (0..q.len()).any(|i| matches_at(&q, i, p));
        let asks_definition = has(&["what", "is"])
            || has(&["what's"])
            || has(&["what", "does"])
            || has(&["what", "do"])
            || has(&["explain"])
            || has(&["difference"])
            || has(&["define"])
            || has(&["mean"]);
        let asks_why = q.first().is_some_and(|w| w == "why")
            || [
                "made",
                "drew",
                "draws",
                "got",
                "brought",
                "attracted",
                "motivates",
                "drives",
            ]
            .iter()
            .any(|v| has(&["what", v]))
            || has(&["how", "did", "you", "get", "into"]);
        let asks_lesson = q.iter().any(|w| w.starts_with("lesson"))
            || q.iter().any(|w| w == "what" || w == "what's")
                && q.iter().any(|w| w.starts_with("learn"));
        Doc {
            words,
            sentence,
            sentences,
            raw: text.to_string(),
            subject,
            asks_definition,
            asks_lesson,
            asks_why,
        }
    }

    fn in_subject(&self, w: &str) -> bool {
        let stem = |x: &str| x.strip_suffix('s').unwrap_or(x).to_string();
        self.subject.iter().any(|s| stem(s) == stem(w))
    }

    /// Start positions of the cues of `point`, skipping cues right after "if".
    fn hits(&self, point: &str) -> Vec<usize> {
        let Some((_, cues)) = CUES.iter().find(|(p, _)| *p == point) else {
            return Vec::new();
        };
        let cues: Vec<Vec<&str>> = cues
            .iter()
            .map(|c| c.split_whitespace().collect())
            .collect();
        let words = &self.words;
        (0..words.len())
            .filter(|&i| {
                !(i > 0 && words[i - 1] == "if") && cues.iter().any(|c| matches_at(words, i, c))
            })
            .collect()
    }

    fn sentence_has(&self, i: usize, pred: impl Fn(&str) -> bool) -> bool {
        self.sentences[self.sentence[i]].iter().any(|w| pred(w))
    }
}

fn matches_at(words: &[String], i: usize, cue: &[&str]) -> bool {
    if i + cue.len() > words.len() {
        return false;
    }
    cue.iter()
        .zip(&words[i..])
        .all(|(c, w)| match c.strip_suffix('*') {
            Some(prefix) => w.starts_with(prefix),
            None => w == c,
        })
}

fn is_past(w: &str) -> bool {
    IRREGULAR_PAST.contains(&w)
        || (w.ends_with("ed") && w.len() > 4 && !w.ends_with("eed") && !NOT_PAST.contains(&w))
}

fn is_quantity(w: &str) -> bool {
    w.chars().any(|c| c.is_ascii_digit()) || NUMBER_WORDS.contains(&w)
}

/// A word in a hypothetical or modal frame: after "if" (within four words), or right after a
/// modal or "to".
fn hypothetical(words: &[String], i: usize) -> bool {
    let modal = [
        "would", "i'd", "we'd", "could", "should", "might", "will", "i'll", "to", "can", "may",
    ];
    (i > 0 && modal.contains(&words[i - 1].as_str()))
        || words[i.saturating_sub(4)..i].iter().any(|w| w == "if")
}

/// A simple past at `i` (not a participle after have/be, not hypothetical).
fn past_at(words: &[String], i: usize) -> bool {
    let aux = [
        "have", "has", "i've", "we've", "you've", "they've", "been", "be", "is", "are", "am",
        "i'm", "it's", "being", "get", "gets", "haven't", "hasn't", "hadn't", "never",
        // "want to feel heard", "they seem annoyed": a participle as an adjective.
        "feel", "feels", "seem", "seems", "look", "looks",
    ];
    is_past(&words[i])
        && !(i > 0 && aux.contains(&words[i - 1].as_str()))
        && !hypothetical(words, i)
}

/// Irregular verbs whose past is their present: "I put", "I set", "I run".
const AMBIGUOUS_PAST: &[&str] = &[
    "put", "set", "cut", "hit", "let", "read", "shut", "quit", "spread", "cost", "hurt", "split",
];

/// Does the answer tell a past story at all? In the past tense (not "what went wrong" in
/// "you see what went wrong", not inside a modal frame: "I'd repeat it so they know I heard
/// them"), or in the present tense of a story anchored in the past ("One time, ... I stay two
/// hours with her, I copy the photos").
fn narrative(d: &Doc) -> bool {
    let w = &d.words;
    (0..w.len()).any(|i| past_at(w, i) && !(i > 0 && w[i - 1] == "what") && !modal_clause(d, i))
        || present_story_actions(d) >= 2
}

/// An anchor of a story in the past: "one time", "last year", "in my last job", "back when".
fn story_anchor(w: &[String]) -> bool {
    const ANCHORS: &[&[&str]] = &[
        &["one", "time"],
        &["once"],
        &["last", "year"],
        &["last", "month"],
        &["last", "week"],
        &["last", "summer"],
        &["last", "spring"],
        &["last", "winter"],
        &["last", "fall"],
        &["back", "when"],
        &["when", "i", "was"],
        &["in", "my", "last"],
        &["in", "my", "previous"],
        &["in", "my", "old"],
        &["at", "my", "last"],
        &["at", "my", "previous"],
        &["at", "my", "old"],
        &["in", "my", "first"],
        &["in", "my", "final"],
        &["*", "years", "ago"],
        &["*", "months", "ago"],
        &["a", "year", "ago"],
    ];
    (0..w.len()).any(|i| ANCHORS.iter().any(|a| matches_at(w, i, a)))
}

/// In an answer anchored in the past, first-person verbs in the present ("I change to
/// parameterized queries, I write the test"): the historical present of spoken stories.
fn present_story_actions(d: &Doc) -> usize {
    const NOT_VERB: &[&str] = &[
        "am",
        "think",
        "believe",
        "guess",
        "mean",
        "know",
        "feel",
        "like",
        "love",
        "want",
        "need",
        "have",
        "hope",
        "would",
        "will",
        "can",
        "could",
        "should",
        "might",
        "must",
        "do",
        "don't",
        "didn't",
        "really",
        "always",
        "never",
        "also",
        "usually",
        "often",
        "was",
        "were",
        "had",
        "did",
        "still",
        "try",
        "wish",
        "say",
        "said",
        "learn",
        "learned",
        "realize",
        "understand",
        "remember",
        "enjoy",
        "prefer",
        "tend",
        "may",
        "and",
        "too",
        "personally",
        "myself",
        "who",
        "the",
        "a",
        "to",
        "i",
        "it",
    ];
    let w = &d.words;
    if !story_anchor(w) {
        return 0;
    }
    (1..w.len())
        .filter(|&i| {
            (w[i - 1] == "i" || w[i - 1] == "we")
                && w[i].chars().all(|c| c.is_ascii_alphabetic())
                && !NOT_VERB.contains(&w[i].as_str())
                && !w[i].ends_with("ing")
                && !w[i].ends_with("ly")
                && !is_past(&w[i])
                && !hypothetical(w, i)
                && !w[i.saturating_sub(6)..i].iter().any(|x| {
                    [
                        "would", "i'd", "we'd", "will", "i'll", "if", "when", "whenever", "always",
                        "usually", "now",
                    ]
                    .contains(&x.as_str())
                })
        })
        .count()
}

/// First-person past actions ("I isolated", "I rolled back"), outside hypotheticals.
fn first_person_actions(d: &Doc) -> usize {
    let w = &d.words;
    (1..w.len())
        .filter(|&i| {
            w[i - 1] == "i"
                && past_at(w, i)
                && !NOT_ACTION.contains(&w[i].as_str())
                && !took_away(w, i)
                && !modal_clause(d, i)
                // "I found that out the hard way": learning, not doing.
                && !(w[i] == "found"
                    && (next_is(w, i, "out") || w.get(i + 2).is_some_and(|x| x == "out")))
                && !w[i.saturating_sub(5)..i]
                    .iter()
                    .any(|x| x == "would" || x == "i'd")
        })
        .count()
}

/// "I took from it", "I took away": a lesson, not an action.
fn took_away(w: &[String], i: usize) -> bool {
    w[i] == "took" && w.get(i + 1).is_some_and(|n| n == "from" || n == "away")
}

/// Does the story open with a scene: past-tense context early in an answer of some length?
fn scene_set(words: &[String]) -> bool {
    const SCENE: [&str; 14] = [
        "was", "were", "had", "when", "every", "during", "kept", "wanted", "said", "where", "at",
        "on", "in", "after",
    ];
    // Or an opening event by someone else: "a stakeholder changed the scope three weeks before".
    let event = (1..words.len().min(12)).any(|i| {
        past_at(words, i)
            && !["i", "we", "i'd", "we'd"].contains(&words[i - 1].as_str())
            && !["was", "were", "had", "did"].contains(&words[i].as_str())
    });
    words.len() >= 25 && (words.iter().take(12).any(|w| SCENE.contains(&w.as_str())) || event)
}

/// Ability adjectives: "I'm pretty quick with PowerShell", "I got fast at diagnosing".
const ABILITY: &[&str] = &[
    "good",
    "great",
    "quick",
    "fast",
    "solid",
    "strong",
    "decent",
    "comfortable",
    "confident",
    "proficient",
    "efficient",
    "handy",
    "capable",
    "patient",
    "skilled",
    "experienced",
    "fluent",
    "okay",
    "ok",
    "better",
    "best",
];

fn skills(d: &Doc) -> bool {
    let w = &d.words;
    let be = ["i'm", "am", "got", "getting", "become", "became", "i've"];
    let degree = [
        "pretty", "very", "quite", "fairly", "super", "so", "most", "more", "really",
    ];
    let ability = (1..w.len()).any(|i| {
        ABILITY.contains(&w[i].as_str())
            && w.get(i + 1)
                .is_some_and(|n| ["at", "with", "in"].contains(&n.as_str()))
            && (be.contains(&w[i - 1].as_str())
                || i >= 2 && degree.contains(&w[i - 1].as_str()) && be.contains(&w[i - 2].as_str()))
    });
    ability || !d.hits("skills").is_empty()
}

/// Work history, but not work wished for ("I'd love to get experience with networking").
fn experience(d: &Doc) -> bool {
    let w = &d.words;
    let wish = ["want", "to", "like", "love", "get", "gain", "more", "need"];
    // "I've been going through videos", "I've been studying": preparation, not work.
    let study = [
        "going",
        "studying",
        "learning",
        "taking",
        "reading",
        "practicing",
        "practising",
        "watching",
        "preparing",
        "trying",
        "thinking",
        "looking",
    ];
    let cue = d.hits("experience").into_iter().any(|i| {
        let wished = w[i.saturating_sub(2)..i]
            .iter()
            .any(|x| wish.contains(&x.as_str()));
        let studying = matches_at(w, i, &["i've", "been"])
            && w.get(i + 2).is_some_and(|x| study.contains(&x.as_str()));
        !(wished || studying)
    });
    // A span of time served: "for four years", "six years in retail" (not "in five years").
    let duration = (1..w.len()).any(|i| {
        ["years", "year", "months", "decade"].contains(&w[i].as_str())
            && is_quantity(&w[i - 1])
            && !w[i.saturating_sub(4)..i]
                .iter()
                .any(|x| ["in", "within", "next", "few", "by"].contains(&x.as_str()))
            && !matches_at(w, i + 1, &["from", "now"])
            // "Five years? I'd like to lead a team": the horizon of a goal.
            && !w[i + 1..(i + 6).min(w.len())]
                .iter()
                .any(|x| ["i'd", "would", "will", "want", "hope", "plan"].contains(&x.as_str()))
    });
    // First-person work: "I managed the front desk", "I supported 200 laptops".
    let work = (1..w.len()).any(|i| w[i - 1] == "i" && WORK.contains(&w[i].as_str()));
    // People one has at work: "showed my supervisor", "my manager at the time".
    let colleagues = (1..w.len()).any(|i| {
        (w[i - 1] == "my" || w[i - 1] == "our")
            && [
                "boss",
                "manager",
                "supervisor",
                "coworkers",
                "coworker",
                "colleagues",
                "colleague",
                "clients",
                "customers",
                "team",
                "employer",
                "shift",
            ]
            .contains(&w[i].as_str())
    });
    cue || duration || work || colleagues
}

/// Verbs of doing a job, in the first person: evidence of work history.
const WORK: &[&str] = &[
    "worked",
    "work",
    "managed",
    "manage",
    "ran",
    "run",
    "led",
    "lead",
    "supported",
    "support",
    "handled",
    "handle",
    "taught",
    "teach",
    "built",
    "designed",
    "coordinated",
    "interviewed",
    "served",
    "volunteered",
    "owned",
    "own",
    "launched",
    "sold",
    "sell",
    "implemented",
    "administered",
    "maintained",
    "configured",
    "deployed",
    "migrated",
    "mentored",
    "supervised",
    "oversaw",
    "shipped",
    "delivered",
    "organized",
    "organised",
    "redesigned",
    "rebuilt",
];

/// A sequence: two or more process cues. "Last" only as an order word, not "my last job".
fn process(d: &Doc) -> bool {
    let w = &d.words;
    let owner = ["my", "our", "his", "her", "their", "your", "at"];
    let period = [
        "job",
        "place",
        "project",
        "company",
        "role",
        "year",
        "month",
        "week",
        "day",
        "time",
        "night",
        "internship",
    ];
    // "the first user", "the first call": an ordinal adjective, not an order word ("the first
    // step" still is one).
    let ordinal_adjective = |i: usize| {
        ["first", "second", "third", "next", "last"].contains(&w[i].as_str())
            && i > 0
            && ["the", "my", "our", "their", "your", "his", "her", "its"]
                .contains(&w[i - 1].as_str())
            && i + 1 < w.len()
            && d.sentence[i + 1] == d.sentence[i]
            && ![
                "step", "steps", "thing", "things", "stage", "phase", "part", "one", "ones", "is",
                "i", "and", "or", "but", "then", "we", "you",
            ]
            .contains(&w[i + 1].as_str())
    };
    // Time, not order: "back then", "since then", "at first", "next week", "once a week".
    let not_order = |i: usize| {
        let prev = if i > 0 { w[i - 1].as_str() } else { "" };
        let next = w.get(i + 1).map(|x| x.as_str()).unwrap_or("");
        match w[i].as_str() {
            "then" => ["back", "since", "by", "until", "till", "even"].contains(&prev),
            "first" => prev == "at",
            "next" => period.contains(&next) || ["weekend", "morning", "quarter"].contains(&next),
            "once" => ["a", "every", "in", "or"].contains(&next) || prev == "at",
            _ => false,
        }
    };
    // A story told in order is not a procedure: a cue next to a verb narrated in the simple past
    // ("first I checked the logs, then we restarted it", "I called him after that") is a
    // step of a story, not of how to do it.
    let told = |i: usize| {
        let s = d.sentence[i];
        (i.saturating_sub(4)..(i + 5).min(w.len())).any(|j| {
            j > 0
                && d.sentence[j] == s
                && ["i", "we", "he", "she", "they"].contains(&w[j - 1].as_str())
                && past_at(w, j)
                && !AMBIGUOUS_PAST.contains(&w[j].as_str())
                && !modal_clause(d, j)
        })
    };
    let cues: Vec<usize> = d
        .hits("process")
        .into_iter()
        .filter(|&i| {
            (w[i] != "last"
                || !(i > 0 && owner.contains(&w[i - 1].as_str())
                    || w.get(i + 1).is_some_and(|n| period.contains(&n.as_str()))))
                && !ordinal_adjective(i)
                && !not_order(i)
                // "in order to": a purpose.
                && !(matches_at(w, i, &["in", "order", "to"]))
                && !told(i)
        })
        .collect();
    // Two cues, and a sequence among them: an order word ("first", "then", "once"), or steps
    // apart ("I'd check the logs and I'd restart it"); "I'd use a VPN" is one step.
    let order = cues
        .iter()
        .any(|&i| !PROCESS_STEP_ONLY.contains(&w[i].as_str()));
    let spread = cues
        .last()
        .zip(cues.first())
        .is_some_and(|(b, a)| b - a >= 6);
    cues.len() >= 2 && (order || spread)
}

/// Process cues that name a step but not an order: one of them with another in the same
/// sentence is one step ("I'd use a VPN").
const PROCESS_STEP_ONLY: &[&str] = &[
    "i", "i'd", "you", "use", "run", "pick", "decide", "log", "take", "to",
];

fn goals(d: &Doc) -> bool {
    let w = &d.words;
    let strong = d.hits("goals").into_iter().any(|i| {
        let after = &w[i..(i + 6).min(w.len())];
        let has = |x: &str| after.iter().any(|a| a == x);
        // "I want to help people" is why, not where; so is wanting this job ("I want to join
        // your team", "I'd like to work here"); "I'd like to think" is a hedge.
        let this_job = has("help")
            || has("protect")
            || has("serve")
            || has("here")
            || has("your")
            || has("yours")
            || has("you");
        let hedge = matches_at(w, i, &["i'd", "like", "to", "think"])
            || matches_at(w, i, &["i", "like", "to", "think"]);
        // "I want to be upfront", "I'd like to add": about the answer, not the career.
        let discourse = (i..(i + 4).min(w.len())).any(|j| {
            w[j] == "to"
                && w.get(j + 1).is_some_and(|n| {
                    [
                        "say",
                        "add",
                        "mention",
                        "stress",
                        "emphasize",
                        "emphasise",
                        "share",
                        "point",
                        "tell",
                        "start",
                    ]
                    .contains(&n.as_str())
                        || n == "be"
                            && w.get(j + 2).is_some_and(|m| {
                                ["honest", "upfront", "clear", "frank", "transparent"]
                                    .contains(&m.as_str())
                            })
                })
        });
        !(this_job || hedge || discourse)
    });
    let aspiration = |x: &str| {
        [
            "would", "i'd", "will", "i'll", "want", "hope", "hoping", "plan", "planning", "could",
            "going", "gonna", "aim", "see",
        ]
        .contains(&x)
    };
    let weak = d.hits("goals_weak").into_iter().any(|i| {
        let s = &d.sentences[d.sentence[i]];
        // "at some point a friend said": a time in the story.
        let narrated = (i + 1..(i + 6).min(w.len())).any(|j| past_at(w, j));
        !narrated && s.iter().any(|x| aspiration(x))
            || !(0..s.len()).any(|j| past_at(s, j)) && !s.iter().any(|x| x == "ago" || x == "after")
    });
    strong || weak
}

fn education(d: &Doc) -> bool {
    let w = &d.words;
    d.hits("education").into_iter().any(|i| {
        let prev = if i > 0 { w[i - 1].as_str() } else { "" };
        match w[i].as_str() {
            "course" | "courses" => prev != "of",
            "study" | "studies" => prev != "case",
            "class" => prev != "world" && prev != "first",
            _ => true,
        }
    })
}

fn result(d: &Doc) -> bool {
    let w = &d.words;
    let start = w.len() / 5;
    let modal = |i: usize| modal_clause(d, i);
    // "I picked", "I stopped": the speaker's action, not an outcome.
    let own_action = |i: usize| i > 0 && (w[i - 1] == "i" || w[i - 1] == "i've") && is_past(&w[i]);
    // "after that I called": a sequence; "so now I check": a lesson.
    let sequence = |i: usize| {
        ((w[i] == "after" || w[i] == "afterwards")
            && (i..(i + 4).min(w.len()))
                .any(|j| d.sentence[j] == d.sentence[i] && (w[j] == "i" || w[j] == "we")))
            || matches_at(w, i, &["so", "now", "i"])
            // "since then I've stopped assuming": the speaker's new habit, a lesson.
            || (matches_at(w, i, &["since", "then"]) || matches_at(w, i, &["from", "then", "on"]))
                && w[i + 2..(i + 5).min(w.len())]
                    .iter()
                    .any(|x| ["i", "i've", "i'm"].contains(&x.as_str()))
    };
    // "nobody had ever inventoried them": the past perfect sets the scene.
    let background = |i: usize| {
        (i + 1..(i + 3).min(w.len())).any(|j| {
            w[j] == "had"
                && w.get(j + 1).is_some_and(|n| {
                    ["ever", "never", "been", "already"].contains(&n.as_str()) || is_past(n)
                })
        })
    };
    let quantity_near =
        |from: usize, to: usize| w[from..to.min(w.len())].iter().any(|x| is_quantity(x));
    let outcome = d
        .hits("result")
        .into_iter()
        .any(|i| i >= start && !modal(i) && !own_action(i) && !sequence(i) && !background(i));
    // Change verbs need a quantity nearby ("dropped to zero"); bare "up"/"down" right after.
    let change = d.hits("result_change").into_iter().any(|i| {
        let bare = w[i] == "up" || w[i] == "down";
        let by_us = i > 0 && (w[i - 1] == "i" || w[i - 1] == "we");
        i >= start
            && (!bare || quantity_near(i + 1, i + 4))
            && !by_us
            && quantity_near(i.saturating_sub(6), i + 7)
            && !modal(i)
    });
    (outcome || change || response(d) || achieved(d)) && narrative(d)
}

/// A modal frame for the word at `i`: "would"/"i'd" earlier in its sentence, unless a narrated
/// clause ("and we agreed") comes between (transcripts without punctuation run on).
fn modal_clause(d: &Doc, i: usize) -> bool {
    let w = &d.words;
    let s = d.sentence[i];
    let from = (0..=i)
        .rev()
        .take_while(|&j| d.sentence[j] == s)
        .last()
        .unwrap_or(i);
    // "we'd tucked it": "had", not "would".
    let Some(m) = (from..i).rev().find(|&j| {
        w[j] == "would"
            || ["i'd", "we'd", "you'd", "they'd"].contains(&w[j].as_str())
                && !w.get(j + 1).is_some_and(|n| is_past(n))
    }) else {
        // A modal right after still frames it ("happy, I would hope").
        return (i + 1..(i + 4).min(w.len()))
            .any(|j| d.sentence[j] == s && (w[j] == "would" || w[j] == "i'd"));
    };
    !(m + 2..i).any(|j| (w[j - 1] == "we" || w[j - 1] == "i") && past_at(w, j))
}

/// Late in the story, after the speaker's first action: a goal reached ("we passed the
/// inspection", "we made the deadline"), a figure reached ("adoption was at ninety-four
/// percent"), outside a modal frame.
fn achieved(d: &Doc) -> bool {
    const REACHED: &[&str] = &[
        "passed", "won", "beat", "exceeded", "reached", "cleared", "met", "hit", "made",
    ];
    const LEVEL: &[&str] = &[
        "at", "up", "down", "to", "over", "under", "above", "below", "around", "about", "back",
        "only", "just",
    ];
    let w = &d.words;
    let Some(first) = (1..w.len()).find(|&i| w[i - 1] == "i" && past_at(w, i)) else {
        return false;
    };
    (first + 1..w.len().saturating_sub(1)).any(|i| {
        let late = i * 5 >= w.len() * 3;
        let next = w[i + 1].as_str();
        let goal = (w[i - 1] == "we" || w[i - 1] == "i")
            && REACHED.contains(&w[i].as_str())
            && match w[i].as_str() {
                "made" => {
                    next == "it" || next == "the" && w.get(i + 2).is_some_and(|x| x == "deadline")
                }
                "hit" | "met" => {
                    next == "our"
                        || next == "every"
                        || next == "the"
                            && w.get(i + 2).is_some_and(|x| {
                                ["target", "goal", "deadline", "date", "number", "sla"]
                                    .contains(&x.as_str())
                            })
                        || is_quantity(next)
                }
                _ => ["the", "our", "every", "all", "it"].contains(&next) || is_quantity(next),
            };
        let level = (w[i] == "was" || w[i] == "were")
            && (figure(next) || LEVEL.contains(&next) && w.get(i + 2).is_some_and(|x| figure(x)));
        late && (goal || level) && !modal_clause(d, i)
    })
}

/// What happened after the speaker acted, said as a story does: in the last part of the answer
/// and after the speaker's first action, someone else's response ("she agreed", "they swapped
/// the port") or a state reached ("the rules were live", "the fields were released").
fn response(d: &Doc) -> bool {
    let w = &d.words;
    let Some(first) = (1..w.len()).find(|&i| w[i - 1] == "i" && past_at(w, i)) else {
        return false;
    };
    let others = [
        "he",
        "she",
        "they",
        "everyone",
        "everybody",
        "customers",
        "users",
        "client",
        "customer",
        "manager",
        "team",
        "sponsor",
        "board",
        "director",
        "user",
        "stakeholders",
        "leadership",
    ];
    let reached = [
        "live", "full", "back", "fine", "done", "ready", "happy", "resolved", "fixed", "stable",
    ];
    (first + 1..w.len()).any(|i| {
        let late = i * 5 >= w.len() * 3;
        // "she agreed", "the user didn't lose a file".
        let said_by_other = (others.contains(&w[i - 1].as_str())
            // "it held"; not "when it crashed" or "not sure how it landed".
            || THINGS.contains(&w[i - 1].as_str())
                && !d.sentence_has(i, |x| x == "when")
                && !(i >= 2
                    && ["how", "what", "whether", "if", "why", "where", "sure"]
                        .contains(&w[i - 2].as_str())))
            && (past_at(w, i) && !["was", "were", "had", "did"].contains(&w[i].as_str())
                || ["didn't", "never", "wasn't", "weren't", "couldn't"].contains(&w[i].as_str()));
        let state = (w[i - 1] == "was" || w[i - 1] == "were")
            && (reached.contains(&w[i].as_str()) || is_past(&w[i]) && w[i].ends_with("ed"));
        // "I kicked off a scan ... and it knocked over an old app": the consequence of the
        // speaker's action, in the same sentence.
        let consequence = i >= 2
            && w[i - 2] == "and"
            && (w[i - 1] == "it" || w[i - 1] == "that")
            && past_at(w, i)
            && !["was", "had", "did"].contains(&w[i].as_str())
            && d.sentence[first] == d.sentence[i];
        (late && (said_by_other || state) || consequence)
            && !d.sentence_has(i, |x| x == "would" || x == "i'd")
    })
}

/// Non-human subjects of an outcome late in a story: "it held", "the ticket closed itself",
/// "everything synced", "nothing broke" ("that" is left out: "the server that crashed").
const THINGS: &[&str] = &[
    "it",
    "everything",
    "things",
    "nothing",
    "ticket",
    "system",
    "server",
    "site",
    "app",
    "fix",
    "change",
    "patch",
    "release",
    "project",
    "deal",
    "plan",
];

/// The speaker's responsibility, said as a construction: "it fell to me", "my role was",
/// "I was asked to", "my manager asked me to", "as the lead I ...".
fn task(d: &Doc) -> bool {
    const RESPONSIBILITY: &[&str] = &[
        "job",
        "role",
        "task",
        "responsibility",
        "goal",
        "ticket",
        "part",
        "call",
        "area",
        "assignment",
        "mission",
        "brief",
        "remit",
        "duty",
        "focus",
    ];
    const DELEGATE: &[&str] = &[
        "asked", "told", "needed", "wanted", "trusted", "assigned", "tasked", "put", "gave",
        "brought", "hired", "sent", "picked", "chose", "left", "expected", "asks", "tells",
        "needs", "wants", "puts", "gives", "sends", "got", "gets",
    ];
    let w = &d.words;
    (1..w.len()).any(|i| {
        let next = |k: usize| w.get(i + k).map(|x| x.as_str()).unwrap_or("");
        let fell_to_me = (w[i] == "on" || w[i] == "to")
            && next(1) == "me"
            && [
                "fell", "landed", "came", "was", "down", "left", "falls", "lands",
            ]
            .contains(&w[i - 1].as_str());
        let mine = w[i - 1] == "my" && RESPONSIBILITY.contains(&w[i].as_str());
        let directed = w[i] == "me"
            && DELEGATE.contains(&w[i - 1].as_str())
            && w[i + 1..(i + 5).min(w.len())]
                .iter()
                .any(|x| ["to", "with", "charge", "responsible", "for"].contains(&x.as_str()));
        let assigned = i >= 2
            && w[i - 2] == "i"
            && w[i - 1] == "was"
            && w[i].ends_with("ed")
            && ["to", "with", "for"].contains(&next(1));
        let as_role = w[i - 1] == "as"
            && w[i] == "the"
            && !["result", "end", "time", "same"].contains(&next(1))
            && w[i + 1..(i + 6).min(w.len())].iter().any(|x| x == "i");
        // "I was running store ops that weekend", "I was building a dashboard for sales".
        // Said while setting the story up, not in its closing lesson.
        let ongoing = i >= 2
            && i * 2 < w.len()
            && w[i - 2] == "i"
            && w[i - 1] == "was"
            && w[i].ends_with("ing")
            && w[i].len() > 5
            && ![
                "going",
                "thinking",
                "trying",
                "getting",
                "feeling",
                "wondering",
                "hoping",
                "expecting",
                "starting",
                "panicking",
            ]
            .contains(&w[i].as_str());
        // "so I have to get the payroll out by noon", "I need to move forty laptops": an
        // obligation in the present of a story, while it is set up (not the closing lesson "I
        // need to ask earlier") and not a hedge ("I have to say").
        let obliged = ["i", "we"].contains(&w[i - 1].as_str())
            && (["have", "need"].contains(&w[i].as_str()) && next(1) == "to" || w[i] == "gotta")
            && i * 5 < w.len() * 3
            && ![
                "say", "admit", "be", "tell", "mention", "confess", "think", "wonder", "laugh",
                "learn", "ask", "remember", "keep",
            ]
            .contains(&next(if w[i] == "gotta" { 1 } else { 2 }));
        fell_to_me || mine || directed || assigned || as_role || ongoing || obliged
    })
}

/// A simple past from `i` to the end of its sentence: "now I was stuck" is narrated; "that
/// humbled me, now I test the ugly version first" is a habit after a narrated clause.
fn narrated_from(d: &Doc, i: usize) -> bool {
    let w = &d.words;
    (i..w.len())
        .take_while(|&j| d.sentence[j] == d.sentence[i])
        .any(|j| past_at(w, j))
}

/// Personal subjects: a counterfactual ("we should have") is about someone's choice.
const PERSON: &[&str] = &["i", "we", "you", "they", "he", "she", "i'd", "we'd"];

/// "learned a lot about attacks", "I learn fast", "learned how to use Jira": knowledge or a
/// skill picked up, not a lesson; `i` is the "learn" word.
fn knowledge(w: &[String], i: usize) -> bool {
    let at = |k: usize| w.get(i + k).map(|s| s.as_str()).unwrap_or("");
    at(1) == "about"
        || (at(1) == "a" && at(2) == "lot" && at(3) == "about" && at(4) != "myself")
        || (at(1) == "how" && at(2) == "to" && at(3) == "use")
        || (1..=3).any(|k| ["fast", "quickly", "quick"].contains(&at(k)))
}

/// Someone else's learning ("she said she'd learned ..."): not the speaker's lesson.
const OTHERS: &[&str] = &[
    "he", "she", "they", "he'd", "she'd", "they'd", "he's", "she's", "they've", "it",
];

fn lesson(d: &Doc) -> bool {
    let w = &d.words;
    let nouns = [
        "session",
        "sessions",
        "meeting",
        "retro",
        "retrospective",
        "review",
        "doc",
        "document",
        "log",
        "plan",
        "plans",
    ];
    let story = narrative(d);
    let habit = |i: usize| i * 2 >= w.len() && story && !narrated_from(d, i);
    let discovery = |i: usize| {
        let s = d.sentence[i];
        (i + 1..(i + 9).min(w.len())).any(|j| {
            d.sentence[j] == s
                && (["was", "were", "had", "wasn't", "weren't", "hadn't"].contains(&w[j].as_str())
                    || past_at(w, j))
        })
    };
    let found = d.hits("lesson").into_iter().any(|i| {
        let next = |k: usize| w.get(i + k).map(|s| s.as_str()).unwrap_or("");
        match w[i].as_str() {
            // "lesson plans", "a lessons learned session": nouns, not lessons.
            "lesson" | "lessons" => {
                !(nouns.contains(&next(1)) || next(1) == "learned" && nouns.contains(&next(2)))
            }
            "learned" | "learnt" => {
                !(i > 0 && w[i - 1] == "lessons" && nouns.contains(&next(1))
                    || i > 0 && OTHERS.contains(&w[i - 1].as_str())
                    || knowledge(w, i))
            }
            "i" if next(1) == "learn" => !knowledge(w, i + 1),
            // "I've found that a good analogy does more" is what the story taught; "I found that
            // the backup was old" a discovery in it.
            "found" => {
                i > 0 && ["i", "i've", "we've"].contains(&w[i - 1].as_str()) && !discovery(i)
            }
            // "My rule now is ...", "the thing I'd change is ...", "I understand that small
            // changes ...": said after the story, about it.
            "my" | "i'd" | "i"
                if next(1) == "rule"
                    || next(1) == "change"
                    || next(1) == "would" && next(2) == "change"
                    || next(1) == "understand" =>
            {
                habit(i)
            }
            // "I always ..." after a story is a habit it left; before one, a boast; "I never got
            // a reply" is the story itself.
            "i" if next(1) == "always" || next(1) == "never" => {
                i * 10 >= w.len() * 3
                    && narrative(d)
                    && !(i + 2 < w.len() && (is_past(&w[i + 2]) || past_at(w, i + 2)))
            }
            // "now I ...", "I'm now ...", "these days I ...": a habit dating from a story, so late
            // in one and not itself narrated ("now I was stuck"); "now I work at" opening an
            // answer is the speaker's situation.
            _ if [
                &["now", "i"][..],
                &["i", "now"],
                &["i'm", "now"],
                &["these", "days"],
                &["i've", "started"],
            ]
            .iter()
            .any(|c| matches_at(w, i, c)) =>
            {
                habit(i)
            }
            // "I realized the backup hadn't run" is a discovery in the story; "I realized I
            // need to ask" is what it taught.
            "realized" | "realised" | "figured" => !discovery(i),
            // "I'd never done a migration" is the scene (had); "I'd have to call them" an
            // obligation; "I'll never forget that night" a memory, not a resolution.
            "i'd" | "i'll" | "i"
                if next(1) == "never"
                    || next(1) == "will"
                    || next(1) == "have"
                    || next(1) == "would" =>
            {
                let after = (i + 1..(i + 4).min(w.len()))
                    .find(|&j| !["never", "will", "would", "have"].contains(&w[j].as_str()));
                !after.is_some_and(|j| {
                    w[j] == "to"
                        || w[i] == "i'd"
                            && next(1) == "never"
                            && (is_past(&w[j])
                                || ["done", "been", "seen", "gone", "taken", "given", "run"]
                                    .contains(&w[j].as_str()))
                        || w[j] == "forget" && !next_is(w, j, "to")
                })
            }
            "i" if next(1) == "understood" => !discovery(i + 1),
            // "it should have been done by Friday" is the plan; "I should have" a counterfactual.
            "should" | "should've" => i > 0 && PERSON.contains(&w[i - 1].as_str()),
            _ => true,
        }
    });
    // Asked what they learned, an answer that tells no story is the lesson itself ("Write
    // everything in the ticket."); a story still has to say it.
    found || lesson_structure(d) || (d.asks_lesson && w.len() >= 6 && !narrative(d))
}

/// Lessons said as constructions: a first-person "learn", a counterfactual ("we should have",
/// "if I did it again"), a habit that dates from the story ("now I ...", "nowadays"), or advice
/// in the present after a past story ("You don't guess.").
fn next_is(w: &[String], i: usize, x: &str) -> bool {
    w.get(i + 1).is_some_and(|n| n == x)
}

/// What follows "you" in advice: "you have to", "you don't guess", "you always check".
const ADVICE: &[&str] = &[
    "have",
    "need",
    "should",
    "must",
    "can't",
    "cannot",
    "don't",
    "always",
    "never",
    "gotta",
    "got",
    "want",
    "shouldn't",
    "better",
    "really",
    "just",
    "can",
    "do",
];

fn lesson_structure(d: &Doc) -> bool {
    let w = &d.words;
    let story = narrative(d);
    let late = |i: usize| i * 2 >= w.len();
    let at = (1..w.len()).any(|i| {
        let learn = w[i].starts_with("learn")
            && ["i", "i've", "we", "we've", "what", "you", "thing"].contains(&w[i - 1].as_str())
            && !knowledge(w, i);
        // "I'd have to call them" is an obligation, not a counterfactual.
        let should = (w[i] == "have" || w[i] == "'ve")
            && !next_is(w, i, "to")
            && (["i'd", "we'd"].contains(&w[i - 1].as_str())
                || w[i - 1] == "should" && i >= 2 && PERSON.contains(&w[i - 2].as_str()))
            || w[i] == "should've" && PERSON.contains(&w[i - 1].as_str());
        let again = w[i] == "if"
            && w[i + 1..(i + 7).min(w.len())]
                .iter()
                .any(|x| x == "again" || x == "over");
        let now = (w[i] == "now" || w[i] == "nowadays")
            && w[i + 1..(i + 4).min(w.len())].iter().any(|x| x == "i")
            && late(i)
            && story
            && !narrated_from(d, i);
        let next_time = w[i] == "time"
            && w[i - 1] == "next"
            && w[i + 1..(i + 3).min(w.len())]
                .iter()
                .any(|x| ["i", "i'd", "we", "we'd", "i'll"].contains(&x.as_str()));
        let differently = w[i] == "differently";
        // "It taught me", "what stuck with me", "what I took from it", "what I've figured out".
        let taught_me = w[i] == "me"
            && ["taught", "showed", "reminded", "teaches", "shows"].contains(&w[i - 1].as_str());
        let stuck = w[i] == "with"
            && next_is(w, i, "me")
            && ["stuck", "stayed", "stays", "sticks"].contains(&w[i - 1].as_str());
        let what_i = w[i - 1] == "what"
            && (w[i] == "i" || w[i] == "i've")
            && w.get(i + 1).is_some_and(|v| {
                [
                    "learned",
                    "learnt",
                    "took",
                    "figured",
                    "realized",
                    "realised",
                    "understood",
                    "got",
                ]
                .contains(&v.as_str())
            });
        let takeaway = w[i].starts_with("takeaway") || (w[i] == "away" && w[i - 1] == "take");
        // "The thing I keep from that one", "what I've taken from it".
        let kept = ["keep", "kept", "took", "taken", "carry"].contains(&w[i].as_str())
            && (w[i - 1] == "i" || w[i - 1] == "i've")
            && i >= 2
            && ["thing", "what", "one"].contains(&w[i - 2].as_str());
        // "I try to hold my assumptions more loosely now": a habit said after the story, with
        // "now" closing it and the speaker its subject ("we get along great now" is a result).
        let now_after = w[i] == "now"
            && late(i)
            && story
            && !narrated_from(d, i)
            && (i.saturating_sub(8)..i)
                .rev()
                .filter(|&j| d.sentence[j] == d.sentence[i])
                .find(|&j| ["i", "we", "he", "she", "they", "it"].contains(&w[j].as_str()))
                .is_some_and(|j| w[j] == "i");
        learn
            || should
            || again
            || now
            || next_time
            || differently
            || taught_me
            || stuck
            || what_i
            || takeaway
            || kept
            || now_after
    });
    let advice = story
        && d.sentences.iter().enumerate().skip(1).any(|(k, s)| {
            let start = d.sentence.iter().position(|&x| x == k).unwrap_or(0);
            late(start)
                && !(0..s.len()).any(|j| past_at(s, j))
                && (["always", "never", "don't", "do", "make", "check", "ask"]
                    .contains(&s[0].as_str())
                    || s.windows(2)
                        .any(|p| p[0] == "you" && ADVICE.contains(&p[1].as_str())))
        });
    at || advice
}

fn motivation(d: &Doc) -> bool {
    let w = &d.words;
    // "I like to think ...", "I like to make decisions on data": a habit, not a reason.
    let cue = d
        .hits("motivation")
        .into_iter()
        .any(|i| !(matches_at(w, i, &["i", "like", "to"]) || matches_at(w, i, &["like", "to"])));
    cue || motivation_structure(d) || reason_asked(d)
}

/// The question asks why ("Why UX?", "What made you want to ...", "What drew you to ...") and
/// the answer gives one: at least a dozen words, with a sentence of five or more that is not a
/// self-description ("I'm a very motivated person", "I'm good with Excel").
fn reason_asked(d: &Doc) -> bool {
    d.asks_why
        && d.words.len() >= 12
        && d.sentences.iter().any(|s| {
            let start = s
                .iter()
                .position(|x| {
                    !["so", "well", "honestly", "okay", "yeah", "and"].contains(&x.as_str())
                })
                .unwrap_or(0);
            s.len() >= start + 5 && !(s[start] == "i'm" || matches_at(s, start, &["i", "am"]))
        })
}

/// Stems of being drawn to something: "drives me", "pulled me toward", "I got hooked".
const PSYCH: &[&str] = &[
    "driv", "drove", "draw", "drew", "pull", "keep", "kept", "excit", "motivat", "inspir",
    "fascinat", "interest", "attract", "hook", "energi", "appeal", "thrill", "satisf", "fulfil",
    "captivat", "intrigu", "passion",
];

/// Discontent that drives a change, said of oneself: "I got frustrated that I never saw ...",
/// "I used to get angry at badly designed forms".
const DISCONTENT: &[&str] = &["frustrat", "annoy", "angry", "fed"];

/// Words of value that, said about oneself, give a reason: "it matters to me", "addictive for me".
const VALUE: &[&str] = &[
    "matters",
    "matter",
    "important",
    "meaningful",
    "rewarding",
    "satisfying",
    "fulfilling",
    "exciting",
    "addictive",
    "fun",
    "purpose",
    "fascinating",
    "inspiring",
    "thrilling",
];

fn motivation_structure(d: &Doc) -> bool {
    let w = &d.words;
    let psych = |x: &str| PSYCH.iter().any(|p| x.starts_with(p));
    (0..w.len()).any(|i| {
        let next = |k: usize| w.get(i + k).map(|x| x.as_str()).unwrap_or("");
        // A trait ("I'm motivated", "I'm driven", "I'm passionate") is not a reason.
        let trait_word = (w[i].starts_with("motivat") || w[i] == "driven") && next(1) != "by"
            || w[i].starts_with("passion") && next(1) != "about" && next(1) != "for";
        let verb_me = psych(&w[i]) && (next(1) == "me" || next(2) == "me");
        let experiencer = (psych(&w[i]) || DISCONTENT.iter().any(|p| w[i].starts_with(p)))
            && i > 0
            && [
                "i'm", "am", "got", "been", "was", "get", "getting", "became", "feel", "felt",
            ]
            .contains(&w[i - 1].as_str());
        let value = VALUE.contains(&w[i].as_str())
            && w[i.saturating_sub(3)..(i + 4).min(w.len())]
                .iter()
                .any(|x| x == "me");
        // "What I love is ...", "I enjoy the puzzle", "my favourite part".
        let liking = i > 0
            && ["i", "i've", "always"].contains(&w[i - 1].as_str())
            && [
                "love", "loved", "enjoy", "enjoyed", "like", "liked", "adore",
            ]
            .contains(&w[i].as_str())
            && next(1) != "to";
        let favourite = w[i] == "favorite" || w[i] == "favourite";
        let gets_me = w[i] == "gets" && next(1) == "me";
        !trait_word && (verb_me || experiencer || value || liking || favourite || gets_me)
    })
}

/// The answer says what the question's subject is: "<subject> is/are/means ...", "<subject>
/// turns ...", or early "it's a ...".
fn definition(d: &Doc) -> bool {
    const FRAMING: &[&[&str]] = &[
        &["in", "plain", "words"],
        &["in", "simple", "terms"],
        &["in", "plain", "english"],
        &["in", "other", "words"],
        &["simply", "put"],
        &["put", "simply"],
        &["the", "idea", "is"],
        &["think", "of", "it", "as"],
        &["think", "of", "it", "like"],
    ];
    // Openers skipped before the subject: "so", "I think", "I'd say".
    const OPENER: &[&str] = &[
        "so", "well", "okay", "ok", "yeah", "yes", "sure", "oh", "right", "and",
    ];
    const HEDGE: &[&str] = &["think", "guess", "believe", "say"];
    const DEF_VERB: &[&str] = &[
        "is",
        "are",
        "means",
        "mean",
        "refers",
        "stands",
        "describes",
        "measures",
        "represents",
        "lets",
        "allows",
        "has",
    ];
    const PRONOUN: &[&str] = &[
        "i", "we", "you", "my", "our", "your", "their", "they", "he", "she", "who", "there",
        "them", "if", "when", "i'm", "i'd",
    ];
    // "The first thing is to ...", "the key is ...": the answer's plan, not a definition.
    const ABSTRACT: &[&str] = &[
        "thing", "things", "step", "steps", "key", "way", "goal", "approach", "answer", "point",
        "trick", "problem", "issue", "question", "first", "main", "biggest", "best",
    ];
    // "Each phase feeds the next": a property of every member, not what the thing is.
    const QUANTIFIER: &[&str] = &["each", "every", "some", "most", "any", "all", "many"];
    let determiner = |x: &str| ["a", "an", "the", "this", "that", "these", "those"].contains(&x);
    // A definition opens the answer: its first three sentences.
    for (k, s) in d.sentences.iter().enumerate().take(3) {
        // "A persona's like a made-up person": the subject's "'s" is "is".
        let s: Vec<String> = s
            .iter()
            .enumerate()
            .flat_map(|(v, x)| match x.strip_suffix("'s") {
                Some(stem)
                    if d.in_subject(stem)
                        && s.get(v + 1).is_some_and(|n| {
                            ["a", "an", "the", "like", "when", "what", "how", "where"]
                                .contains(&n.as_str())
                        }) =>
                {
                    vec![stem.to_string(), "is".to_string()]
                }
                _ => vec![x.clone()],
            })
            .collect();
        let mut j = 0;
        loop {
            if s.get(j).is_some_and(|x| OPENER.contains(&x.as_str())) {
                j += 1;
            } else if s.get(j).is_some_and(|x| x == "i" || x == "i'd")
                && s.get(j + 1).is_some_and(|n| HEDGE.contains(&n.as_str()))
            {
                j += 2;
            } else {
                break;
            }
        }
        let s = &s[j..];
        let next = |v: usize| s.get(v + 1).map(|x| x.as_str()).unwrap_or("");
        // "it's when an attacker ...", "its a ...".
        let its = |v: usize| {
            s[v] == "it's" || s[v] == "its" && ["a", "an", "the", "like", "when"].contains(&next(v))
        };
        if k <= 1 && d.asks_definition {
            let framed = FRAMING
                .iter()
                .any(|f| (0..s.len().min(4)).any(|i| matches_at(s, i, f)));
            // "It's a hierarchy that breaks ...", but not "It's a Microsoft thing."
            let it = (0..s.len().min(4))
                .any(|v| (its(v) || matches_at(s, v, &["it", "is"])) && s.len() >= v + 6);
            if framed || it {
                return true;
            }
        }
        for v in 1..s.len().min(8) {
            let verb = s[v].as_str();
            let np = &s[..v];
            // "wire frames" for "wireframes".
            let names_subject = np.iter().any(|x| d.in_subject(x))
                || np
                    .windows(2)
                    .any(|p| d.in_subject(&format!("{}{}", p[0], p[1])));
            // "DNS turns names into addresses", "a SIEM collects logs".
            let present_s = d.asks_definition
                && verb.len() > 3
                && verb.ends_with('s')
                && !verb.ends_with("ss")
                && !d.in_subject(verb)
                && names_subject
                && !determiner(&s[v - 1]);
            // "a SIEM, it's a system that ..."
            let resumptive = its(v) && names_subject;
            if !(DEF_VERB.contains(&verb) || present_s || resumptive) {
                continue;
            }
            if np.iter().any(|x| PRONOUN.contains(&x.as_str()))
                || QUANTIFIER.contains(&np[0].as_str())
            {
                break;
            }
            let about_subject = names_subject
                || (d.subject.is_empty() || !d.asks_definition)
                    && k == 0
                    && v <= 4
                    && !np.iter().any(|x| ABSTRACT.contains(&x.as_str()));
            let opinion = EVALUATIVE.contains(&next(v))
                || (next(v) == "a" || next(v) == "an") && EVALUATIVE.contains(&next(v + 1));
            if about_subject && !opinion {
                return true;
            }
            break;
        }
    }
    false
}

/// An example: an "e.g." marker, an illustration opened by "Like, ...", or a concrete past
/// episode told in the first person ("we added a banner and conversion went from ...").
fn example(d: &Doc) -> bool {
    if !d.hits("example").is_empty() {
        return true;
    }
    let w = &d.words;
    let episode = (1..w.len()).any(|i| {
        let subj = ["i", "we", "he", "she", "they"].contains(&w[i - 1].as_str());
        let verb = match w[i].as_str() {
            "had" => {
                w[i - 1] == "i"
                    && w.get(i + 1).is_some_and(|n| {
                        ["a", "an", "this", "exactly", "one"].contains(&n.as_str())
                    })
            }
            "used" => w.get(i + 1).is_some_and(|n| n != "to"),
            "was" | "were" => false,
            // "then I put him in the right groups": as likely present as past.
            x if AMBIGUOUS_PAST.contains(&x) => false,
            _ => past_at(w, i),
        };
        // "I'd ask what they clicked" is not an episode.
        let modal = w[i.saturating_sub(6)..i].iter().any(|x| {
            [
                "would", "i'd", "you'd", "will", "can", "should", "could", "if", "whatever",
            ]
            .contains(&x.as_str())
        });
        subj && verb && !modal
    });
    let like_opening = d
        .sentences
        .iter()
        .skip(1)
        .any(|s| s.len() > 3 && s[0] == "like");
    episode || like_opening || say_instance(w) || own_setting(d) || introduced_instance(d)
}

/// "So say you've got customers and orders", "say a user clicks ...": "say" opening a clause
/// (not "I'd say") and followed by a subject.
fn say_instance(w: &[String]) -> bool {
    const OPEN: &[&str] = &["so", "let's", "lets", "like", "and", "now", "but", "just"];
    const SUBJ: &[&str] = &[
        "you", "you've", "you're", "we", "we've", "we're", "there's", "your", "the", "a", "an",
        "someone", "somebody", "one", "i", "i'm", "it's", "our", "my",
    ];
    (0..w.len()).any(|i| {
        w[i] == "say"
            && (i == 0 || OPEN.contains(&w[i - 1].as_str()))
            && w.get(i + 1).is_some_and(|n| SUBJ.contains(&n.as_str()))
    })
}

/// A figure: digits or a number word from two up ("which one", "all" and "nobody" are not).
fn figure(w: &str) -> bool {
    w.chars().any(|c| c.is_ascii_digit())
        || NUMBER_WORDS[..NUMBER_WORDS
            .iter()
            .position(|x| *x == "nobody")
            .unwrap_or(0)]
            .iter()
            .skip(2)
            .any(|x| *x == w)
}

/// Specifics in words: a figure, or an event in the past ("someone locked out").
fn specifics(s: &[String]) -> bool {
    s.iter().any(|x| figure(x))
        || (1..s.len())
            .any(|j| past_at(s, j) && !["was", "were", "had", "did"].contains(&s[j].as_str()))
}

/// The speaker's own setting with specifics: "at my company we run two-week sprints", "for
/// my portfolio app, four out of five couldn't find it", "at the help desk I was at, eighty
/// percent of tickets ...". A vague "at my last job it was slow" is not an example.
fn own_setting(d: &Doc) -> bool {
    const PREP: &[&str] = &["at", "in", "for", "on"];
    const NOT_PLACE: &[&str] = &[
        "experience",
        "opinion",
        "view",
        "mind",
        "head",
        "case",
        "life",
        "own",
        "free",
        "spare",
        "career",
        "role",
        "resume",
    ];
    d.sentences.iter().any(|s| {
        let framed = (0..s.len().saturating_sub(2)).any(|i| {
            PREP.contains(&s[i].as_str())
                && (s[i + 1] == "my" || s[i + 1] == "our")
                && !NOT_PLACE.contains(&s[i + 2].as_str())
        }) || (0..s.len()).any(|i| {
            matches_at(s, i, &["i", "was", "at"]) || matches_at(s, i, &["i", "worked", "at"])
        });
        framed && specifics(s)
    })
}

/// A specific instance introduced with a relative clause: "we had a morning where nobody
/// could reach the intranet", "there was this one client who ...", or "we had" with
/// specifics ("we had 'Busy Priya', thirty-four, two kids").
fn introduced_instance(d: &Doc) -> bool {
    const REL: &[&str] = &["where", "when", "who", "that", "whose", "which"];
    d.sentences.iter().any(|s| {
        (1..s.len()).any(|i| {
            let had = (s[i - 1] == "we" || s[i - 1] == "i") && s[i] == "had";
            let there = s[i - 1] == "there" && s[i] == "was";
            if !(had || there) || s.get(i + 1).is_some_and(|n| n == "to") {
                return false;
            }
            let rest = &s[i + 1..];
            let relative = rest.len() > 3
                && ["a", "an", "this", "one"].contains(&rest[0].as_str())
                && rest[1..rest.len().min(5)]
                    .iter()
                    .any(|x| REL.contains(&x.as_str()));
            relative || had && rest.iter().any(|x| figure(x))
        })
    })
}

/// CamelCase product names in the raw text ("LaunchDarkly", "FullStory").
fn camel_case_names(raw: &str, question: &[String]) -> bool {
    raw.split(|c: char| !c.is_alphanumeric())
        .filter(|t| {
            let c: Vec<char> = t.chars().collect();
            c.len() >= 4
                && c.windows(2)
                    .skip(1)
                    .any(|p| p[0].is_lowercase() && p[1].is_uppercase())
        })
        .any(|t| {
            !t.starts_with("Mc") && !t.starts_with("Mac") && !question.contains(&t.to_lowercase())
        })
}

fn tools(d: &Doc) -> bool {
    let w = &d.words;
    let named = d.hits("tools").into_iter().any(|i| {
        // The thing a definition question asks about is its subject, not a tool used.
        !(d.asks_definition && d.in_subject(&w[i]))
    });
    named || camel_case_names(&d.raw, &d.subject)
}

/// Why a point was or was not found: the words at each cue hit of `point` (for the benchmark's
/// list of misses).
pub fn explain(text: &str, question: &str, point: &str) -> String {
    let d = Doc::new(text, question);
    let mut names = vec![point.to_string()];
    if point == "goals" || point == "result" {
        names.push(format!(
            "{point}_{}",
            if point == "goals" { "weak" } else { "change" }
        ));
    }
    let mut out = Vec::new();
    for n in &names {
        for i in d.hits(n) {
            out.push(format!(
                "{n}:{}",
                d.words[i..(i + 3).min(d.words.len())].join(" ")
            ));
        }
    }
    out.join(", ")
}

/// The talking points among `points` that `text` covers.
pub fn covered(text: &str, points: &[String]) -> Vec<String> {
    covered_for(text, "", points)
}

/// The talking points among `points` that `text`, an answer to `question`, covers, as the
/// learned scorer ([`super::scorer`]) decides from the rules and the words. The question tells
/// what a definition should be about and whether the answer is meant to be a lesson.
pub fn covered_for(text: &str, question: &str, points: &[String]) -> Vec<String> {
    covered_by(Model::builtin(), text, question, points)
}

/// Below this many words the rules decide alone: a short answer gives the scorer few words to
/// weigh, and its bias, learned on mostly longer answers, outweighed a single clear rule ("I
/// hold a CISSP and an MBA." was not education). Measured: 25 of the 153 rule probes were
/// missed with no limit, 2 with this one; on the labelled sets left out of training the mean F1
/// moved by less than 0.005 either way.
const SHORT_ANSWER_WORDS: usize = 25;

/// [`covered_for`] with a given model; a point the model does not know, and a short answer,
/// are left to the rules.
pub fn covered_by(model: &Model, text: &str, question: &str, points: &[String]) -> Vec<String> {
    if canonical(text).len() < SHORT_ANSWER_WORDS {
        return covered_by_rules(text, question, points);
    }
    // The features carry every rule's verdict (`rule:<point>`): the rules run once.
    let f = features(text, question);
    points
        .iter()
        .filter(|p| match model.score(p, &f) {
            Some(s) => s > 0.0,
            None => f.contains(&format!("rule:{p}")),
        })
        .cloned()
        .collect()
}

/// The talking points among `points` that the rules alone find (without the scorer).
pub fn covered_by_rules(text: &str, question: &str, points: &[String]) -> Vec<String> {
    let d = Doc::new(text, question);
    points
        .iter()
        .filter(|p| match p.as_str() {
            // One "then" is not a process; a sequence is.
            "process" => process(&d),
            // A story that opens by setting a scene has a situation even without a cue.
            "situation" => {
                (!d.hits("situation").is_empty() || scene_set(&d.words)) && narrative(&d)
            }
            "task" => (!d.hits("task").is_empty() || task(&d)) && narrative(&d),
            "action" => {
                (d.hits("action")
                    .into_iter()
                    .any(|i| !took_away(&d.words, i + 1))
                    || first_person_actions(&d) >= 1
                    || present_story_actions(&d) >= 2)
                    && narrative(&d)
            }
            "goals" => goals(&d),
            "education" => education(&d),
            "motivation" => motivation(&d),
            "result" => result(&d),
            "lesson" => lesson(&d),
            "definition" => definition(&d),
            "example" => example(&d),
            "tools" => tools(&d),
            "experience" => experience(&d),
            "skills" => skills(&d),
            other => !d.hits(other).is_empty(),
        })
        .cloned()
        .collect()
}

/// Sparse features of an answer for the learned scorer ([`super::scorer`]): every rule's
/// verdict (`rule:<point>`), the sentence signals the rules combine and what the question asks
/// (`sig:*`), the answer's length band (`len:<log2 of its words>`), and its normalised words and
/// word pairs (`w:`, `b:`).
pub fn features(text: &str, question: &str) -> Vec<String> {
    let all: Vec<String> = Kind::ALL
        .iter()
        .flat_map(|k| k.default_talking_points())
        .map(|s| s.to_string())
        .collect();
    let mut out: Vec<String> = covered_by_rules(text, question, &all)
        .into_iter()
        .map(|p| format!("rule:{p}"))
        .collect();
    let d = Doc::new(text, question);
    let signals = [
        ("narrative", narrative(&d)),
        ("scene", scene_set(&d.words)),
        ("first_person_action", first_person_actions(&d) >= 1),
        ("first_person_actions2", first_person_actions(&d) >= 2),
        ("present_story", present_story_actions(&d) >= 2),
        ("task_rule", task(&d)),
        ("achieved", achieved(&d)),
        ("response", response(&d)),
        ("lesson_structure", lesson_structure(&d)),
        ("motivation_structure", motivation_structure(&d)),
        ("own_setting", own_setting(&d)),
        ("introduced_instance", introduced_instance(&d)),
        ("q_definition", d.asks_definition),
        ("q_lesson", d.asks_lesson),
        ("q_why", d.asks_why),
    ];
    out.extend(
        signals
            .iter()
            .filter(|(_, on)| *on)
            .map(|(n, _)| format!("sig:{n}")),
    );
    let n = d.words.len();
    out.push(format!("len:{}", (n.max(1) as f32).log2() as u32));
    for (i, w) in d.words.iter().enumerate() {
        out.push(format!("w:{w}"));
        if let Some(next) = d.words.get(i + 1) {
            out.push(format!("b:{w}_{next}"));
        }
    }
    out.sort();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pts(kind: &[&str]) -> Vec<String> {
        kind.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn a_star_story_covers_its_points() {
        let text = "Last year our main server went down during a release. I was responsible for getting it back. \
                    I called the vendor, rolled back the update and kept the team informed. In the end we were back \
                    online in two hours, and I learned to always test rollbacks.";
        let got = covered(
            text,
            &pts(&["situation", "task", "action", "result", "lesson"]),
        );
        assert_eq!(
            got,
            pts(&["situation", "task", "action", "result", "lesson"])
        );
    }

    #[test]
    fn points_not_addressed_are_not_found() {
        let got = covered(
            "I like computers.",
            &pts(&["experience", "goals", "education"]),
        );
        assert!(got.is_empty(), "{got:?}");
        let got = covered(
            "Phishing is an email that tricks you.",
            &pts(&["definition", "example", "process", "tools"]),
        );
        assert_eq!(got, pts(&["definition"]));
        assert!(covered("", &pts(&["definition"])).is_empty());
    }

    /// (point, question, answer, found?): phrasings written for these tests, not taken from
    /// the labelled sets.
    const PROBES: &[(&str, &str, &str, bool)] = &[
        // goals
        ("goals", "Where do you see yourself in five years?", "Ideally I'd be running a small analytics team by then.", true),
        ("goals", "Tell me about yourself.", "Down the road I could see myself in a security architect role.", true),
        ("goals", "Tell me about yourself.", "I'm hoping to move into product design within a couple of years.", true),
        ("goals", "Tell me about yourself.", "The next step for me is a senior analyst position.", true),
        ("goals", "Tell me about yourself.", "I'm very goal-oriented and I work hard.", false),
        ("goals", "Tell me about yourself.", "Eventually my manager promoted me to shift lead.", false),
        ("goals", "Why this field?", "I want to help small businesses stay safe online.", false),
        ("goals", "Tell me about yourself.", "In three years I was running the whole warehouse floor.", false),
        // education
        ("education", "Tell me about yourself.", "I got my bachelor's in psychology and then did a UX bootcamp.", true),
        ("education", "Tell me about yourself.", "I passed the CompTIA Security+ last month.", true),
        ("education", "Tell me about yourself.", "I'm mostly self-taught, lots of Udemy courses.", true),
        ("education", "Tell me about yourself.", "I hold a CISSP and an MBA.", true),
        ("education", "Tell me about yourself.", "Of course I'd be happy to relocate.", false),
        ("education", "Tell me about yourself.", "I built two case studies for small clients.", false),
        // motivation
        ("motivation", "Why data?", "What drew me in was how one good chart could change a meeting.", true),
        ("motivation", "Why UX?", "I'm passionate about making software that doesn't confuse people.", true),
        ("motivation", "Why IT?", "I enjoy the puzzle of figuring out why something broke.", true),
        ("motivation", "Why IT?", "I'm a very motivated and passionate person.", false),
        // result
        ("result", "Tell me about a time you improved a process.", "Our invoices were always late. I built a shared tracker in Excel and reminded people every Monday. Late invoices dropped by about 70 percent.", true),
        ("result", "Tell me about a conflict.", "Two leads disagreed about the rota. I met them both and we split the weekend shifts. The complaints stopped after that.", true),
        ("result", "Tell me about a time you led.", "We were behind on the launch. I reorganised the backlog and we ended up shipping a week early.", true),
        ("result", "Tell me about a time you led.", "I'm a very results-driven person and I always deliver.", false),
        ("result", "Tell me about a time you led.", "I would set up a meeting and make sure everyone agreed on the plan.", false),
        // lesson
        ("lesson", "Tell me about a mistake.", "I deleted the wrong folder on a file server. I restored it from backup within an hour. It taught me to double check paths before running anything destructive.", true),
        ("lesson", "Tell me about a mistake.", "I promised a date I couldn't hit. In hindsight I should have asked the developers first.", true),
        ("lesson", "Tell me about a mistake.", "I missed a deadline once. Next time I'd flag the risk a week earlier.", true),
        ("lesson", "Tell me about a project.", "We held a lessons learned session at the end of the project.", false),
        // action
        ("action", "Tell me about a conflict.", "A customer was shouting at the till. I took him aside, listened, and refunded the order.", true),
        ("action", "Tell me about a conflict.", "If I were in that situation, I would talk to them privately.", false),
        ("action", "Tell me about a conflict.", "I think communication is the key to solving conflicts.", false),
        // definition
        ("definition", "What is a firewall?", "A firewall is a filter between your network and the internet that decides which traffic gets through.", true),
        ("definition", "What is two-factor authentication?", "So, um, basically it's when you need a second proof besides your password, like a code on your phone.", true),
        ("definition", "What does a load balancer do?", "A load balancer spreads incoming requests across several servers so none of them is overwhelmed.", true),
        ("definition", "What is a firewall?", "We had a firewall at my last job but I never touched it.", false),
        ("definition", "How would you reset a password?", "First I'd verify the user, then I'd reset it in the admin console.", false),
        // example
        ("example", "What is a foreign key?", "It links a row to a row in another table. For instance, each order stores the id of its customer.", true),
        ("example", "How would you prioritise tickets?", "By impact. When I worked at the help desk we once had the whole finance team offline, so that jumped every queue.", true),
        ("example", "How would you prioritise tickets?", "By impact first, then by how long the ticket has been waiting.", false),
        // tools
        ("tools", "How do you analyse survey data?", "I clean it in Python with pandas and chart it in Looker Studio.", true),
        ("tools", "How do you track a project?", "I keep a board in ClickUp and a risk log in Google Sheets.", true),
        ("tools", "How do you analyse survey data?", "I use the right tools for the job and follow best practices.", false),
        // written afterwards to try to break the rules
        ("goals", "Tell me about yourself.", "The plan is to get into cloud security once I have a couple of years on a SOC.", true),
        ("goals", "Tell me about yourself.", "What I'm after is a role where I can specialise in retention.", true),
        ("result", "Tell me about a time you improved something.", "The checkout page was slow. I compressed the product images and customer satisfaction went up.", true),
        ("result", "Tell me about a crisis.", "The database filled up overnight. I cleared the old logs and added an alert, and we never had that problem again.", true),
        ("lesson", "Tell me about a mistake.", "I sent a report with a wrong total to the director. I corrected it the same day. I'm much more careful with totals now.", true),
        ("definition", "What is a VPN?", "Think of it as a private tunnel through the public internet between your laptop and the office.", true),
        ("example", "What is social engineering?", "Tricking people rather than machines. Take a fake call from IT asking for your password.", true),
        ("education", "Tell me about yourself.", "I trained as a nurse before moving into health data.", true),
        ("motivation", "Why project management?", "What gets me up in the morning is seeing a messy plan turn into something that ships.", true),
        ("tools", "How do you document a process?", "I draw the flow in Lucidchart and keep the steps in Confluence.", true),
        ("experience", "Tell me about yourself.", "I manage a team of four at a regional bank's help desk.", true),
        ("skills", "What are your strengths?", "I'm great with people and fast at learning new systems.", true),
        ("goals", "Why do you want to work here?", "I want to join your team because you build tools people actually use.", false),
        ("motivation", "Tell me about yourself.", "I spent two years in a fulfillment center packing orders.", false),
        ("definition", "How would you set up a new laptop?", "The first thing is to check the asset tag and enrol it in Intune.", false),
        ("definition", "When would you use the median instead of the mean?", "The median is the middle value, so one huge salary does not drag it up.", true),
        // structural rules
        ("task", "Tell me about a deadline.", "The audit was on Friday and it fell to me to pull the access reports together.", true),
        ("task", "Tell me about a deadline.", "I was running the night shift that week when the storage array failed.", true),
        ("task", "Tell me about feedback.", "My manager told me in my review that I rushed my reports.", false),
        ("experience", "Tell me about yourself.", "For about six years I handled payroll questions for a chain of dental clinics.", true),
        ("experience", "Where do you see yourself?", "Five years? I'd like to be leading a small team.", false),
        ("motivation", "Why this field?", "Honestly what keeps me going is the moment a confused customer finally gets it.", true),
        ("lesson", "Tell me about a mistake.", "I skipped the backup before an upgrade and lost a morning of work. If I did it again I'd snapshot the machine first.", true),
        ("lesson", "Tell me about a conflict.", "We argued about the release date. I set up a call and we agreed to move it a week. You don't win those by email.", true),
        ("result", "Tell me about a conflict.", "The vendor kept missing deliveries. I called their account manager and set a weekly check-in, and they delivered on time for the rest of the year.", true),
        ("experience", "Tell me about yourself.", "I've been studying for the Network+ in the evenings.", false),
        ("lesson", "Tell me about a time you failed. What did you learn from it?", "Our launch slipped two weeks because I trusted a vendor estimate and the vendor was late.", false),
        // example: the speaker's own setting with specifics, "say ...", introduced instances
        ("example", "What is a load balancer?", "It spreads traffic across servers. At our office we ran two of them in front of the booking site.", true),
        ("example", "What is a load balancer?", "It spreads traffic across servers. At my old company it was always a headache.", false),
        ("example", "What is caching?", "It keeps a copy close by. So say you've opened the same report ten times, the second load comes from memory.", true),
        ("example", "What is caching?", "I'd say the main idea is keeping copies of data close to where they are used.", false),
        ("example", "What is a phishing email?", "It's a fake message that tricks you into clicking. We had a week where half the sales team got a fake invoice.", true),
        ("example", "What is a firewall?", "It filters traffic between networks. We had plenty of them and they were all configured differently.", false),
        ("example", "What is overfitting?", "A model that memorises its training data. Spam filters are the classic case: it flags every email with the word sale.", true),
        ("example", "How do you onboard a new hire?", "First I create the account, then I put them in the right groups and set a temporary password.", false),
        // result: goals and figures reached, negative outcomes, consequences, clauses
        ("result", "Tell me about a time you worked under pressure.", "Our audit was due in a week and the evidence folder was empty. I split the controls among the four of us and chased owners every morning. We passed the audit with no findings.", true),
        ("result", "Tell me about a time you drove adoption.", "Nobody used the new ticket portal. I ran lunch demos and put a QR code on every desk. Usage was at eighty percent in March.", true),
        ("result", "Tell me about a project that failed.", "We had one sprint to migrate the reports. I underestimated the data cleanup and we slipped two weeks past the release.", true),
        ("result", "Tell me about a disagreement.", "my lead wanted to cut testing and i showed him what that would cost us later and we agreed to keep two days for it and we shipped on time", true),
        ("result", "Tell me about a mistake.", "On my second week I pushed a config change on a Friday and it took the VPN down for an hour.", true),
        ("result", "Tell me about a conflict.", "I would talk to both people and we would agree on a plan so the project launched on time.", false),
        ("result", "Tell me about a challenge.", "When I joined the team last spring, nobody had ever written a single test for the billing service.", false),
        ("result", "Tell me about feedback you received.", "My lead said my tickets were too vague. Since then I've written every ticket with steps to reproduce.", false),
        // stories in the present after a past anchor; no story in generic or modal answers
        ("action", "Tell me about a time you helped a customer.", "Last year a customer calls us, her shop's card reader is dead. I drive over after my shift, I swap the reader and I test a payment with her.", true),
        ("action", "Tell me about a time you helped a customer.", "I always listen first, then I check the basics and I explain what I change.", false),
        ("action", "Tell me about a frustrated user.", "I'd let them talk first, and then I'd repeat the problem back so they know I heard them properly.", false),
        ("situation", "Tell me about a time you handled a complaint.", "You listen, you find out what went wrong with the order and you make it right, because you always want people to leave happy and come back again.", false),
        ("situation", "Tell me about a time plans changed.", "the client moved the launch up by two weeks right after we had signed off on the plan and i had to rebuild the schedule with the team over a weekend", true),
        // goals: discourse and narrated times are not aims; joining some team is one
        ("goals", "Why cybersecurity?", "I want to be honest, I'm still working out which part of security suits me.", false),
        ("goals", "What made you want to switch careers?", "I was a nurse for ten years, and at some point a patient asked me why the hospital app was so confusing.", false),
        ("goals", "Tell me about yourself.", "I'm finishing my degree in May and I hope to join a red team within a few years.", true),
        // motivation: a why-question answered with a reason; discontent that drove a change
        ("motivation", "Why project management?", "Honestly, I think it's a field where organised people are always needed, and there's room to grow.", true),
        ("motivation", "What got you interested in data?", "I'm a hard-working, detail-oriented person. I'm also a fast learner and a team player.", false),
        ("motivation", "Tell me about yourself.", "I ran a bakery for eight years and got frustrated that our ordering website kept losing orders, so I started learning web development.", true),
        // definition: "it's when ...", "X's like ..."
        ("definition", "What is a race condition?", "its when two threads touch the same data at once and the result depends on who gets there first", true),
        ("definition", "What is a sprint?", "A sprint's like a short fixed box of time, usually two weeks, where the team finishes a set of work.", true),
        // process: ordinal adjectives are not order words
        ("process", "What is a cookie?", "A small file the site stores in your browser, and then the first page you open sends it back.", false),
        ("process", "How does a DNS lookup work?", "In sequence: your machine asks the resolver, then the resolver asks the root and the top-level servers.", true),
        // lesson
        ("lesson", "Tell me about a failure.", "The launch slipped a month. The thing I keep coming back to is that I never wrote the risks down.", true),
        // task in a present-tense story; "interned"; "patient" as an ability
        ("task", "Tell me about a deadline.", "Last month a client finds a bug in our checkout. I am responsible to fix the payment form, so I rewrite the validation and we deploy it the same day.", true),
        ("task", "Tell me about a deadline.", "I'm responsible for the nightly backups at my current job.", false),
        ("experience", "Tell me about yourself.", "Two summers ago I interned with a county IT office fixing laptops.", true),
        ("skills", "Tell me about yourself.", "I'm very patient with people who are stressed about their computers.", true),
        // process: a story told in order is not a procedure; one step is not a sequence
        ("process", "How do you troubleshoot a slow network?", "Last month the office was crawling. First I checked the switch, then we replaced a cable and after that it was fine.", false),
        ("process", "How do you handle a phishing report?", "One time a user reported an email and I then deleted it from every mailbox.", false),
        ("process", "How do you secure remote access?", "I'd use a VPN for that.", false),
        ("process", "How do you secure remote access?", "I'd use a VPN, honestly, because it's what everyone already knows.", false),
        ("process", "How do you troubleshoot a slow network?", "First I check the switch, then I look at the cable, and after that I run a speed test.", true),
        ("process", "How do you troubleshoot a slow network?", "I'd start with the switch. Then I'd look at the cables and finally run a speed test.", true),
        ("process", "How do you handle a phishing report?", "you pull the email from every mailbox, you run a scan on the laptop and you decide whether to block the sender", true),
        ("process", "How does a VPN work?", "Your laptop encrypts the traffic first, then sends it through a tunnel to the gateway, which decrypts it.", true),
        // lesson: habits and counterfactuals need a story and a person; discoveries are not lessons
        ("lesson", "Tell me about a conflict.", "Now I work at a bank on the service desk. My manager and I disagreed about a ticket and we talked it through.", false),
        ("lesson", "Tell me about a conflict.", "I always double check my work. A coworker said I broke the build and I showed him the log.", false),
        ("lesson", "Tell me about a deadline.", "The report was late. I asked for help and I never got a reply, so I finished it on my own that night.", false),
        ("lesson", "Tell me about a mistake.", "I restored the wrong folder. Then I realized the backup was from the week before, so I called the vendor.", false),
        ("lesson", "Tell me about a deadline.", "The migration should have been done by Friday, but the vendor sent the drives late, so we worked Saturday.", false),
        ("lesson", "Tell me about a conflict.", "A client yelled at me about a refund. I listened and I gave her the refund. You see a lot of that in retail.", false),
        ("lesson", "Tell me about a mistake.", "I restored the wrong folder and the team lost a day of work. Now I always check the path twice before I restore anything.", true),
        ("lesson", "Tell me about a mistake.", "I deleted the wrong branch. I realized that I need to read every command before I hit enter.", true),
        ("lesson", "Tell me about a deadline.", "We missed the deadline by a week. Honestly, I should have flagged it much earlier.", true),
        ("lesson", "Tell me about a conflict.", "A client yelled at me about a refund and I stayed calm. You have to let them finish before you answer.", true),
        ("lesson", "Tell me about a mistake.", "I pushed a config straight to production and it took the site down. Don't skip staging, ever.", true),
        ("lesson", "Tell me about a deadline.", "The vendor was late. I'd never done a migration alone, so I read the manual twice and we moved the mail by Sunday.", false),
        ("lesson", "Tell me about a deadline.", "The vendor was late and I knew I'd have to call them every morning, so I did, and we moved the mail by Sunday.", false),
        ("lesson", "Tell me about a customer.", "A man came in crying because his laptop died with his wedding photos on it. I recovered them that night. I'll never forget his face.", false),
        ("lesson", "Tell me about a mistake.", "I skipped the backup and lost a day of work. I'll never skip it again.", true),
        ("lesson", "Tell me about a mistake.", "I skipped the backup and lost a day of work. I'd have done it differently with a checklist.", true),
        // process: time words are not order words
        ("process", "How do you back up a server?", "Back then we did it once a week, by hand.", false),
        ("process", "How do you back up a server?", "At first it seemed fine, and since then nobody has touched it.", false),
        ("process", "How do you back up a server?", "Once the nightly job finishes, you copy the image offsite, and then you test a restore.", true),
        ("lesson", "Tell me about a surprise.", "We shipped a checkout nobody could use. My job was the user tests and five of six people got lost. That humbled me, now I test the rough version before anyone gets attached.", true),
        ("lesson", "Tell me about a deadline.", "The vendor shipped late and we had two days left, so I took the weekend. Now I was the only one who knew the setup, so I wrote it all down.", false),
        // task: the speaker's responsibility, said many ways
        ("task", "Tell me about a deadline.", "Last spring payroll broke on a Friday. I needed to get the checks out by five, so I called the bank.", true),
        ("task", "Tell me about a deadline.", "The audit was on Monday and it was on me to pull every access log, so I wrote a script.", true),
        ("task", "Tell me about a deadline.", "We moved offices last year. My job that week was the network, so I labelled every cable.", true),
        ("task", "Tell me about leadership.", "When our lead quit, they put me in charge of the release and I split the work.", true),
        ("task", "Tell me about a deadline.", "One time at the shop a customer brings in a dead laptop, so I'm supposed to save the photos before noon. I open it, I pull the drive, I copy everything.", true),
        ("task", "Tell me about a deadline.", "One time at the shop a customer brings in a dead laptop, so I have to save the photos before noon. I open it, I pull the drive, I copy everything.", true),
        ("task", "Tell me about a conflict.", "I have to say the team was great. A coworker and I disagreed on the design and we talked it through over lunch.", false),
        ("task", "Tell me about a conflict.", "A coworker and I disagreed on the design and we talked it through over lunch and he agreed in the end, so now I know I need to talk to people earlier.", false),
        // result: outcomes, good and bad, past and present
        ("result", "Tell me about a deadline.", "The server went down at night. I restarted the database and rebuilt the index, and by two we got it back up.", true),
        ("result", "Tell me about a customer.", "A client was angry about a double charge. I refunded it and walked her through the invoice, and she was happy with that.", true),
        ("result", "Tell me about a problem you solved.", "The printer kept jamming. I swapped the roller and cleaned the tray, and the ticket got closed that afternoon.", true),
        ("result", "Tell me about a problem you solved.", "Reports took an hour to run. I added an index on the date column and that saved us about forty minutes a day.", true),
        ("result", "Tell me about a problem you solved.", "One time at the shop a laptop won't boot. I open it, I reseat the memory, I put it back together, and it works.", true),
        ("result", "Tell me about a failure.", "We had a launch in May. I planned the rollout and trained the staff, but the vendor was late and it failed on the first day.", true),
        ("result", "Tell me about a failure.", "We had a launch in May. I planned the rollout and trained the staff, but we didn't make the date.", true),
        ("result", "Tell me about a deadline.", "The disk was failing on a Friday. I started to back up the files to an external drive and I called the vendor.", false),
        ("result", "Tell me about a deadline.", "The disk failed on a Friday. I swapped it and restored last night's image, and by noon the server was back up.", true),
        ("result", "Tell me about a presentation.", "I presented survey results to the nurses. I used fewer charts and more quotes. I'm not sure how it landed, honestly.", false),
        ("result", "Tell me about a deadline.", "When it crashed, the whole floor was offline. I was the only admin on call that night and I took the ticket.", false),
        ("result", "Tell me about a problem you solved.", "The printer kept jamming. I'd swap the roller and I think it would work after that.", false),
    ];

    fn probes_missed(detect: impl Fn(&str, &str, &[String]) -> Vec<String>) -> Vec<String> {
        PROBES
            .iter()
            .filter(|(point, question, text, want)| {
                detect(text, question, &pts(&[point])).is_empty() == *want
            })
            .map(|(point, _, text, want)| format!("{point} want {want}: {text}"))
            .collect()
    }

    #[test]
    fn probes_found_and_not_found_by_the_rules() {
        let wrong = probes_missed(covered_by_rules);
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    #[test]
    fn probes_found_and_not_found_by_the_scorer() {
        // The probes are the rules' edge cases, written for the rules; the scorer weighs the
        // rules against the words it learned from the labelled answers and overrules some.
        // Measured: 1 of 153 (the comment here said 2 and the test allowed any two), this one;
        // any other miss, or this one fixed, is a change to look at and to pin here.
        let wrong = probes_missed(covered_for);
        assert_eq!(
            wrong,
            [
                "task want true: One time at the shop a customer brings in a dead laptop, so I'm \
              supposed to save the photos before noon. I open it, I pull the drive, I copy \
              everything."
            ],
            "{}",
            wrong.join("\n")
        );
    }

    #[test]
    fn any_prefix_of_any_probe_is_safe() {
        let all = pts(&[
            "experience",
            "skills",
            "goals",
            "education",
            "motivation",
            "situation",
            "task",
            "action",
            "result",
            "lesson",
            "definition",
            "example",
            "process",
            "tools",
        ]);
        for (_, question, text, _) in PROBES {
            for (k, _) in text.char_indices() {
                covered_for(&text[..k], question, &all);
                covered_for(text, &question[..question.len().min(k)], &all);
            }
        }
        // Scraps of sentences, too: what is asserted is that nothing above panicked.
        covered_for("I'd. If. So. Like, it's", "What is?", &all);
    }
}
