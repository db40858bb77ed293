//! `warmup forget`: deletes saved sessions and says which.

use std::process::ExitCode;

use anyhow::Context;

use crate::cli::ForgetArgs;

/// Deletes saved sessions and says which.
pub(super) fn forget(args: &ForgetArgs) -> anyhow::Result<ExitCode> {
    use crate::session::store::{self, Forget};
    let which = match (&args.session, args.before) {
        (Some(name), _) => Forget::One(name.clone()),
        (None, Some(date)) => Forget::Before(date),
        (None, None) => Forget::All,
    };
    let root = store::default_root()?;
    let deleted = store::forget(&root, &which)
        .with_context(|| format!("deleting sessions in {}", root.display()))?;
    for dir in &deleted {
        crate::out!("deleted:   {}", dir.display());
    }
    let what = match &which {
        Forget::All => String::new(),
        Forget::Before(d) => format!(" from before {d}"),
        Forget::One(_) => String::new(),
    };
    match deleted.len() {
        0 => crate::out!("No saved sessions{what} to delete in {}.", root.display()),
        n => crate::out!(
            "Deleted {n} session{}{what} from {}.",
            if n == 1 { "" } else { "s" },
            root.display()
        ),
    }
    Ok(ExitCode::SUCCESS)
}
