//! `--show`: a terminal view for partially sighted users: the question and the live transcript
//! in double-size (DEC double-height, double-width lines, which xterm, GNOME Terminal, Konsole
//! and the Linux console's successors draw), bold white on black. Everything in it is also
//! spoken: the view is never needed.

use std::io::Write;

use crate::session::driver::Progress;

const CLEAR: &str = "\x1b[2J\x1b[H";
const CONTRAST: &str = "\x1b[1;97;40m";
const RESET: &str = "\x1b[0m";

/// The terminal's width in columns (`COLUMNS`, else 80).
fn columns() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .filter(|c: &usize| *c >= 20)
        .unwrap_or(80)
}

/// Words wrapped to lines of at most `width` characters.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.len() + 1 + word.len() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// `text` in double-size lines (each drawn twice: top half, bottom half).
fn big(text: &str, width: usize) -> String {
    let mut out = String::new();
    for line in wrap(text, width / 2) {
        out.push_str(&format!(
            "\x1b#3{CONTRAST}{line}{RESET}\n\x1b#4{CONTRAST}{line}{RESET}\n"
        ));
    }
    out
}

/// The view's state: what the agent last asked, what the user is saying.
#[derive(Default)]
pub(super) struct Show {
    question: String,
    said: String,
    you: String,
    status: &'static str,
}

impl Show {
    /// Updates the view with what happened and redraws it.
    pub(super) fn update(&mut self, p: &Progress<'_>) {
        match p {
            Progress::Said(text) => {
                if text.starts_with("Question ") {
                    self.question = (*text).to_string();
                    self.you.clear();
                }
                self.said = (*text).to_string();
                self.status = "warmup is speaking";
            }
            Progress::Partial(text) => {
                self.you = (*text).to_string();
                self.status = "listening";
            }
            Progress::Heard(text) => {
                self.you = (*text).to_string();
                self.status = "heard you";
            }
            Progress::NoSpeech => self.status = "listening",
            Progress::BargedIn { .. } => self.status = "listening (you spoke over me)",
            Progress::Voice { .. } | Progress::Recorded(_) => return,
        }
        let width = columns();
        let mut screen = format!(
            "{CLEAR}{CONTRAST} {} {RESET}\n\n",
            self.status.to_uppercase()
        );
        if !self.question.is_empty() {
            screen.push_str(&big(&self.question, width));
            screen.push('\n');
        }
        if self.said != self.question {
            screen.push_str(&format!("{CONTRAST}{}{RESET}\n\n", self.said));
        }
        if !self.you.is_empty() {
            screen.push_str(&big(&format!("YOU: {}", self.you), width));
        }
        let mut out = std::io::stdout().lock();
        let _ = out.write_all(screen.as_bytes());
        let _ = out.flush();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_wrapped_and_drawn_double_size() {
        assert_eq!(wrap("one two three four", 9), ["one two", "three", "four"]);
        let b = big("Tell me about yourself", 40);
        assert_eq!(
            b.matches("\x1b#3").count(),
            2,
            "two wrapped lines, top halves"
        );
        assert_eq!(b.matches("\x1b#4").count(), 2, "and bottom halves");
        let mut s = Show::default();
        s.update(&Progress::Said("Question 1 of 5. What is DNS?"));
        s.update(&Progress::Partial("It turns names"));
        assert_eq!((s.you.as_str(), s.status), ("It turns names", "listening"));
    }
}
