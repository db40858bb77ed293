//! Files a user names on the command line or in the config (audio, models, banks, glossaries,
//! transcripts, the config itself). Each is checked before it is opened: a FIFO without a writer
//! or a character device blocks `open` or `read` for ever, and a huge file would be read whole,
//! so only regular files are opened, and text files only up to a stated size.

use std::io::Read;
use std::path::{Path, PathBuf};

/// Why a user-given file cannot be read.
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    #[error("{path}: no such file")]
    NotFound { path: PathBuf },
    #[error("{path} is {kind}, not a regular file")]
    NotRegular { path: PathBuf, kind: &'static str },
    #[error("{path} is {size} bytes, more than the {max} bytes {what} may have")]
    TooLarge {
        path: PathBuf,
        size: u64,
        max: u64,
        what: &'static str,
    },
    #[error("{path}:{line}:{column}: not UTF-8 text (the first invalid byte is here)")]
    NotUtf8 {
        path: PathBuf,
        line: usize,
        column: usize,
    },
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

impl InputError {
    /// What is wrong, without the path (for messages that give it as `file:line:column`).
    pub fn reason(&self) -> String {
        match self {
            InputError::NotFound { .. } => "no such file".into(),
            InputError::NotRegular { kind, .. } => format!("{kind}, not a regular file"),
            InputError::TooLarge {
                size, max, what, ..
            } => {
                format!("{size} bytes, more than the {max} bytes {what} may have")
            }
            InputError::NotUtf8 { .. } => "not UTF-8 text (the first invalid byte is here)".into(),
            InputError::Io { source, .. } => source.to_string(),
        }
    }
}

/// What a file that is not a regular file is, for people ("a FIFO", "a directory").
fn kind_of(ft: &std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if ft.is_dir() {
        "a directory"
    } else if ft.is_fifo() {
        "a FIFO"
    } else if ft.is_char_device() {
        "a character device"
    } else if ft.is_block_device() {
        "a block device"
    } else if ft.is_socket() {
        "a socket"
    } else {
        "not a file"
    }
}

/// Checks that `path` is a regular file (symbolic links followed) without opening it, and
/// returns its size in bytes.
///
/// # Errors
/// [`InputError::NotFound`], [`InputError::NotRegular`] or [`InputError::Io`].
pub fn regular_file(path: &Path) -> Result<u64, InputError> {
    let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => InputError::NotFound {
            path: path.to_path_buf(),
        },
        _ => InputError::Io {
            path: path.to_path_buf(),
            source: e,
        },
    })?;
    if !meta.is_file() {
        return Err(InputError::NotRegular {
            path: path.to_path_buf(),
            kind: kind_of(&meta.file_type()),
        });
    }
    Ok(meta.len())
}

/// Opens a regular file for reading (checked first, see [`regular_file`]); returns it and its
/// size.
///
/// # Errors
/// As [`regular_file`], or [`InputError::Io`] when it cannot be opened.
pub fn open_regular(path: &Path) -> Result<(std::fs::File, u64), InputError> {
    let size = regular_file(path)?;
    let file = std::fs::File::open(path).map_err(|e| InputError::Io {
        path: path.to_path_buf(),
        source: e,
    })?;
    Ok((file, size))
}

/// Reads a regular file of at most `max` bytes (`what` names the kind of file in the message).
/// Text files are returned as bytes so the caller can say where invalid UTF-8 starts.
///
/// # Errors
/// As [`open_regular`], or [`InputError::TooLarge`].
pub fn read_limited(path: &Path, max: u64, what: &'static str) -> Result<Vec<u8>, InputError> {
    let (file, size) = open_regular(path)?;
    let too_large = |size| InputError::TooLarge {
        path: path.to_path_buf(),
        size,
        max,
        what,
    };
    if size > max {
        return Err(too_large(size));
    }
    let mut bytes = Vec::with_capacity(size as usize);
    // The file may grow between the check and the read: never take more than `max` + 1.
    file.take(max + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| InputError::Io {
            path: path.to_path_buf(),
            source: e,
        })?;
    if bytes.len() as u64 > max {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

/// Reads a regular UTF-8 text file of at most `max` bytes; invalid UTF-8 is an error naming the
/// line and column of the first bad byte.
///
/// # Errors
/// As [`read_limited`], or [`InputError::NotUtf8`].
pub fn read_text(path: &Path, max: u64, what: &'static str) -> Result<String, InputError> {
    let bytes = read_limited(path, max, what)?;
    String::from_utf8(bytes).map_err(|e| {
        let (line, column) = utf8_error_position(e.as_bytes(), e.utf8_error().valid_up_to());
        InputError::NotUtf8 {
            path: path.to_path_buf(),
            line,
            column,
        }
    })
}

/// 1-based line and column (in bytes, as the TOML positions) of byte `offset` in `bytes`.
pub fn utf8_error_position(bytes: &[u8], offset: usize) -> (usize, usize) {
    let before = &bytes[..offset.min(bytes.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let column = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(before.len(), |i| before.len() - i - 1)
        + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_regular_files_are_opened() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("fifo");
        let status = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(status.success());
        let file = dir.path().join("f.txt");
        std::fs::write(&file, "hello").unwrap();
        for (path, want) in [
            (fifo.as_path(), "fifo is a FIFO, not a regular file"),
            (
                Path::new("/dev/null"),
                "is a character device, not a regular file",
            ),
            (dir.path(), "is a directory, not a regular file"),
            (Path::new("/nonexistent/x"), "/nonexistent/x: no such file"),
        ] {
            let err = read_text(path, 100, "a test file").unwrap_err().to_string();
            assert!(err.ends_with(want), "{err}");
        }
        assert_eq!(read_text(&file, 100, "a test file").unwrap(), "hello");
        let err = read_text(&file, 4, "a test file").unwrap_err().to_string();
        assert!(
            err.ends_with("f.txt is 5 bytes, more than the 4 bytes a test file may have"),
            "{err}"
        );
    }

    #[test]
    fn invalid_utf8_is_located() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("t.txt");
        std::fs::write(&p, b"ok\nab\xffcd\n").unwrap();
        let err = read_text(&p, 100, "a test file").unwrap_err().to_string();
        assert!(
            err.ends_with("t.txt:2:3: not UTF-8 text (the first invalid byte is here)"),
            "{err}"
        );
    }
}
