//! Saving a session: JSON (everything) and a Markdown report a person can read, one folder per
//! session under the sessions folder, only the user can open (folders 0700, files 0600).
//!
//! A record is never lost half-written: each file is written to a temporary name in its folder,
//! flushed to the disk (fsync) and renamed over the old one, and the folder is flushed too, so
//! a full disk or a kill during the save leaves the last good copy. Every session gets a folder
//! of its own (its start time and a counter: two sessions started in the same second never share
//! one). [`Records::prepare`] checks the sessions folder (writable, space) before an interview
//! starts, so that a problem is said at the start, not found after the last answer.

use std::fmt::Write as _;
use std::io::Write;
use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Local, NaiveDate, TimeZone};

use super::interview::{QuestionOutcome, SessionRecord};
use crate::insights::TalkingPoint;

/// Less free space than this in the sessions folder, and a session is not started with saving
/// on (a record is a few tens of kilobytes; this leaves room for the rest of the system).
pub const MIN_FREE_BYTES: u64 = 8 * 1024 * 1024;

/// How a session folder is named: its local start time, then `_N` (the first free counter).
const FOLDER_TIME: &str = "%Y-%m-%dT%H-%M-%S";

/// Why records cannot be kept, said in plain words.
#[derive(Debug, thiserror::Error)]
pub enum RecordError {
    #[error("there is no home folder to keep sessions in")]
    NoHome,
    #[error("the sessions folder {path} cannot be used: {source}")]
    Folder {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("the disk holding {path} is almost full ({free_kb} KB free)")]
    Full { path: PathBuf, free_kb: u64 },
    #[error("saving to {path}: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
}

impl RecordError {
    /// A short reason to say aloud (paths are for the screen and the log).
    pub fn spoken(&self) -> &'static str {
        match self {
            RecordError::NoHome => "there is no home folder to keep them in",
            RecordError::Folder { .. } => "the sessions folder cannot be written to",
            RecordError::Full { .. } => "the disk is full",
            RecordError::Write { .. } => "writing them failed",
        }
    }
}

/// The folder sessions are kept in: `$XDG_DATA_HOME/warmup/sessions`
/// (`~/.local/share/warmup/sessions`).
///
/// # Errors
/// [`RecordError::NoHome`].
pub fn default_root() -> Result<PathBuf, RecordError> {
    directories::ProjectDirs::from("", "", "warmup")
        .map(|d| d.data_dir().join("sessions"))
        .ok_or(RecordError::NoHome)
}

/// The sessions folder, checked: it exists, is user-only, can be written, and has space.
#[derive(Debug, Clone)]
pub struct Records {
    root: PathBuf,
}

impl Records {
    /// Creates the sessions folder (and warmup's data folder above it) user-only, makes an
    /// existing one user-only, and checks that a file can be written there and that the disk
    /// has [`MIN_FREE_BYTES`].
    ///
    /// # Errors
    /// [`RecordError`] saying what is wrong.
    pub fn prepare(root: &Path) -> Result<Records, RecordError> {
        Self::prepare_with(root, MIN_FREE_BYTES)
    }

    /// [`Records::prepare`], with `min_free` bytes of free space asked for.
    fn prepare_with(root: &Path, min_free: u64) -> Result<Records, RecordError> {
        let folder = |source| RecordError::Folder {
            path: root.to_path_buf(),
            source,
        };
        std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(root)
            .map_err(folder)?;
        // Every folder warmup uses for records, also one made earlier with looser modes: the
        // sessions folder and warmup's own data folder holding it.
        let ours = std::iter::once(root).chain(
            root.parent()
                .filter(|p| p.file_name().is_some_and(|n| n == "warmup")),
        );
        for dir in ours {
            std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))
                .map_err(folder)?;
        }
        // Writable: a real file, written and removed (a read-only mount passes `access`).
        let mut probe = tempfile::Builder::new()
            .prefix(".write-check")
            .tempfile_in(root)
            .map_err(folder)?;
        probe
            .write_all(b"warmup")
            .and_then(|()| probe.as_file().sync_all())
            .map_err(folder)?;
        drop(probe);
        let free = free_bytes(root).map_err(folder)?;
        if free < min_free {
            return Err(RecordError::Full {
                path: root.to_path_buf(),
                free_kb: free / 1024,
            });
        }
        Ok(Records {
            root: root.to_path_buf(),
        })
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Makes a new, empty folder for a session started at `started`: named by the time and the
    /// first counter not taken (created atomically: two sessions never get the same one).
    ///
    /// # Errors
    /// [`RecordError::Write`].
    pub fn new_session(&self, started: DateTime<Local>) -> Result<PathBuf, RecordError> {
        let stem = started.format(FOLDER_TIME).to_string();
        for n in 1..10_000 {
            let dir = self.root.join(format!("{stem}_{n}"));
            match std::fs::DirBuilder::new().mode(0o700).create(&dir) {
                Ok(()) => return Ok(dir),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
                Err(source) => return Err(RecordError::Write { path: dir, source }),
            }
        }
        Err(RecordError::Write {
            path: self.root.join(stem),
            source: std::io::Error::other("ten thousand sessions in the same second"),
        })
    }
}

/// Free bytes for an unprivileged user on the disk holding `dir`.
// The fields are 32-bit on 32-bit Raspberry Pi OS: the conversions are not useless there.
#[allow(clippy::useless_conversion)]
fn free_bytes(dir: &Path) -> std::io::Result<u64> {
    use std::os::unix::ffi::OsStrExt;
    let c = std::ffi::CString::new(dir.as_os_str().as_bytes())
        .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidInput, e))?;
    let mut st: libc::statvfs = unsafe { std::mem::zeroed() };
    // SAFETY: `c` is a valid C string and `st` a valid out-parameter for the call.
    if unsafe { libc::statvfs(c.as_ptr(), &mut st) } != 0 {
        return Err(std::io::Error::last_os_error());
    }
    Ok(u64::from(st.f_bavail).saturating_mul(u64::from(st.f_frsize)))
}

/// Writes `session.json` and `report.md` into the session's folder, each replacing the last
/// copy only once the new one is wholly on the disk.
///
/// # Errors
/// [`RecordError::Write`] with the path; the previous copy, if any, is then untouched.
pub fn save(record: &SessionRecord, dir: &Path) -> Result<Vec<PathBuf>, RecordError> {
    let json = serde_json::to_string_pretty(record).map_err(|e| RecordError::Write {
        path: dir.join("session.json"),
        source: std::io::Error::other(e),
    })?;
    let mut paths = Vec::new();
    for (name, text) in [("session.json", json), ("report.md", markdown(record))] {
        let path = dir.join(name);
        write_atomic(&path, text.as_bytes()).map_err(|source| RecordError::Write {
            path: path.clone(),
            source,
        })?;
        paths.push(path);
    }
    // The renames themselves reach the disk with the folder.
    std::fs::File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(|source| RecordError::Write {
            path: dir.to_path_buf(),
            source,
        })?;
    Ok(paths)
}

/// Writes `bytes` to a user-only temporary file beside `path`, fsyncs it and renames it to
/// `path`. On any error the temporary file is removed and `path` is as it was.
///
/// # Errors
/// I/O errors.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    // tempfile creates it 0600.
    let mut tmp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".part")
        .tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// A saved session, as found in the sessions folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedSession {
    pub dir: PathBuf,
    /// When it started (from its folder name), if known.
    pub started: Option<DateTime<Local>>,
}

/// The sessions kept under `root`, oldest first: folders named as warmup names them (also the
/// older names: Unix seconds, or a kiosk's seconds x 1000 + visit). Anything else is left alone.
///
/// # Errors
/// I/O errors reading `root` (a missing `root` is no sessions).
pub fn list(root: &Path) -> std::io::Result<Vec<SavedSession>> {
    let entries = match std::fs::read_dir(root) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e),
    };
    let mut found = Vec::new();
    for e in entries {
        let e = e?;
        if !e.file_type()?.is_dir() {
            continue;
        }
        let name = e.file_name().to_string_lossy().into_owned();
        if let Some(started) = started_from_name(&name) {
            found.push(SavedSession {
                dir: e.path(),
                started: Some(started),
            });
        }
    }
    found.sort_by(|a, b| a.started.cmp(&b.started).then(a.dir.cmp(&b.dir)));
    Ok(found)
}

/// The start time a session folder's name gives.
fn started_from_name(name: &str) -> Option<DateTime<Local>> {
    if let Some((time, n)) = name.rsplit_once('_') {
        if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) {
            let t = chrono::NaiveDateTime::parse_from_str(time, FOLDER_TIME).ok()?;
            return Local.from_local_datetime(&t).earliest();
        }
        return None;
    }
    // Older folders: Unix seconds, or a kiosk's seconds * 1000 + visit number.
    let n: i64 = name.parse().ok()?;
    let secs = if n >= 100_000_000_000 { n / 1000 } else { n };
    Local.timestamp_opt(secs, 0).single()
}

/// Which saved sessions to forget.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Forget {
    All,
    /// Sessions started before the start of this local date.
    Before(NaiveDate),
    /// One session, by its folder name.
    One(String),
}

/// Deletes the sessions `which` names under `root`; returns the folders deleted.
///
/// # Errors
/// I/O errors; [`std::io::ErrorKind::NotFound`] when one session was named and is not there.
pub fn forget(root: &Path, which: &Forget) -> std::io::Result<Vec<PathBuf>> {
    let all = list(root)?;
    let chosen: Vec<&SavedSession> = match which {
        Forget::All => all.iter().collect(),
        Forget::Before(date) => {
            let cut = date
                .and_hms_opt(0, 0, 0)
                .and_then(|t| Local.from_local_datetime(&t).earliest());
            all.iter()
                .filter(|s| s.started.zip(cut).is_some_and(|(s, c)| s < c))
                .collect()
        }
        Forget::One(name) => {
            let name = Path::new(name)
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let one: Vec<&SavedSession> = all
                .iter()
                .filter(|s| s.dir.file_name().is_some_and(|n| *n == *name))
                .collect();
            if one.is_empty() {
                return Err(std::io::Error::new(
                    std::io::ErrorKind::NotFound,
                    format!("no session {name:?} in {}", root.display()),
                ));
            }
            one
        }
    };
    let mut deleted = Vec::new();
    for s in chosen {
        std::fs::remove_dir_all(&s.dir)?;
        deleted.push(s.dir.clone());
    }
    Ok(deleted)
}

/// The readable report.
pub fn markdown(r: &SessionRecord) -> String {
    let mut s = String::new();
    // A date a person reads ("Saturday 5 December 2026 at 18:23"), from the RFC 3339 time.
    let started = DateTime::parse_from_rfc3339(&r.started)
        .map(|t| t.format("%A %-d %B %Y at %H:%M").to_string())
        .unwrap_or_else(|_| r.started.clone());
    let _ = writeln!(
        s,
        "# Practice interview: {}\n\nStarted {started}.\n",
        r.title
    );
    for (i, q) in r.questions.iter().enumerate() {
        match q {
            QuestionOutcome::Answered(a) => {
                let _ = writeln!(s, "## {}. {} ({})\n", i + 1, a.question, a.kind);
                let _ = writeln!(s, "**Your answer:** {}\n", a.transcript);
                let i = &a.insights;
                let d = &i.delivery;
                let list = |v: &[String]| {
                    if v.is_empty() {
                        "none".to_string()
                    } else {
                        v.join(", ")
                    }
                };
                let names = |v: &[TalkingPoint]| -> Vec<String> {
                    v.iter().map(ToString::to_string).collect()
                };
                let _ = writeln!(
                    s,
                    "- Talking points covered: {}\n- To consider: {}\n- Job terms used: {}\n- Terms to consider: {}",
                    list(&names(&i.talking_points.covered)),
                    list(&names(&i.talking_points.to_consider)),
                    list(&i.job_terms.used),
                    list(&i.job_terms.to_consider)
                );
                for w in &i.most_used_words {
                    let _ = writeln!(
                        s,
                        "- Said \"{}\" {} times; alternatives: {}",
                        w.word,
                        w.count,
                        list(&w.synonyms)
                    );
                }
                let _ = writeln!(
                    s,
                    "- Fillers: {} ({:.1} a minute); hedges: {}\n- Length: {:.0} s, {} words\n- Pace: {:.0} words per minute\n- Longest pause: {:.1} s\n- Turn ended by: {:?}\n",
                    i.fillers.total, i.fillers.per_minute, i.hedges.total,
                    d.duration_s, i.word_count, d.pace_wpm, d.longest_pause_s, a.ended_by
                );
                let _ = writeln!(s, "**Feedback:** {}\n", a.feedback);
            }
            QuestionOutcome::NoAnswer { question, .. } => {
                let _ = writeln!(s, "## {}. {}\n\nNo answer.\n", i + 1, question);
            }
            QuestionOutcome::Skipped { question, .. } => {
                let _ = writeln!(s, "## {}. {}\n\nSkipped.\n", i + 1, question);
            }
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(n: usize) -> SessionRecord {
        SessionRecord {
            field: "test".into(),
            title: "Test".into(),
            started: "2026-12-05T10:00:00+00:00".into(),
            seed: 1,
            questions: (0..n)
                .map(|i| QuestionOutcome::Skipped {
                    question_id: format!("q{i}"),
                    question: format!("Question {i}?"),
                })
                .collect(),
        }
    }

    fn mode(p: &Path) -> u32 {
        std::fs::metadata(p).unwrap().permissions().mode() & 0o777
    }

    #[test]
    fn the_report_gives_the_field_by_name_and_a_date_a_person_reads() {
        let md = markdown(&record(1));
        assert!(
            md.starts_with(
                "# Practice interview: Test\n\nStarted Saturday 5 December 2026 at 10:00."
            ),
            "{md}"
        );
    }

    #[test]
    fn sessions_started_in_the_same_second_get_folders_of_their_own() {
        let tmp = tempfile::tempdir().unwrap();
        let records = Records::prepare(&tmp.path().join("warmup/sessions")).unwrap();
        let t = Local.with_ymd_and_hms(2026, 12, 5, 18, 23, 44).unwrap();
        let a = records.new_session(t).unwrap();
        let b = records.new_session(t).unwrap();
        assert_ne!(a, b);
        assert_eq!(
            a.file_name().unwrap().to_string_lossy(),
            "2026-12-05T18-23-44_1"
        );
        save(&record(1), &a).unwrap();
        save(&record(2), &b).unwrap();
        let read = |d: &Path| std::fs::read_to_string(d.join("session.json")).unwrap();
        assert!(read(&a).contains("q0") && !read(&a).contains("q1"));
        assert!(
            read(&b).contains("q1"),
            "the second did not overwrite the first"
        );
        assert_eq!((mode(&a), mode(&a.join("session.json"))), (0o700, 0o600));
        assert_eq!(mode(&b.join("report.md")), 0o600);
    }

    #[test]
    fn loose_modes_on_existing_folders_are_made_user_only() {
        let tmp = tempfile::tempdir().unwrap();
        let ours = tmp.path().join("warmup");
        let root = ours.join("sessions");
        std::fs::create_dir_all(&root).unwrap();
        for d in [tmp.path(), &ours, &root] {
            std::fs::set_permissions(d, std::fs::Permissions::from_mode(0o755)).unwrap();
        }
        Records::prepare(&root).unwrap();
        assert_eq!((mode(&ours), mode(&root)), (0o700, 0o700));
        // Not the folder above warmup's own (that is the user's ~/.local/share).
        assert_eq!(mode(tmp.path()), 0o755, "left alone");
    }

    #[test]
    fn a_save_replaces_the_last_copy_whole_and_leaves_no_temporary_file() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        save(&record(1), dir).unwrap();
        save(&record(3), dir).unwrap();
        let json: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(dir.join("session.json")).unwrap())
                .unwrap();
        assert_eq!(json["questions"].as_array().unwrap().len(), 3);
        let names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names.len(), 2, "only the two files: {names:?}");
    }

    #[test]
    fn a_failed_write_keeps_the_previous_copy() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("session.json");
        write_atomic(&path, b"the good copy").unwrap();
        // The temporary file cannot be made where a folder is expected.
        let bad = tmp.path().join("session.json/inner");
        assert!(write_atomic(&bad, b"new").is_err());
        assert_eq!(std::fs::read(&path).unwrap(), b"the good copy");
    }

    #[test]
    fn a_sessions_path_that_cannot_be_a_folder_is_refused_at_the_start() {
        let tmp = tempfile::tempdir().unwrap();
        let ours = tmp.path().join("warmup");
        std::fs::write(&ours, b"a file where the folder should be").unwrap();
        let e = Records::prepare(&ours.join("sessions")).unwrap_err();
        assert!(matches!(e, RecordError::Folder { .. }), "{e}");
        assert_eq!(e.spoken(), "the sessions folder cannot be written to");
    }

    #[test]
    fn a_disk_without_the_space_is_refused_at_the_start() {
        let tmp = tempfile::tempdir().unwrap();
        let free = free_bytes(tmp.path()).unwrap();
        assert!(free > 0);
        let e = Records::prepare_with(tmp.path(), free.saturating_mul(2)).unwrap_err();
        assert!(matches!(e, RecordError::Full { .. }), "{e}");
        assert_eq!(e.spoken(), "the disk is full");
        assert!(Records::prepare_with(tmp.path(), free / 2).is_ok());
    }

    #[test]
    fn folder_names_old_and_new_give_the_start_time() {
        let t = started_from_name("2026-12-05T18-23-44_2").unwrap();
        assert_eq!(
            t.format("%Y-%m-%d %H:%M:%S").to_string(),
            "2026-12-05 18:23:44"
        );
        let secs = 1_796_487_238_i64;
        assert_eq!(started_from_name("1796487238").unwrap().timestamp(), secs);
        assert_eq!(
            started_from_name("1796487238003").unwrap().timestamp(),
            secs,
            "a kiosk visit: seconds x 1000 + visit"
        );
        for other in ["notes", "2026-12-05T18-23-44", "2026-12-05T18-23-44_x", ""] {
            assert!(started_from_name(other).is_none(), "{other:?}");
        }
    }

    #[test]
    fn forget_deletes_what_it_is_asked_to_and_nothing_else() {
        let tmp = tempfile::tempdir().unwrap();
        let records = Records::prepare(tmp.path()).unwrap();
        let day = |d: u32| Local.with_ymd_and_hms(2026, 11, d, 12, 0, 0).unwrap();
        let old = records.new_session(day(1)).unwrap();
        let mid = records.new_session(day(10)).unwrap();
        let new = records.new_session(day(20)).unwrap();
        let keep = tmp.path().join("my notes");
        std::fs::create_dir(&keep).unwrap();
        let before = NaiveDate::from_ymd_opt(2026, 11, 10).unwrap();
        assert_eq!(
            forget(tmp.path(), &Forget::Before(before)).unwrap(),
            std::slice::from_ref(&old)
        );
        let name = new.file_name().unwrap().to_string_lossy().into_owned();
        assert_eq!(
            forget(tmp.path(), &Forget::One(name.clone())).unwrap(),
            [new]
        );
        let missing = forget(tmp.path(), &Forget::One(name)).unwrap_err();
        assert_eq!(missing.kind(), std::io::ErrorKind::NotFound);
        assert_eq!(forget(tmp.path(), &Forget::All).unwrap(), [mid]);
        assert!(forget(tmp.path(), &Forget::All).unwrap().is_empty());
        assert!(keep.exists(), "a folder warmup did not make is left alone");
    }
}
