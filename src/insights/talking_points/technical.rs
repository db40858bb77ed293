//! The technical points: definition, example, process and tools. They read the shape of an
//! explanation (a subject and its verb early on, an instance after it, an ordered sequence of
//! steps, named products), and the question's own subject, which a definition must name and a
//! tool must not be.
//!
//! - definition: in the first three sentences, a subject naming the question's own noun
//!   phrase followed by "is/are/means/has" or, for a "what is / what does / explain"
//!   question, a present-tense verb ("DNS turns ..."), "X's like ..." for "X is like ...", or
//!   early "it's a ..."/"it's when ..." with content, or
//!   a framing ("in plain words", "think of it as"); not an opinion ("is a huge problem"), a
//!   quantified subject ("each phase feeds ...") or the answer's plan ("the first thing is");
//! - example: an "e.g." marker, a later sentence opening "Like, ...", "say" opening a clause
//!   ("so say you've got ..."), a concrete past episode told with a personal subject ("we
//!   added a banner and ..."; not "I put", as likely present), the speaker's own setting with
//!   specifics, a figure or a past event ("at my company we run two-week sprints", "at the
//!   help desk I was at, eighty percent ..."; not "at my last job it was slow"), or an
//!   instance introduced with a relative clause ("we had a morning where ...");
//! - process: two or more sequence cues ("first", "then", "I'd") with an order among them (an
//!   order word, or step cues six words apart: "I'd use a VPN" is one step); not a cue narrated
//!   in the past next to it ("first I checked the switch, then we replaced a cable": a story
//!   told in order is not a procedure); time words are not order words ("back then", "at
//!   first", "next week", "once a week"); "last" only as an order word, ordinals after a
//!   determiner ("the first user") only before "step", "thing" ...;
//! - tools: the lexicon and CamelCase product names, minus generic "tools"/"software" and
//!   minus the thing a definition question asks about.

use super::doc::{figure, matches_at, modal_clause, past_at, Doc, AMBIGUOUS_PAST};
use super::lexicon::technical as cues;
use super::lexicon::EVALUATIVE;

/// A sequence: two or more process cues. "Last" only as an order word, not "my last job".
pub(super) fn process(d: &Doc) -> bool {
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
        .hits(cues::PROCESS)
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

/// The answer says what the question's subject is: "<subject> is/are/means ...", "<subject>
/// turns ...", or early "it's a ...".
pub(super) fn definition(d: &Doc) -> bool {
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
pub(super) fn example(d: &Doc) -> bool {
    if !d.hits(cues::EXAMPLE).is_empty() {
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

/// Specifics in words: a figure, or an event in the past ("someone locked out").
fn specifics(s: &[String]) -> bool {
    s.iter().any(|x| figure(x))
        || (1..s.len())
            .any(|j| past_at(s, j) && !["was", "were", "had", "did"].contains(&s[j].as_str()))
}

/// The speaker's own setting with specifics: "at my company we run two-week sprints", "for
/// my portfolio app, four out of five couldn't find it", "at the help desk I was at, eighty
/// percent of tickets ...". A vague "at my last job it was slow" is not an example.
pub(super) fn own_setting(d: &Doc) -> bool {
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
pub(super) fn introduced_instance(d: &Doc) -> bool {
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

/// Named tools: the lexicon and CamelCase product names, minus the thing a definition question
/// asks about.
pub(super) fn tools(d: &Doc) -> bool {
    let w = &d.words;
    let named = d.hits(cues::TOOLS).into_iter().any(|i| {
        // The thing a definition question asks about is its subject, not a tool used.
        !(d.asks_definition && d.in_subject(&w[i]))
    });
    named || camel_case_names(&d.raw, &d.subject)
}

#[cfg(test)]
mod tests {
    use super::super::probes::{self, Probe};
    use super::super::TalkingPoint as P;

    /// (point, question, answer, found?): phrasings written for these tests, not taken from
    /// the labelled sets.
    const PROBES: &[Probe] = &[
        // definition
        (P::Definition, "What is a firewall?", "A firewall is a filter between your network and the internet that decides which traffic gets through.", true),
        (P::Definition, "What is two-factor authentication?", "So, um, basically it's when you need a second proof besides your password, like a code on your phone.", true),
        (P::Definition, "What does a load balancer do?", "A load balancer spreads incoming requests across several servers so none of them is overwhelmed.", true),
        (P::Definition, "What is a firewall?", "We had a firewall at my last job but I never touched it.", false),
        (P::Definition, "How would you reset a password?", "First I'd verify the user, then I'd reset it in the admin console.", false),
        // example
        (P::Example, "What is a foreign key?", "It links a row to a row in another table. For instance, each order stores the id of its customer.", true),
        (P::Example, "How would you prioritise tickets?", "By impact. When I worked at the help desk we once had the whole finance team offline, so that jumped every queue.", true),
        (P::Example, "How would you prioritise tickets?", "By impact first, then by how long the ticket has been waiting.", false),
        // tools
        (P::Tools, "How do you analyse survey data?", "I clean it in Python with pandas and chart it in Looker Studio.", true),
        (P::Tools, "How do you track a project?", "I keep a board in ClickUp and a risk log in Google Sheets.", true),
        (P::Tools, "How do you analyse survey data?", "I use the right tools for the job and follow best practices.", false),
        // written afterwards to try to break the rules
        (P::Definition, "What is a VPN?", "Think of it as a private tunnel through the public internet between your laptop and the office.", true),
        (P::Example, "What is social engineering?", "Tricking people rather than machines. Take a fake call from IT asking for your password.", true),
        (P::Tools, "How do you document a process?", "I draw the flow in Lucidchart and keep the steps in Confluence.", true),
        (P::Definition, "How would you set up a new laptop?", "The first thing is to check the asset tag and enrol it in Intune.", false),
        (P::Definition, "When would you use the median instead of the mean?", "The median is the middle value, so one huge salary does not drag it up.", true),
        // example: the speaker's own setting with specifics, "say ...", introduced instances
        (P::Example, "What is a load balancer?", "It spreads traffic across servers. At our office we ran two of them in front of the booking site.", true),
        (P::Example, "What is a load balancer?", "It spreads traffic across servers. At my old company it was always a headache.", false),
        (P::Example, "What is caching?", "It keeps a copy close by. So say you've opened the same report ten times, the second load comes from memory.", true),
        (P::Example, "What is caching?", "I'd say the main idea is keeping copies of data close to where they are used.", false),
        (P::Example, "What is a phishing email?", "It's a fake message that tricks you into clicking. We had a week where half the sales team got a fake invoice.", true),
        (P::Example, "What is a firewall?", "It filters traffic between networks. We had plenty of them and they were all configured differently.", false),
        (P::Example, "What is overfitting?", "A model that memorises its training data. Spam filters are the classic case: it flags every email with the word sale.", true),
        (P::Example, "How do you onboard a new hire?", "First I create the account, then I put them in the right groups and set a temporary password.", false),
        // definition: "it's when ...", "X's like ..."
        (P::Definition, "What is a race condition?", "its when two threads touch the same data at once and the result depends on who gets there first", true),
        (P::Definition, "What is a sprint?", "A sprint's like a short fixed box of time, usually two weeks, where the team finishes a set of work.", true),
        // process: ordinal adjectives are not order words
        (P::Process, "What is a cookie?", "A small file the site stores in your browser, and then the first page you open sends it back.", false),
        (P::Process, "How does a DNS lookup work?", "In sequence: your machine asks the resolver, then the resolver asks the root and the top-level servers.", true),
        // process: a story told in order is not a procedure; one step is not a sequence
        (P::Process, "How do you troubleshoot a slow network?", "Last month the office was crawling. First I checked the switch, then we replaced a cable and after that it was fine.", false),
        (P::Process, "How do you handle a phishing report?", "One time a user reported an email and I then deleted it from every mailbox.", false),
        (P::Process, "How do you secure remote access?", "I'd use a VPN for that.", false),
        (P::Process, "How do you secure remote access?", "I'd use a VPN, honestly, because it's what everyone already knows.", false),
        (P::Process, "How do you troubleshoot a slow network?", "First I check the switch, then I look at the cable, and after that I run a speed test.", true),
        (P::Process, "How do you troubleshoot a slow network?", "I'd start with the switch. Then I'd look at the cables and finally run a speed test.", true),
        (P::Process, "How do you handle a phishing report?", "you pull the email from every mailbox, you run a scan on the laptop and you decide whether to block the sender", true),
        (P::Process, "How does a VPN work?", "Your laptop encrypts the traffic first, then sends it through a tunnel to the gateway, which decrypts it.", true),
        // process: time words are not order words
        (P::Process, "How do you back up a server?", "Back then we did it once a week, by hand.", false),
        (P::Process, "How do you back up a server?", "At first it seemed fine, and since then nobody has touched it.", false),
        (P::Process, "How do you back up a server?", "Once the nightly job finishes, you copy the image offsite, and then you test a restore.", true),
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
        let all = [P::Definition, P::Example, P::Process, P::Tools];
        let got = super::super::covered("Phishing is an email that tricks you.", &all);
        assert_eq!(got, [P::Definition]);
        assert!(super::super::covered("", &[P::Definition]).is_empty());
    }
}
