//! The spoken feedback: short sentences for the ear, numbers said naturally, never a grade.
//! Pace is mentioned when it is outside 120-170 words a minute (a comfortable range for
//! interviews); otherwise it is praised briefly.

use super::Insights;

/// Feedback to speak after an answer.
pub fn feedback(i: &Insights) -> String {
    if i.word_count == 0 {
        return "I didn't catch an answer that time. You can say try again, or skip.".into();
    }
    let secs = i.delivery.duration_s.round() as u32;
    let length = if secs < 60 {
        format!("about {secs} seconds")
    } else {
        let m = secs / 60;
        let s = secs % 60;
        let mins = if m == 1 {
            "1 minute".to_string()
        } else {
            format!("{m} minutes")
        };
        if s < 10 {
            format!("about {mins}")
        } else {
            format!("about {mins} and {} seconds", (s / 10) * 10)
        }
    };
    let wpm = i.delivery.pace_wpm.round() as u32;
    let pace = if wpm < 120 {
        format!("Your pace was {wpm} words a minute, on the slow side; try a little more energy.")
    } else if wpm > 170 {
        format!("Your pace was {wpm} words a minute, quite fast; slow down a little and let key points land.")
    } else {
        format!("Your pace was {wpm} words a minute, easy to follow.")
    };
    let short = if secs < 20 {
        " A strong answer usually takes a bit longer: add an example."
    } else if secs > 150 {
        " That was a long answer: try to keep it under two minutes."
    } else {
        ""
    };
    format!(
        "Thank you. Your answer was {length}, {} words. {pace}{short}",
        i.word_count
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::insights::Delivery;

    fn ins(words: usize, secs: f32, wpm: f32) -> Insights {
        Insights {
            word_count: words,
            delivery: Delivery {
                duration_s: secs,
                pace_wpm: wpm,
                longest_pause_s: 0.0,
            },
        }
    }

    #[test]
    fn says_numbers_naturally_and_pace_only_when_notable() {
        let f = feedback(&ins(110, 75.0, 140.0));
        assert_eq!(
            f,
            "Thank you. Your answer was about 1 minute and 10 seconds, 110 words. Your pace was 140 words a minute, easy to follow."
        );
        assert!(feedback(&ins(30, 8.0, 200.0)).contains("quite fast"));
        assert!(feedback(&ins(30, 8.0, 200.0)).contains("add an example"));
        assert!(feedback(&ins(0, 0.0, 0.0)).contains("didn't catch"));
    }
}
