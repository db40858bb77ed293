//! Every exit code `warmup` ends with, in one place (the README's table lists the same).

/// The command did what it was asked.
pub const SUCCESS: u8 = 0;

/// An error: the message says what and why (also `banks check` finding problems).
pub const ERROR: u8 = 1;

/// Bad usage: an unknown flag, a missing or malformed argument (clap's own code).
pub const USAGE: u8 = 2;

/// A model is missing or corrupt (`warmup models fetch` fixes it), or a whisper model the user
/// gave cannot be used.
pub const MODELS: u8 = 3;

/// `devices` found no usable input or output (or not the configured ones): the kiosk unit's
/// start check, which systemd retries until the headset is there. Its own code, so that a script
/// tells "no headset yet" from "no model".
pub const NO_DEVICE: u8 = 4;

/// Stopped by Ctrl-C or SIGTERM (what a shell shows for SIGINT); the work so far is saved.
pub const INTERRUPTED: u8 = 130;

/// Stopped because stdout was closed by its reader (`warmup demo | head -3`): what a shell
/// shows for a program stopped by SIGPIPE, without the message.
pub const STDOUT_CLOSED: u8 = 141;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_readme_lists_every_exit_code() {
        let readme = include_str!("../README.md");
        for (code, name) in [
            (SUCCESS, "SUCCESS"),
            (ERROR, "ERROR"),
            (USAGE, "USAGE"),
            (MODELS, "MODELS"),
            (NO_DEVICE, "NO_DEVICE"),
            (INTERRUPTED, "INTERRUPTED"),
            (STDOUT_CLOSED, "STDOUT_CLOSED"),
        ] {
            let row = format!("| {code} | `{name}` |");
            assert!(readme.contains(&row), "README lacks {row}");
        }
    }

    #[test]
    fn usage_is_clap_s_code() {
        use clap::Parser;
        let err =
            crate::cli::Cli::try_parse_from(["warmup", "demo", "--no-such-flag"]).unwrap_err();
        assert_eq!(err.exit_code(), i32::from(USAGE));
    }
}
