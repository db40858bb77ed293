//! The spoken feedback: most useful first, short sentences for the ear, numbers said naturally,
//! encouraging and never a grade, and under about 75 words (30 seconds of speech). Thresholds:
//! pace is mentioned outside 120-170 words a minute; fillers above 5 a minute (and at least 3);
//! a word is "leaned on" from 3 uses.

use super::{Insights, TalkingPoint};

/// Words for each talking point, as they are said.
fn spoken(point: TalkingPoint) -> &'static str {
    match point {
        TalkingPoint::Experience => "your experience",
        TalkingPoint::Skills => "your skills",
        TalkingPoint::Goals => "your goals",
        TalkingPoint::Education => "your education",
        TalkingPoint::Motivation => "what motivates you",
        TalkingPoint::Situation => "the situation",
        TalkingPoint::Task => "your task",
        TalkingPoint::Action => "what you did",
        TalkingPoint::Result => "the result",
        TalkingPoint::Lesson => "what you learned",
        TalkingPoint::Definition => "a clear definition",
        TalkingPoint::Example => "an example",
        TalkingPoint::Process => "the steps",
        TalkingPoint::Tools => "the tools you would use",
    }
}

fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [a] => a.clone(),
        [a, b] => format!("{a} and {b}"),
        [rest @ .., last] => format!("{}, and {last}", rest.join(", ")),
    }
}

fn times(n: usize) -> String {
    match n {
        1 => "once".into(),
        2 => "twice".into(),
        n => format!("{n} times"),
    }
}

/// The most useful pace sentence, if pace is notable.
fn pace(wpm: f32) -> Option<String> {
    let wpm = wpm.round() as u32;
    if wpm == 0 {
        None
    } else if wpm < 120 {
        Some(format!(
            "Your pace was {wpm} words a minute, a little slow; try a bit more energy."
        ))
    } else if wpm > 170 {
        Some(format!(
            "Your pace was {wpm} words a minute, quite fast; slow down and let key points land."
        ))
    } else {
        None
    }
}

/// What is new or better in a second try at a question, said before its feedback: parts it
/// covers that the first did not (a story's result counts as a part), fewer fillers, job terms
/// it added. `None` when nothing stands out.
pub fn changes(first: &Insights, again: &Insights) -> Option<String> {
    if again.word_count == 0 {
        return None;
    }
    let had = |i: &Insights, p: TalkingPoint| {
        i.talking_points.covered.contains(&p)
            || (p == TalkingPoint::Result && i.star.as_ref().is_some_and(|s| s.result))
    };
    let mut new_points: Vec<TalkingPoint> = again
        .talking_points
        .covered
        .iter()
        .copied()
        .filter(|&p| !had(first, p))
        .collect();
    if had(again, TalkingPoint::Result)
        && !had(first, TalkingPoint::Result)
        && !new_points.contains(&TalkingPoint::Result)
    {
        new_points.push(TalkingPoint::Result);
    }
    let mut parts = Vec::new();
    if !new_points.is_empty() {
        let names: Vec<String> = new_points.iter().map(|&p| spoken(p).to_string()).collect();
        parts.push(format!("This time you gave {}.", and_list(&names)));
    }
    if first.fillers.total >= 2 && again.fillers.total < first.fillers.total {
        parts.push(format!(
            "Fewer fillers: {} instead of {}.",
            again.fillers.total, first.fillers.total
        ));
    }
    let used_first: Vec<String> = first
        .job_terms
        .used
        .iter()
        .map(|t| t.to_lowercase())
        .collect();
    let added: Vec<String> = again
        .job_terms
        .used
        .iter()
        .filter(|t| !used_first.contains(&t.to_lowercase()))
        .take(2)
        .cloned()
        .collect();
    if !added.is_empty() {
        parts.push(format!("You added {}.", and_list(&added)));
    }
    (!parts.is_empty()).then(|| parts.join(" "))
}

/// Feedback to speak after an answer.
pub fn feedback(i: &Insights) -> String {
    if i.word_count == 0 {
        return "I didn't catch an answer that time. You can say try again, or skip.".into();
    }
    let mut parts: Vec<String> = vec!["Thank you.".into()];
    let covered: Vec<String> = i
        .talking_points
        .covered
        .iter()
        .map(|&p| spoken(p).to_string())
        .collect();
    if !covered.is_empty() {
        parts.push(format!("You covered {}.", and_list(&covered)));
    }
    if let Some(p) = i.talking_points.to_consider.first() {
        parts.push(format!("Consider adding {}.", spoken(*p)));
    }
    if let Some(star) = &i.star {
        if star.situation
            && star.action
            && !star.result
            && !i.talking_points.to_consider.contains(&TalkingPoint::Result)
        {
            parts.push("Finish the story with its result.".into());
        }
    }
    if let Some(w) = i.most_used_words.first().filter(|w| w.count >= 3) {
        match w.synonyms.first() {
            Some(s) => parts.push(format!(
                "You said {} {}; you could also say {s}.",
                w.word,
                times(w.count)
            )),
            None => parts.push(format!(
                "You said {} {}; try varying it.",
                w.word,
                times(w.count)
            )),
        }
    }
    if let Some(t) = i.job_terms.to_consider.first() {
        if i.job_terms.used.is_empty() {
            parts.push(format!("A term you could use here is {t}."));
        } else {
            parts.push(format!(
                "Good use of {}. You could also mention {t}.",
                i.job_terms.used[0]
            ));
        }
    }
    if i.fillers.total >= 3 && i.fillers.per_minute > 5.0 {
        let top = i
            .fillers
            .by_word
            .iter()
            .max_by_key(|(_, n)| **n)
            .map(|(w, _)| w.clone())
            .unwrap_or_default();
        parts.push(format!(
            "I heard {} filler words, mostly {top}. A short pause works better.",
            i.fillers.total
        ));
    }
    if let Some(p) = pace(i.delivery.pace_wpm) {
        parts.push(p);
    }
    if i.delivery.duration_s == 0.0 {
        // No timings (typed text): length advice by words instead.
        if i.word_count < 40 {
            parts.push("A strong answer usually runs a little longer.".into());
        }
    } else if i.delivery.duration_s < 15.0 {
        parts.push("A strong answer usually runs a little longer.".into());
    } else if i.delivery.duration_s > 150.0 {
        parts.push("That was long; aim for under two minutes.".into());
    }
    // Keep it under about 75 words: drop the least useful (last) parts first.
    let mut out = String::new();
    for p in parts {
        let words = out.split_whitespace().count() + p.split_whitespace().count();
        if words > 75 {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&p);
    }
    out
}

/// A length of time as it is said: "40 seconds", "1 minute", "2 minutes and 5 seconds".
fn duration(s: f32) -> String {
    let s = s.round() as u32;
    let (m, s) = (s / 60, s % 60);
    let unit = |n: u32, one: &str| format!("{n} {one}{}", if n == 1 { "" } else { "s" });
    match (m, s) {
        (0, s) => unit(s, "second"),
        (m, 0) => unit(m, "minute"),
        (m, s) => format!("{} and {}", unit(m, "minute"), unit(s, "second")),
    }
}

/// Everything about the answer, for "tell me more": each part in its own short sentences, in
/// the order of the report. Not bounded in length: the user asked for it.
pub fn detail(i: &Insights) -> String {
    if i.word_count == 0 {
        return "There is nothing more: I didn't catch an answer.".into();
    }
    let spoken_all = |ps: &[TalkingPoint]| -> String {
        and_list(
            &ps.iter()
                .map(|&p| spoken(p).to_string())
                .collect::<Vec<_>>(),
        )
    };
    let mut parts = Vec::new();
    let tp = &i.talking_points;
    match (tp.covered.is_empty(), tp.to_consider.is_empty()) {
        (false, _) => parts.push(format!("You covered {}.", spoken_all(&tp.covered))),
        (true, false) => parts.push("I didn't hear the usual talking points yet.".into()),
        (true, true) => {}
    }
    if !tp.to_consider.is_empty() {
        parts.push(format!("To consider: {}.", spoken_all(&tp.to_consider)));
    }
    if let Some(star) = &i.star {
        let missing: Vec<String> = [
            (TalkingPoint::Situation, star.situation),
            (TalkingPoint::Task, star.task),
            (TalkingPoint::Action, star.action),
            (TalkingPoint::Result, star.result),
        ]
        .iter()
        .filter(|(_, has)| !has)
        .map(|&(p, _)| spoken(p).to_string())
        .collect();
        if missing.is_empty() {
            parts.push("Your story had a situation, a task, an action and a result.".into());
        } else {
            parts.push(format!(
                "Your story could say more about {}.",
                and_list(&missing)
            ));
        }
    }
    for w in &i.most_used_words {
        let mut s = format!("You said {} {}", w.word, times(w.count));
        if !w.synonyms.is_empty() {
            s.push_str(&format!("; alternatives are {}", and_list(&w.synonyms)));
        }
        s.push('.');
        parts.push(s);
    }
    if !i.job_terms.used.is_empty() {
        parts.push(format!(
            "Job terms you used: {}.",
            and_list(&i.job_terms.used)
        ));
    }
    if !i.job_terms.to_consider.is_empty() {
        parts.push(format!(
            "Terms you could add: {}.",
            and_list(&i.job_terms.to_consider)
        ));
    }
    if i.fillers.total == 0 {
        parts.push("I heard no filler words.".into());
    } else {
        let by: Vec<String> = i
            .fillers
            .by_word
            .iter()
            .map(|(w, n)| format!("{w} {}", times(*n)))
            .collect();
        parts.push(format!(
            "I heard {} filler word{}: {}.",
            i.fillers.total,
            if i.fillers.total == 1 { "" } else { "s" },
            and_list(&by)
        ));
    }
    if i.hedges.total > 0 {
        let by: Vec<String> = i
            .hedges
            .by_phrase
            .iter()
            .map(|(w, n)| format!("{w} {}", times(*n)))
            .collect();
        parts.push(format!("Hedging phrases: {}.", and_list(&by)));
    }
    let d = &i.delivery;
    if d.duration_s > 0.0 {
        parts.push(format!(
            "The answer lasted {}, {} words, at {} words a minute.",
            duration(d.duration_s),
            i.word_count,
            d.pace_wpm.round() as u32
        ));
        if d.longest_pause_s >= 1.0 {
            parts.push(format!(
                "Your longest pause was {}.",
                duration(d.longest_pause_s)
            ));
        }
    } else {
        parts.push(format!("The answer had {} words.", i.word_count));
    }
    parts.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::insights::fillers::{Fillers, Hedges};
    use crate::insights::terms::JobTerms;
    use crate::insights::words::UsedWord;
    use crate::insights::{Delivery, TalkingPoints};

    fn ins() -> Insights {
        Insights {
            talking_points: TalkingPoints {
                covered: vec![TalkingPoint::Experience, TalkingPoint::Skills],
                to_consider: vec![TalkingPoint::Goals],
            },
            most_used_words: vec![UsedWord {
                word: "really".into(),
                count: 5,
                synonyms: vec!["truly".into()],
            }],
            job_terms: JobTerms {
                used: vec!["siem".into()],
                to_consider: vec!["incident response".into()],
            },
            fillers: Fillers::default(),
            hedges: Hedges::default(),
            word_count: 110,
            delivery: Delivery {
                duration_s: 45.0,
                pace_wpm: 146.0,
                longest_pause_s: 1.0,
            },
            star: None,
        }
    }

    #[test]
    fn a_second_try_hears_what_is_new_or_better() {
        let first = ins();
        let mut again = ins();
        again.talking_points.covered.push(TalkingPoint::Goals);
        again.talking_points.to_consider.clear();
        again.job_terms.used.push("SIEM".into()); // used the first time too (as "siem")
        again.job_terms.used.push("phishing".into());
        let mut f = first.clone();
        f.fillers.total = 6;
        again.fillers.total = 1;
        let said = changes(&f, &again).unwrap();
        assert_eq!(
            said,
            "This time you gave your goals. Fewer fillers: 1 instead of 6. You added phishing."
        );
        // Nothing new: nothing said. An empty second try: nothing said either.
        assert_eq!(changes(&first, &first), None);
        let mut empty = ins();
        empty.word_count = 0;
        assert_eq!(changes(&first, &empty), None);
    }
    #[test]
    fn most_useful_first_and_short() {
        let f = feedback(&ins());
        assert_eq!(
            f,
            "Thank you. You covered your experience and your skills. Consider adding your goals. You said really 5 times; you could also say truly. Good use of siem. You could also mention incident response."
        );
        assert!(f.split_whitespace().count() <= 75);
    }

    #[test]
    fn pace_and_fillers_only_when_notable() {
        let mut i = ins();
        i.delivery.pace_wpm = 190.0;
        i.fillers.total = 9;
        i.fillers.per_minute = 12.0;
        i.fillers.by_word.insert("um".into(), 7);
        let f = feedback(&i);
        assert!(f.contains("quite fast") && f.contains("mostly um"), "{f}");
        assert!(f.split_whitespace().count() <= 75, "{f}");
        assert!(feedback(&Insights {
            word_count: 0,
            ..ins()
        })
        .contains("didn't catch"));
    }

    #[test]
    fn detail_says_everything_in_sentences() {
        let mut i = ins();
        i.fillers.total = 3;
        i.fillers.by_word.insert("um".into(), 2);
        i.fillers.by_word.insert("like".into(), 1);
        i.delivery.longest_pause_s = 2.4;
        i.delivery.duration_s = 85.0;
        let d = detail(&i);
        for want in [
            "You covered your experience and your skills.",
            "To consider: your goals.",
            "You said really 5 times; alternatives are truly.",
            "Job terms you used: siem.",
            "Terms you could add: incident response.",
            "I heard 3 filler words: like once and um twice.",
            "The answer lasted 1 minute and 25 seconds, 110 words, at 146 words a minute.",
            "Your longest pause was 2 seconds.",
        ] {
            assert!(d.contains(want), "{want:?} not in {d:?}");
        }
        assert!(!d.contains(['[', '{', '_', '%']), "{d}");
        assert!(detail(&Insights {
            word_count: 0,
            ..ins()
        })
        .contains("nothing more"));
        assert_eq!(duration(60.0), "1 minute");
        assert_eq!(duration(7.2), "7 seconds");
    }
}
