//! Device loss during a session, as explicit states (as wyoming-satellite keeps its
//! satellite's life in one state enum): a session runs; a microphone or speaker that goes away
//! (unplugged, its sound server gone) is said, waited for, and the session resumes where it
//! stopped, its record saved meanwhile. [`Supervisor::next`] is the pure transition (the clock
//! is passed in), so tests drive it without devices; [`supervise`] is the loop that runs it
//! over a [`Supervised`] session.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use super::machine;

/// A device that can go away during a session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Device {
    Microphone,
    Speaker,
}

/// Where a supervised session is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    /// The session runs on both devices.
    Running,
    /// The microphone went away: wait `wait` (a flapping one is retried less and less often),
    /// then say so, aloud unless `quiet` (it flaps: said once already).
    MicLost { quiet: bool, wait: Duration },
    /// The speaker went away: wait `wait`, then say so on the terminal (nothing can be heard).
    SpeakerLost { wait: Duration },
    /// Trying to reopen the device every [`RETRY`] until it is back or a stop is asked for.
    Waiting(Device),
    /// The session ended: finished, failed, or stopped.
    Stopped,
}

/// What happened, as the loop sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event {
    /// The session ended by itself (finished, a stop, an error other than a lost device).
    Ended,
    /// A device went away.
    Lost(Device),
    /// The loss was waited for and said.
    Told,
    /// The device is open again.
    Back,
    /// A stop (Ctrl-C) while waiting.
    Stop,
}

/// A device lost again within this long of the last loss is flapping.
pub const FLAPPING: Duration = Duration::from_secs(30);

/// How often a lost device is tried again.
pub const RETRY: Duration = Duration::from_secs(2);

/// Device losses in one session: one that fails again soon after coming back (a loose plug) is
/// not announced each time and is retried less and less often (2 s, 4 s, ... up to a minute).
#[derive(Debug, Default)]
struct Losses {
    last: Option<Instant>,
    backoff: Duration,
}

impl Losses {
    /// A loss at `now`: whether to stay quiet about it, and how long to wait before reopening.
    fn lost(&mut self, now: Instant) -> (bool, Duration) {
        let flapping = self
            .last
            .is_some_and(|t| now.saturating_duration_since(t) < FLAPPING);
        self.backoff = if flapping {
            (self.backoff * 2).clamp(Duration::from_secs(2), Duration::from_secs(60))
        } else {
            Duration::ZERO
        };
        self.last = Some(now);
        (flapping, self.backoff)
    }
}

/// The state of one supervised session and the memory of its losses.
#[derive(Debug)]
pub struct Supervisor {
    state: State,
    losses: Losses,
}

impl Default for Supervisor {
    fn default() -> Self {
        Supervisor {
            state: State::Running,
            losses: Losses::default(),
        }
    }
}

impl Supervisor {
    pub fn state(&self) -> State {
        self.state
    }

    /// The transition on `event` at `now`. An event that does not fit the state (a `Back`
    /// while running) leaves it as it is.
    pub fn next(&mut self, event: Event, now: Instant) -> State {
        use State::*;
        self.state = match (self.state, event) {
            (Stopped, _) => Stopped,
            (_, Event::Stop) => Stopped,
            (Running, Event::Ended) => Stopped,
            (Running, Event::Lost(device)) => {
                let (quiet, wait) = self.losses.lost(now);
                match device {
                    Device::Microphone => MicLost { quiet, wait },
                    Device::Speaker => SpeakerLost { wait },
                }
            }
            (MicLost { .. }, Event::Told) => Waiting(Device::Microphone),
            (SpeakerLost { .. }, Event::Told) => Waiting(Device::Speaker),
            (Waiting(_), Event::Back) => Running,
            (state, _) => state,
        };
        self.state
    }
}

/// What is said when `device` went away; `saved`: the answers so far are saved.
pub fn notice(device: Device, saved: bool) -> String {
    match (device, saved) {
        (Device::Microphone, true) => "The microphone was disconnected. Your answers so far are saved. I'll go on when it's back.".into(),
        (Device::Microphone, false) => "The microphone was disconnected. I'll go on when it's back.".into(),
        (Device::Speaker, saved) => format!(
            "The speaker was disconnected.{} Waiting for it to come back.",
            if saved { " Your answers so far are saved." } else { "" }
        ),
    }
}

/// A session the supervisor runs: the interview over devices that can go away.
pub trait Supervised {
    type Error;
    /// Runs the session from `first` ([`machine::Event::Start`], then
    /// [`machine::Event::Resume`]); `Ok(true)`: it was stopped.
    ///
    /// # Errors
    /// Whatever ended the session; [`Supervised::lost`] says which errors are a lost device.
    fn run(&mut self, first: machine::Event) -> Result<bool, Self::Error>;
    /// The device an error says went away, if that is what it says.
    fn lost(&self, err: &Self::Error) -> Option<Device>;
    /// Are the answers so far saved?
    fn saved(&self) -> bool;
    /// Says `text` on the speaker if it still works.
    fn say(&mut self, text: &str);
    /// Tries once to open `device` again (the named one, else a default one).
    fn reopen(&mut self, device: Device) -> bool;
}

/// Runs `session` until it ends, riding out lost devices: the session so far is saved, the
/// loss said (aloud for a microphone, on the terminal for a speaker), the device waited for,
/// and the session resumed. `Ok(true)`: stopped (Ctrl-C), also while waiting.
///
/// # Errors
/// What ended the session, other than a lost device.
pub fn supervise<S: Supervised>(session: &mut S, stop: &AtomicBool) -> Result<bool, S::Error> {
    let mut supervisor = Supervisor::default();
    let mut resumed = false;
    let mut outcome = Ok(true);
    loop {
        let event = match supervisor.state() {
            State::Running => {
                let result = session.run(if resumed {
                    machine::Event::Resume
                } else {
                    machine::Event::Start
                });
                match result.as_ref().err().and_then(|e| session.lost(e)) {
                    Some(device) => Event::Lost(device),
                    None => {
                        outcome = result;
                        Event::Ended
                    }
                }
            }
            State::MicLost { quiet, wait } => {
                pause(wait, stop);
                let text = notice(Device::Microphone, session.saved());
                eprintln!("warmup: {text}");
                if !quiet {
                    session.say(&text);
                }
                Event::Told
            }
            State::SpeakerLost { wait } => {
                pause(wait, stop);
                eprintln!("warmup: {}", notice(Device::Speaker, session.saved()));
                Event::Told
            }
            State::Waiting(device) => {
                if wait_for(stop, || session.reopen(device)) {
                    resumed = true;
                    Event::Back
                } else {
                    outcome = Ok(true);
                    Event::Stop
                }
            }
            State::Stopped => return outcome,
        };
        supervisor.next(event, Instant::now());
    }
}

/// Sleeps `d`, waking early on Ctrl-C.
fn pause(d: Duration, stop: &AtomicBool) {
    let until = Instant::now() + d;
    while Instant::now() < until && !stop.load(Ordering::Relaxed) {
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Tries `open` every [`RETRY`] until it succeeds (`true`) or a stop is asked for (`false`).
fn wait_for(stop: &AtomicBool, mut open: impl FnMut() -> bool) -> bool {
    loop {
        if stop.load(Ordering::Relaxed) {
            return false;
        }
        if open() {
            return true;
        }
        std::thread::sleep(RETRY);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_flapping_device_is_announced_once_and_retried_less_often() {
        let t0 = Instant::now();
        let at = |s: u64| t0 + Duration::from_secs(s);
        let mut losses = Losses::default();
        assert_eq!(
            losses.lost(at(0)),
            (false, Duration::ZERO),
            "first loss: said, at once"
        );
        assert_eq!(losses.lost(at(5)), (true, Duration::from_secs(2)));
        assert_eq!(losses.lost(at(10)), (true, Duration::from_secs(4)));
        assert_eq!(losses.lost(at(20)), (true, Duration::from_secs(8)));
        for s in [30, 40, 50, 60, 70] {
            losses.lost(at(s));
        }
        assert_eq!(
            losses.lost(at(80)).1,
            Duration::from_secs(60),
            "at most a minute"
        );
        // A long quiet spell: the next loss is a new one.
        assert_eq!(losses.lost(at(200)), (false, Duration::ZERO));
    }

    #[test]
    fn a_lost_microphone_is_said_waited_for_and_resumed() {
        let t0 = Instant::now();
        let mut s = Supervisor::default();
        assert_eq!(s.state(), State::Running);
        let lost = s.next(Event::Lost(Device::Microphone), t0);
        assert_eq!(
            lost,
            State::MicLost {
                quiet: false,
                wait: Duration::ZERO
            }
        );
        assert_eq!(s.next(Event::Back, t0), lost, "not back before it is said");
        assert_eq!(s.next(Event::Told, t0), State::Waiting(Device::Microphone));
        assert_eq!(s.next(Event::Back, t0), State::Running);
        // Lost again 5 s later: flapping, said on the terminal only, retried after 2 s.
        assert_eq!(
            s.next(Event::Lost(Device::Microphone), t0 + Duration::from_secs(5)),
            State::MicLost {
                quiet: true,
                wait: Duration::from_secs(2)
            }
        );
    }

    #[test]
    fn a_lost_speaker_is_waited_for_and_a_stop_ends_any_state() {
        let t0 = Instant::now();
        let mut s = Supervisor::default();
        assert_eq!(
            s.next(Event::Lost(Device::Speaker), t0),
            State::SpeakerLost {
                wait: Duration::ZERO
            }
        );
        assert_eq!(s.next(Event::Told, t0), State::Waiting(Device::Speaker));
        assert_eq!(s.next(Event::Stop, t0), State::Stopped);
        assert_eq!(s.next(Event::Back, t0), State::Stopped, "stopped is final");
        let mut s = Supervisor::default();
        assert_eq!(s.next(Event::Ended, t0), State::Stopped);
    }

    #[test]
    fn what_is_said() {
        assert_eq!(
            notice(Device::Microphone, true),
            "The microphone was disconnected. Your answers so far are saved. I'll go on when it's back."
        );
        assert_eq!(
            notice(Device::Speaker, false),
            "The speaker was disconnected. Waiting for it to come back."
        );
    }

    /// A session whose microphone goes away once, then finishes.
    struct Flaky {
        runs: Vec<machine::Event>,
        said: Vec<String>,
        reopened: u32,
    }

    impl Supervised for Flaky {
        type Error = &'static str;
        fn run(&mut self, first: machine::Event) -> Result<bool, &'static str> {
            self.runs.push(first);
            if self.runs.len() == 1 {
                Err("mic")
            } else {
                Ok(false)
            }
        }
        fn lost(&self, err: &&'static str) -> Option<Device> {
            (*err == "mic").then_some(Device::Microphone)
        }
        fn saved(&self) -> bool {
            true
        }
        fn say(&mut self, text: &str) {
            self.said.push(text.into());
        }
        fn reopen(&mut self, _: Device) -> bool {
            self.reopened += 1;
            true
        }
    }

    #[test]
    fn the_loop_resumes_after_a_loss() {
        let mut s = Flaky {
            runs: Vec::new(),
            said: Vec::new(),
            reopened: 0,
        };
        let stop = AtomicBool::new(false);
        assert_eq!(supervise(&mut s, &stop), Ok(false));
        assert!(matches!(
            s.runs[..],
            [machine::Event::Start, machine::Event::Resume]
        ));
        assert_eq!(s.said, [notice(Device::Microphone, true)]);
        assert_eq!(s.reopened, 1);
    }
}
