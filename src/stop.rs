//! Stopping: Ctrl-C, a service stop (SIGTERM) and a closed stdout all raise one process-wide
//! flag. The handler is installed first thing in `main`, before any argument is parsed or any
//! model loaded, so that a signal is never lost to the default action. Whatever runs long reads
//! the flag: the session between frames, whisper through its abort callback, Piper between
//! pieces of text. Whatever cannot stop at once (a step of whisper's that does not poll, a
//! sentence on a busy CPU) is cut off by a watchdog [`GRACE`] after the stop. A second Ctrl-C
//! or SIGTERM while the first is being handled ends the process at once (exit code 130), as a
//! user pressing it again expects.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

/// Exit code after Ctrl-C or SIGTERM ([`crate::exit::INTERRUPTED`]).
pub const EXIT_INTERRUPTED: u8 = crate::exit::INTERRUPTED;

/// Exit code after stdout was closed by its reader ([`crate::exit::STDOUT_CLOSED`]).
pub const EXIT_STDOUT_CLOSED: u8 = crate::exit::STDOUT_CLOSED;

static FLAG: OnceLock<Arc<AtomicBool>> = OnceLock::new();
static STDOUT_CLOSED: AtomicBool = AtomicBool::new(false);

/// The process-wide stop flag (created unset on first use).
pub fn flag() -> Arc<AtomicBool> {
    Arc::clone(FLAG.get_or_init(|| Arc::new(AtomicBool::new(false))))
}

/// Has a stop been asked for?
pub fn requested() -> bool {
    FLAG.get().is_some_and(|f| f.load(Ordering::Relaxed))
}

/// Stdout was closed by its reader: nothing more is printed and everything stops, as after a
/// signal (a session is saved first).
pub fn stdout_closed() {
    STDOUT_CLOSED.store(true, Ordering::Relaxed);
    flag().store(true, Ordering::Relaxed);
}

/// Was stdout closed by its reader?
pub fn is_stdout_closed() -> bool {
    STDOUT_CLOSED.load(Ordering::Relaxed)
}

/// The exit code of a run that was stopped: [`EXIT_STDOUT_CLOSED`] or [`EXIT_INTERRUPTED`].
pub fn exit_code() -> u8 {
    if is_stdout_closed() {
        EXIT_STDOUT_CLOSED
    } else {
        EXIT_INTERRUPTED
    }
}

/// Prints a line on stdout. A closed stdout is not an error to report (and never a panic, as
/// `println!` gives): it stops the work, quietly.
pub fn print_line(args: std::fmt::Arguments<'_>) {
    use std::io::Write;
    if is_stdout_closed() {
        return;
    }
    let mut out = std::io::stdout().lock();
    let written = out
        .write_fmt(args)
        .and_then(|()| out.write_all(b"\n"))
        .and_then(|()| out.flush());
    if let Err(e) = written {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            stdout_closed();
        } else {
            tracing::warn!("writing to stdout: {e}");
        }
    }
}

/// `println!` that survives a closed stdout ([`print_line`]).
#[macro_export]
macro_rules! out {
    ($($arg:tt)*) => {
        $crate::stop::print_line(format_args!($($arg)*))
    };
}

/// Work abandoned because a stop was asked for.
#[derive(Debug, thiserror::Error)]
#[error("stopped")]
pub struct Stopped;

/// `Err(Stopped)` once a stop was asked for: for long work between its steps (loading models).
///
/// # Errors
/// [`Stopped`].
pub fn check() -> Result<(), Stopped> {
    if requested() {
        Err(Stopped)
    } else {
        Ok(())
    }
}

/// Installs the SIGINT and SIGTERM handlers: the first sets the flag, a second exits at once.
///
/// # Errors
/// The OS refused a handler.
pub fn install() -> std::io::Result<Arc<AtomicBool>> {
    use signal_hook::consts::{SIGINT, SIGTERM};
    let stop = flag();
    for signal in [SIGINT, SIGTERM] {
        // Order matters: the shutdown is armed only once the flag is already set.
        signal_hook::flag::register_conditional_shutdown(
            signal,
            i32::from(EXIT_INTERRUPTED),
            Arc::clone(&stop),
        )?;
        signal_hook::flag::register(signal, Arc::clone(&stop))?;
    }
    Ok(stop)
}

/// How long a session may take to wind down after a stop (the rest of a decoding step or of
/// a sentence, the save) before the process ends anyway: within the second a stop promises.
pub const GRACE: Duration = Duration::from_millis(800);

/// A watchdog: once the flag is raised, the process ends `grace` later with [`exit_code`]
/// if it has not ended by itself. Work that reads the flag gets [`GRACE`] to stop in order
/// (a session saves every answer as it comes, so a cut-off save loses nothing recorded: the
/// previous copy stays whole); work that does not (fetching models, checking banks) gets
/// none. Files such work writes are written under a temporary name and renamed, so nothing
/// half-written is left looking finished.
pub fn exit_within(grace: Duration) {
    let _ = last_words();
    let stop = flag();
    std::thread::spawn(move || {
        while !stop.load(Ordering::Relaxed) {
            std::thread::sleep(Duration::from_millis(10));
        }
        std::thread::sleep(grace);
        // What the orderly path would have printed last (where the session is saved): written
        // straight to fd 1, since the main thread may hold stdout's lock.
        if let Ok(words) = last_words().try_lock() {
            if !words.is_empty() {
                // SAFETY: writes bytes from a live buffer to fd 1.
                unsafe { libc::write(1, words.as_ptr().cast(), words.len()) };
            }
        }
        // `_exit`: no atexit handlers or C++ destructors run under threads still decoding.
        // SAFETY: ends the process; touches no Rust state.
        unsafe { libc::_exit(i32::from(exit_code())) }
    });
}

fn last_words() -> &'static std::sync::Mutex<String> {
    static WORDS: OnceLock<std::sync::Mutex<String>> = OnceLock::new();
    WORDS.get_or_init(|| std::sync::Mutex::new(String::new()))
}

/// Lines for stdout if [`exit_within`]'s watchdog has to end the process (e.g. `saved: PATH` once
/// a session has been saved): the user still learns where the work so far is. Empty: nothing.
/// Replaced by each call; the orderly path clears it once it has printed them itself.
pub fn set_last_words(text: String) {
    if let Ok(mut w) = last_words().lock() {
        *w = text;
    }
}
