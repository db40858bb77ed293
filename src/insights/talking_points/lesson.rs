//! The lesson of a behavioral answer: what the story taught. Kept apart from the other story
//! points because it reads the story the other way round: a lesson is what is *not* narrated
//! (a habit, a counterfactual, advice), said after the story.
//!
//! - lesson: a first-person "learn", a counterfactual with a person ("I should have", "if I
//!   did it again", "next time I", "differently"; not "it should have been done by Friday",
//!   "I'd have to call", "I'd never done"), a habit dating from the story ("now I ...", "I'm
//!   now", "I always" in the second half of a story and not itself narrated: not "now I work
//!   at" opening the answer, "I never got a reply") or advice after it, said as advice
//!   ("You have to ...", "Don't ...", "Always ..."; not any "you" sentence: "you see a lot of
//!   that"); "realized" only for what it taught ("I realized I need to"), not a discovery in
//!   the story ("I realized the backup was old"); "I'll never forget" is a memory; "lessons
//!   learned session" and "lesson plans" are nouns.

use super::doc::{is_past, matches_at, next_is, past_at, Doc};
use super::lexicon::story as cues;
use super::story::narrative;

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

/// What the story taught: a cue read in its context, a lesson construction
/// ([`lesson_structure`]), or, asked what they learned, an answer that tells no story.
pub(super) fn lesson(d: &Doc) -> bool {
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
    let found = d.hits(cues::LESSON).into_iter().any(|i| {
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

/// Lessons said as constructions: a first-person "learn", a counterfactual ("we should have",
/// "if I did it again"), a habit that dates from the story ("now I ...", "nowadays"), or advice
/// in the present after a past story ("You don't guess.").
pub(super) fn lesson_structure(d: &Doc) -> bool {
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

#[cfg(test)]
mod tests {
    use super::super::probes::{self, Probe};
    use super::super::TalkingPoint as P;

    /// (point, question, answer, found?): phrasings written for these tests, not taken from
    /// the labelled sets.
    const PROBES: &[Probe] = &[
        // lesson
        (P::Lesson, "Tell me about a mistake.", "I deleted the wrong folder on a file server. I restored it from backup within an hour. It taught me to double check paths before running anything destructive.", true),
        (P::Lesson, "Tell me about a mistake.", "I promised a date I couldn't hit. In hindsight I should have asked the developers first.", true),
        (P::Lesson, "Tell me about a mistake.", "I missed a deadline once. Next time I'd flag the risk a week earlier.", true),
        (P::Lesson, "Tell me about a project.", "We held a lessons learned session at the end of the project.", false),
        // written afterwards to try to break the rules
        (P::Lesson, "Tell me about a mistake.", "I sent a report with a wrong total to the director. I corrected it the same day. I'm much more careful with totals now.", true),
        // structural rules
        (P::Lesson, "Tell me about a mistake.", "I skipped the backup before an upgrade and lost a morning of work. If I did it again I'd snapshot the machine first.", true),
        (P::Lesson, "Tell me about a conflict.", "We argued about the release date. I set up a call and we agreed to move it a week. You don't win those by email.", true),
        (P::Lesson, "Tell me about a time you failed. What did you learn from it?", "Our launch slipped two weeks because I trusted a vendor estimate and the vendor was late.", false),
        // lesson
        (P::Lesson, "Tell me about a failure.", "The launch slipped a month. The thing I keep coming back to is that I never wrote the risks down.", true),
        // lesson: habits and counterfactuals need a story and a person; discoveries are not lessons
        (P::Lesson, "Tell me about a conflict.", "Now I work at a bank on the service desk. My manager and I disagreed about a ticket and we talked it through.", false),
        (P::Lesson, "Tell me about a conflict.", "I always double check my work. A coworker said I broke the build and I showed him the log.", false),
        (P::Lesson, "Tell me about a deadline.", "The report was late. I asked for help and I never got a reply, so I finished it on my own that night.", false),
        (P::Lesson, "Tell me about a mistake.", "I restored the wrong folder. Then I realized the backup was from the week before, so I called the vendor.", false),
        (P::Lesson, "Tell me about a deadline.", "The migration should have been done by Friday, but the vendor sent the drives late, so we worked Saturday.", false),
        (P::Lesson, "Tell me about a conflict.", "A client yelled at me about a refund. I listened and I gave her the refund. You see a lot of that in retail.", false),
        (P::Lesson, "Tell me about a mistake.", "I restored the wrong folder and the team lost a day of work. Now I always check the path twice before I restore anything.", true),
        (P::Lesson, "Tell me about a mistake.", "I deleted the wrong branch. I realized that I need to read every command before I hit enter.", true),
        (P::Lesson, "Tell me about a deadline.", "We missed the deadline by a week. Honestly, I should have flagged it much earlier.", true),
        (P::Lesson, "Tell me about a conflict.", "A client yelled at me about a refund and I stayed calm. You have to let them finish before you answer.", true),
        (P::Lesson, "Tell me about a mistake.", "I pushed a config straight to production and it took the site down. Don't skip staging, ever.", true),
        (P::Lesson, "Tell me about a deadline.", "The vendor was late. I'd never done a migration alone, so I read the manual twice and we moved the mail by Sunday.", false),
        (P::Lesson, "Tell me about a deadline.", "The vendor was late and I knew I'd have to call them every morning, so I did, and we moved the mail by Sunday.", false),
        (P::Lesson, "Tell me about a customer.", "A man came in crying because his laptop died with his wedding photos on it. I recovered them that night. I'll never forget his face.", false),
        (P::Lesson, "Tell me about a mistake.", "I skipped the backup and lost a day of work. I'll never skip it again.", true),
        (P::Lesson, "Tell me about a mistake.", "I skipped the backup and lost a day of work. I'd have done it differently with a checklist.", true),
        // process: time words are not order words
        (P::Lesson, "Tell me about a surprise.", "We shipped a checkout nobody could use. My job was the user tests and five of six people got lost. That humbled me, now I test the rough version before anyone gets attached.", true),
        (P::Lesson, "Tell me about a deadline.", "The vendor shipped late and we had two days left, so I took the weekend. Now I was the only one who knew the setup, so I wrote it all down.", false),
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
}
