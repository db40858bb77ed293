//! The `warmup` binary: parse flags, run, print the error chain once.
//!
//! Exit codes: see [`warmup::exit`] (and the README's table).

use std::process::ExitCode;

use clap::Parser;
use tracing_subscriber::EnvFilter;

fn main() -> ExitCode {
    // Before anything else: a Ctrl-C or SIGTERM from the first instant on stops the work and
    // saves what there is, never kills the process half-way through.
    if let Err(e) = warmup::stop::install() {
        eprintln!("error: cannot install the Ctrl-C handler: {e}");
        return ExitCode::from(warmup::exit::ERROR);
    }
    let cli = warmup::cli::Cli::parse();
    let level = match cli.verbose {
        0 => "warn",
        1 => "info",
        _ => "debug",
    };
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_env("WARMUP_LOG").unwrap_or_else(|_| EnvFilter::new(level)),
        )
        .with_writer(std::io::stderr)
        .init();
    match warmup::app::run(cli) {
        // Stdout closed by its reader: stopped quietly (anything to save was saved).
        Ok(_) if warmup::stop::is_stdout_closed() => {
            ExitCode::from(warmup::stop::EXIT_STDOUT_CLOSED)
        }
        Ok(code) => code,
        // A report written straight to a closed stdout: as quiet as the lines above.
        Err(err) if warmup::app::is_closed_stdout(&err) => {
            ExitCode::from(warmup::stop::EXIT_STDOUT_CLOSED)
        }
        Err(err) if warmup::app::is_stopped(&err) => {
            eprintln!("stopped");
            ExitCode::from(warmup::stop::exit_code())
        }
        Err(err) => {
            eprintln!("error: {err}");
            for cause in err.chain().skip(1) {
                eprintln!("  caused by: {cause}");
            }
            warmup::app::exit_code_for(&err)
        }
    }
}
