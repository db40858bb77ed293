//! The background points: experience, skills, goals, education and motivation. They are about
//! the speaker rather than a story, so they read constructions of the self (aspiration, ability,
//! liking, time served) and keep away from the story rules' tense machinery except to tell a
//! goal from a time in the past.
//!
//! - goals: aspiration constructions ("I'd like to", "hoping to", "what I want next", "see
//!   myself"); time horizons and career verbs ("eventually", "in five years", "move into")
//!   only in a sentence that is not a past narrative or that has a modal, and not followed by
//!   a past ("at some point a friend said"); wanting *this* job ("I want to join your team")
//!   and "I want to help/protect" are motivation; "I want to be upfront" is about the answer;
//! - motivation: drawn-to verbs ("what drew me", "keeps me going"), an experiencer ("I got
//!   hooked", "I'm fascinated by", "I got frustrated that"), value to oneself ("it matters to
//!   me"), first-person liking; or a why-question ("Why UX?", "What made you ...") answered
//!   with a sentence that is not a self-description; a trait ("I'm motivated", "I'm
//!   passionate") is not a reason;
//! - experience: work cues, a span of time served ("for six years", not "in five years"),
//!   first-person work verbs ("I managed", "I support"), colleagues ("my supervisor");
//! - skills: ability constructions ("I'm pretty quick with", "I got fast at").
//! - education: the lexicon of degrees, schools and certifications, minus "of course", "case
//!   study", "world class".

use super::doc::{is_quantity, matches_at, past_at, Doc};
use super::lexicon::background as cues;

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

pub(super) fn skills(d: &Doc) -> bool {
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
    ability || !d.hits(cues::SKILLS).is_empty()
}

/// Work history, but not work wished for ("I'd love to get experience with networking").
pub(super) fn experience(d: &Doc) -> bool {
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
    let cue = d.hits(cues::EXPERIENCE).into_iter().any(|i| {
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

/// Where the speaker is heading: an aspiration construction that is not about this job or the
/// answer, or a time horizon outside a told past.
pub(super) fn goals(d: &Doc) -> bool {
    let w = &d.words;
    let strong = d.hits(cues::GOALS).into_iter().any(|i| {
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
    let weak = d.hits(cues::GOALS_WEAK).into_iter().any(|i| {
        let s = &d.sentences[d.sentence[i]];
        // "at some point a friend said": a time in the story.
        let narrated = (i + 1..(i + 6).min(w.len())).any(|j| past_at(w, j));
        !narrated && s.iter().any(|x| aspiration(x))
            || !(0..s.len()).any(|j| past_at(s, j)) && !s.iter().any(|x| x == "ago" || x == "after")
    });
    strong || weak
}

pub(super) fn education(d: &Doc) -> bool {
    let w = &d.words;
    d.hits(cues::EDUCATION).into_iter().any(|i| {
        let prev = if i > 0 { w[i - 1].as_str() } else { "" };
        match w[i].as_str() {
            "course" | "courses" => prev != "of",
            "study" | "studies" => prev != "case",
            "class" => prev != "world" && prev != "first",
            _ => true,
        }
    })
}

pub(super) fn motivation(d: &Doc) -> bool {
    let w = &d.words;
    // "I like to think ...", "I like to make decisions on data": a habit, not a reason.
    let cue = d
        .hits(cues::MOTIVATION)
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

pub(super) fn motivation_structure(d: &Doc) -> bool {
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

#[cfg(test)]
mod tests {
    use super::super::probes::{self, Probe};
    use super::super::TalkingPoint as P;

    /// (point, question, answer, found?): phrasings written for these tests, not taken from
    /// the labelled sets.
    const PROBES: &[Probe] = &[
        // goals
        (P::Goals, "Where do you see yourself in five years?", "Ideally I'd be running a small analytics team by then.", true),
        (P::Goals, "Tell me about yourself.", "Down the road I could see myself in a security architect role.", true),
        (P::Goals, "Tell me about yourself.", "I'm hoping to move into product design within a couple of years.", true),
        (P::Goals, "Tell me about yourself.", "The next step for me is a senior analyst position.", true),
        (P::Goals, "Tell me about yourself.", "I'm very goal-oriented and I work hard.", false),
        (P::Goals, "Tell me about yourself.", "Eventually my manager promoted me to shift lead.", false),
        (P::Goals, "Why this field?", "I want to help small businesses stay safe online.", false),
        (P::Goals, "Tell me about yourself.", "In three years I was running the whole warehouse floor.", false),
        // education
        (P::Education, "Tell me about yourself.", "I got my bachelor's in psychology and then did a UX bootcamp.", true),
        (P::Education, "Tell me about yourself.", "I passed the CompTIA Security+ last month.", true),
        (P::Education, "Tell me about yourself.", "I'm mostly self-taught, lots of Udemy courses.", true),
        (P::Education, "Tell me about yourself.", "I hold a CISSP and an MBA.", true),
        (P::Education, "Tell me about yourself.", "Of course I'd be happy to relocate.", false),
        (P::Education, "Tell me about yourself.", "I built two case studies for small clients.", false),
        // motivation
        (P::Motivation, "Why data?", "What drew me in was how one good chart could change a meeting.", true),
        (P::Motivation, "Why UX?", "I'm passionate about making software that doesn't confuse people.", true),
        (P::Motivation, "Why IT?", "I enjoy the puzzle of figuring out why something broke.", true),
        (P::Motivation, "Why IT?", "I'm a very motivated and passionate person.", false),
        // written afterwards to try to break the rules
        (P::Goals, "Tell me about yourself.", "The plan is to get into cloud security once I have a couple of years on a SOC.", true),
        (P::Goals, "Tell me about yourself.", "What I'm after is a role where I can specialise in retention.", true),
        (P::Education, "Tell me about yourself.", "I trained as a nurse before moving into health data.", true),
        (P::Motivation, "Why project management?", "What gets me up in the morning is seeing a messy plan turn into something that ships.", true),
        (P::Experience, "Tell me about yourself.", "I manage a team of four at a regional bank's help desk.", true),
        (P::Skills, "What are your strengths?", "I'm great with people and fast at learning new systems.", true),
        (P::Goals, "Why do you want to work here?", "I want to join your team because you build tools people actually use.", false),
        (P::Motivation, "Tell me about yourself.", "I spent two years in a fulfillment center packing orders.", false),
        // structural rules
        (P::Experience, "Tell me about yourself.", "For about six years I handled payroll questions for a chain of dental clinics.", true),
        (P::Experience, "Where do you see yourself?", "Five years? I'd like to be leading a small team.", false),
        (P::Motivation, "Why this field?", "Honestly what keeps me going is the moment a confused customer finally gets it.", true),
        (P::Experience, "Tell me about yourself.", "I've been studying for the Network+ in the evenings.", false),
        // goals: discourse and narrated times are not aims; joining some team is one
        (P::Goals, "Why cybersecurity?", "I want to be honest, I'm still working out which part of security suits me.", false),
        (P::Goals, "What made you want to switch careers?", "I was a nurse for ten years, and at some point a patient asked me why the hospital app was so confusing.", false),
        (P::Goals, "Tell me about yourself.", "I'm finishing my degree in May and I hope to join a red team within a few years.", true),
        // motivation: a why-question answered with a reason; discontent that drove a change
        (P::Motivation, "Why project management?", "Honestly, I think it's a field where organised people are always needed, and there's room to grow.", true),
        (P::Motivation, "What got you interested in data?", "I'm a hard-working, detail-oriented person. I'm also a fast learner and a team player.", false),
        (P::Motivation, "Tell me about yourself.", "I ran a bakery for eight years and got frustrated that our ordering website kept losing orders, so I started learning web development.", true),
        // task in a present-tense story; "interned"; "patient" as an ability
        (P::Experience, "Tell me about yourself.", "Two summers ago I interned with a county IT office fixing laptops.", true),
        (P::Skills, "Tell me about yourself.", "I'm very patient with people who are stressed about their computers.", true),
    ];

    #[test]
    fn probes_found_and_not_found_by_the_rules() {
        probes::by_the_rules(PROBES);
    }

    #[test]
    fn probes_found_and_not_found_by_the_scorer() {
        probes::by_the_scorer(PROBES, &[]);
    }

    #[test]
    fn any_prefix_of_any_probe_is_safe() {
        probes::prefixes_are_safe(PROBES);
    }

    #[test]
    fn points_not_addressed_are_not_found() {
        let got = super::super::covered(
            "I like computers.",
            &[P::Experience, P::Goals, P::Education],
        );
        assert!(got.is_empty(), "{got:?}");
    }
}
