//! The commands, one file each, over the library: [`run`] builds the [`Settings`] once from
//! the flags and the config file, dispatches, and errors map to exit codes ([`crate::exit`]).
//! Errors are `anyhow` here and only here.

use std::process::ExitCode;

use crate::asr::AsrError;
use crate::cli::{BanksCommand, Cli, Command, ModelsCommand};
use crate::exit;
use crate::models::ModelError;
use crate::tts::TtsError;

mod analyze;
mod answer;
mod banks;
mod demo;
mod devices;
mod forget;
mod kiosk;
mod models;
mod practice;
mod process;
mod progress;
mod say;
mod session;
mod settings;
mod show;
mod simulate;
mod transcribe;

pub use settings::{Settings, DEFAULT_FIELD};

/// Runs one command.
///
/// # Errors
/// Anything the command cannot do, with its cause chain.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let settings = Settings::new(&cli)?;
    // Sessions, `say`, `transcribe` and `answer` read the stop flag and stop in order (a
    // session is saved first), within `stop::GRACE`; the rest simply end on Ctrl-C.
    let stops_itself = matches!(
        cli.command,
        Command::Practice(_)
            | Command::Kiosk(_)
            | Command::Demo(_)
            | Command::Say(_)
            | Command::Transcribe(_)
            | Command::Answer(_)
    );
    crate::stop::exit_within(if stops_itself {
        crate::stop::GRACE
    } else {
        std::time::Duration::ZERO
    });
    let s = &settings;
    match cli.command {
        Command::Models(ModelsCommand::Fetch(args)) => {
            models::fetch(&s.layout, s.whisper_name.as_deref(), &args)
        }
        Command::Models(ModelsCommand::Check) => {
            models::check(&s.layout, s.whisper_name.as_deref())
        }
        Command::Say(args) => say::say(s, &args),
        Command::Transcribe(args) => transcribe::transcribe(s, &args),
        Command::Practice(args) => practice::practice(s, &args),
        Command::Kiosk(args) => kiosk::kiosk(s, &args),
        Command::Devices => Ok(devices::devices(s)),
        Command::Demo(args) => demo::demo(s, &args),
        Command::Answer(args) => answer::answer(s, &args),
        Command::Analyze(args) => analyze::analyze(s, &args),
        Command::Forget(args) => forget::forget(&args),
        Command::Progress(args) => progress::progress(&args),
        Command::Banks(BanksCommand::Check { dir }) => {
            banks::check_banks(dir.as_deref().unwrap_or(&s.banks_dir))
        }
    }
}

/// Was the error a stop asked for (Ctrl-C, SIGTERM) that abandoned the work?
pub fn is_stopped(err: &anyhow::Error) -> bool {
    crate::stop::requested()
        && err.chain().any(|e| {
            e.is::<crate::stop::Stopped>()
                || matches!(e.downcast_ref::<AsrError>(), Some(AsrError::Stopped))
                || matches!(
                    e.downcast_ref::<crate::session::driver::SessionError>(),
                    Some(crate::session::driver::SessionError::Asr(AsrError::Stopped))
                )
        })
}

/// Did the error come from writing to a stdout its reader had closed?
pub fn is_closed_stdout(err: &anyhow::Error) -> bool {
    let broken = |k: std::io::ErrorKind| k == std::io::ErrorKind::BrokenPipe;
    crate::stop::is_stdout_closed()
        || err.chain().any(|e| {
            e.downcast_ref::<std::io::Error>()
                .is_some_and(|e| broken(e.kind()))
                || e.downcast_ref::<serde_json::Error>()
                    .and_then(serde_json::Error::io_error_kind)
                    .is_some_and(broken)
        })
}

/// Exit code for an error: [`exit::MODELS`] when a model is the cause, else [`exit::ERROR`].
pub fn exit_code_for(err: &anyhow::Error) -> ExitCode {
    let is_model = |m: &ModelError| {
        matches!(
            m,
            ModelError::Missing { .. } | ModelError::Corrupt { .. } | ModelError::User { .. }
        )
    };
    // The engines' errors wrap ModelError transparently, so it never shows in the chain itself.
    let model_problem = err.chain().any(|e| {
        e.downcast_ref::<ModelError>().is_some_and(is_model)
            || matches!(e.downcast_ref::<TtsError>(), Some(TtsError::Model(m)) if is_model(m))
            || matches!(e.downcast_ref::<AsrError>(), Some(AsrError::Model(m)) if is_model(m))
            || matches!(e.downcast_ref::<crate::onnx::OnnxError>(), Some(crate::onnx::OnnxError::Model(m)) if is_model(m))
    });
    ExitCode::from(if model_problem {
        exit::MODELS
    } else {
        exit::ERROR
    })
}
