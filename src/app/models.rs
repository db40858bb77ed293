//! `warmup models fetch` and `warmup models check`.

use std::process::ExitCode;

use crate::cli::FetchArgs;
use crate::models::{self, fetch, FileState, Layout};

/// Installs and verifies the models under the warmup home: the default ones, those asked for
/// with `--whisper`, the one `[asr] model` names, and every whisper model installed before.
pub(super) fn fetch(
    layout: &Layout,
    configured: Option<&str>,
    args: &FetchArgs,
) -> anyhow::Result<ExitCode> {
    let mut whisper = args.whisper.clone();
    whisper.extend(configured.map(str::to_string));
    let opts = fetch::FetchOptions {
        whisper_model: args.user_whisper_model.clone(),
        whisper,
        packages_dir: args.packages.clone(),
        python: args.python.clone(),
        progress: !args.quiet,
    };
    eprintln!("Installing models under {}", layout.home.display());
    let done = fetch::fetch_all(layout, &opts)?;
    for (id, path, outcome) in done {
        let what = match outcome {
            fetch::Outcome::AlreadyVerified => "already installed, verified",
            fetch::Outcome::Installed => "installed, verified",
        };
        crate::out!("{id:<14} {what:<27} {}", path.display());
    }
    if layout.espeak_data_parent().is_none() {
        crate::out!(
            "espeak-ng-data missing: install it with `sudo apt-get install espeak-ng-data`"
        );
        return Ok(ExitCode::from(crate::exit::MODELS));
    }
    Ok(ExitCode::SUCCESS)
}

/// Says what is installed, verified, missing or corrupt.
pub(super) fn check(layout: &Layout, configured: Option<&str>) -> anyhow::Result<ExitCode> {
    let mut ok = true;
    crate::out!("warmup home: {}", layout.home.display());
    for line in models::status(layout, configured)? {
        let state = match &line.state {
            FileState::Verified => "verified".to_string(),
            FileState::Missing if line.optional => "not installed (optional)".to_string(),
            FileState::Missing => {
                ok = false;
                "MISSING".to_string()
            }
            FileState::Wrong(why) => {
                ok = false;
                format!("CORRUPT ({why})")
            }
        };
        crate::out!("{:<26} {:<10} {}", line.id, state, line.path.display());
    }
    let manifest = models::Manifest::builtin();
    crate::out!(
        "Whisper models: {} (install one with `{} --whisper NAME`, use it with `[asr] model = \"NAME\"`).",
        manifest.whisper_names().join(", "),
        models::FETCH_COMMAND
    );
    if ok {
        crate::out!("All models present and verified.");
        Ok(ExitCode::SUCCESS)
    } else {
        crate::out!(
            "To fix: run `{}` (espeak-ng-data: `sudo apt-get install espeak-ng-data`).",
            models::FETCH_COMMAND
        );
        Ok(ExitCode::from(crate::exit::MODELS))
    }
}
