//! `warmup banks check`: every bank in a folder, its questions by kind and its glossary.

use std::path::Path;
use std::process::ExitCode;

use crate::bank;

/// Checks the banks in `dir`: exit [`crate::exit::ERROR`] when any has a problem.
pub(super) fn check_banks(dir: &Path) -> anyhow::Result<ExitCode> {
    match bank::load_dir(dir) {
        Ok(banks) => {
            for b in &banks.banks {
                let counts: Vec<String> = bank::Kind::ALL
                    .iter()
                    .map(|k| format!("{} {k}", b.count(*k)))
                    .collect();
                crate::out!(
                    "{:<20} {:>3} questions ({}) ok",
                    b.field,
                    b.questions.len(),
                    counts.join(", ")
                );
            }
            let mut ok = true;
            for b in &banks.banks {
                match crate::insights::terms::Glossary::load(&dir.join("glossary"), &b.field) {
                    Ok(g) if g.terms.is_empty() => {
                        crate::out!("{:<20} no glossary (glossary/{}.toml)", b.field, b.field)
                    }
                    Ok(g) => crate::out!("{:<20} {:>3} glossary terms ok", b.field, g.terms.len()),
                    Err(e) => {
                        ok = false;
                        crate::out!("{e}");
                    }
                }
            }
            Ok(if ok {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(crate::exit::ERROR)
            })
        }
        Err(bank::BankError::Invalid(issues)) => {
            for i in &issues {
                crate::out!("{i}");
            }
            crate::out!("{} problem(s) found.", issues.len());
            Ok(ExitCode::from(crate::exit::ERROR))
        }
        Err(e) => Err(e.into()),
    }
}
