//! Private for real: the real binary, traced with strace, opens no network socket of any family
//! but AF_UNIX (ONNX Runtime's telemetry looked up Microsoft's collector before it was turned
//! off) and writes no file outside the places the README documents.

use std::collections::HashSet;
use std::path::Path;
use std::process::Command;

use crate::support::{espeak, tmp};

/// What a traced run did that matters for privacy.
#[derive(Debug, Default)]
struct Trace {
    /// socket() calls of a family other than AF_UNIX, as traced.
    inet_sockets: Vec<String>,
    /// Paths opened for writing, created or renamed to (successful calls only).
    written: Vec<String>,
}

/// Runs the real binary under `strace -f` with `home` as HOME and `tmpdir` as TMPDIR and no XDG
/// or warmup variables, so that every place it writes is inside the test's own folders.
fn traced(args: &[&str], home: &Path, tmpdir: &Path, out: &Path) -> Trace {
    let log = out.join("strace.log");
    let mut cmd = Command::new("strace");
    cmd.args(["-f", "-qq", "-s", "4096", "-o"])
        .arg(&log)
        .args([
            "-e",
            "trace=socket,open,openat,creat,mkdir,mkdirat,rename,renameat,renameat2,execve",
        ])
        .arg(env!("CARGO_BIN_EXE_warmup"))
        .args(args)
        .env("HOME", home)
        .env("TMPDIR", tmpdir);
    for var in [
        "XDG_DATA_HOME",
        "XDG_STATE_HOME",
        "XDG_CONFIG_HOME",
        "XDG_CACHE_HOME",
        "WARMUP_CONFIG",
        "WARMUP_HOME",
        "ORT_DISABLE_TELEMETRY",
    ] {
        cmd.env_remove(var);
    }
    let o = cmd
        .output()
        .expect("strace runs (scripts/setup.sh installs it)");
    assert!(
        o.status.success(),
        "warmup {args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    parse(&std::fs::read_to_string(&log).expect("strace log"))
}

/// Reads an strace log. The simulated candidate's espeak-ng (a child process, a test voice, not
/// the product) is left out: it touches the sound server's folders.
fn parse(log: &str) -> Trace {
    let pid = |line: &str| line.split_whitespace().next().unwrap_or("").to_string();
    let helpers: HashSet<String> = log
        .lines()
        .filter(|l| l.contains("execve(") && l.contains("espeak-ng"))
        .map(pid)
        .collect();
    let mut t = Trace::default();
    for line in log.lines().filter(|l| !helpers.contains(&pid(l))) {
        let call = line.split_whitespace().nth(1).unwrap_or("");
        let ok = line
            .rsplit(" = ")
            .next()
            .is_some_and(|r| !r.trim_start().starts_with('-'));
        let quoted = |n: usize| line.split('"').nth(2 * n + 1).map(str::to_string);
        if call.starts_with("socket(") && !call.starts_with("socket(AF_UNIX") {
            t.inet_sockets.push(line.to_string());
        } else if (call.starts_with("open") || call.starts_with("creat(")) && ok {
            let writes = ["O_WRONLY", "O_RDWR", "O_CREAT"]
                .iter()
                .any(|f| line.contains(f))
                || call.starts_with("creat(");
            if writes {
                t.written.extend(quoted(0));
            }
        } else if call.starts_with("mkdir") && ok {
            t.written.extend(quoted(0));
        } else if call.starts_with("rename") && ok {
            t.written.extend(quoted(1));
        }
    }
    t
}

#[test]
fn the_trace_parser_sees_sockets_and_writes() {
    let log = r#"100 execve("/usr/bin/warmup", ["warmup"], 0x0 /* 3 vars */) = 0
100 socket(AF_INET6, SOCK_DGRAM, IPPROTO_IP) = 8
100 socket(AF_UNIX, SOCK_STREAM|SOCK_CLOEXEC, 0) = 6
100 openat(AT_FDCWD, "/home/u/.cache/x/deviceid", O_WRONLY|O_CREAT|O_TRUNC, 0666) = 9
100 openat(AT_FDCWD, "/etc/passwd", O_RDONLY|O_CLOEXEC) = 3
100 openat(AT_FDCWD, "/nope/report.md", O_WRONLY|O_CREAT, 0600) = -1 EACCES (Permission denied)
100 mkdir("/home/u/.cache", 0700) = 0
100 renameat2(AT_FDCWD, "/d/.tmp", AT_FDCWD, "/d/session.json", 0) = 0
101 execve("/usr/bin/espeak-ng", ["espeak-ng"], 0x0 /* 3 vars */) = 0
101 mkdir("/home/u/.config/pulse", 0700) = 0
"#;
    let t = parse(log);
    assert_eq!(t.inet_sockets.len(), 1, "{t:?}");
    assert_eq!(
        t.written,
        [
            "/home/u/.cache/x/deviceid",
            "/home/u/.cache",
            "/d/session.json"
        ]
    );
}

#[test]
fn an_answer_opens_no_network_socket_and_writes_nothing() {
    let dir = tmp();
    let (home, tmpdir) = (dir.path().join("home"), dir.path().join("tmp"));
    std::fs::create_dir_all(&home).unwrap();
    std::fs::create_dir_all(&tmpdir).unwrap();
    let wav = espeak(
        dir.path(),
        "answer.wav",
        "en-us",
        "DNS turns names into addresses. That's my answer.",
    );
    let t = traced(
        &[
            "answer",
            wav.to_str().unwrap(),
            "--ask",
            "What is DNS?",
            "--kind",
            "technical",
            "--field",
            "it-support",
        ],
        &home,
        &tmpdir,
        dir.path(),
    );
    assert!(t.inet_sockets.is_empty(), "network sockets: {t:?}");
    // `answer` keeps nothing: not a record, not a cache, not a temporary file.
    let written: Vec<&String> = t.written.iter().filter(|p| *p != "/dev/null").collect();
    assert!(written.is_empty(), "wrote {written:?}");
    let left: Vec<_> = walk(&home).into_iter().chain(walk(&tmpdir)).collect();
    assert!(left.is_empty(), "left behind {left:?}");
}

#[test]
fn a_kiosk_visit_opens_no_network_socket_and_keeps_nothing() {
    let dir = tmp();
    let (home, tmpdir) = (dir.path().join("home"), dir.path().join("tmp"));
    std::fs::create_dir_all(&home).unwrap();
    std::fs::create_dir_all(&tmpdir).unwrap();
    let t = traced(&["kiosk", "--simulate", "1"], &home, &tmpdir, dir.path());
    assert!(t.inet_sockets.is_empty(), "network sockets: {t:?}");
    // The simulated visitor's voice is made in a temporary folder under TMPDIR, deleted at the
    // end; a kiosk keeps no record (`[kiosk] save_sessions` is off) and no voice setting.
    let tmp = tmpdir.to_str().unwrap();
    let outside: Vec<&String> = t
        .written
        .iter()
        .filter(|p| *p != "/dev/null" && !p.starts_with(tmp))
        .collect();
    assert!(outside.is_empty(), "wrote outside TMPDIR: {outside:?}");
    assert!(
        t.written.iter().any(|p| p.starts_with(tmp)),
        "the visitor's voice was made under TMPDIR: {t:?}"
    );
    // espeak-ng's sound-server folders (the simulated visitor, not warmup: see `parse`).
    let espeaks = |p: &std::path::PathBuf| {
        p.starts_with(home.join(".config"))
            || p.strip_prefix(&tmpdir)
                .is_ok_and(|r| r.to_string_lossy().starts_with("pulse-"))
    };
    let left: Vec<_> = walk(&home)
        .into_iter()
        .chain(walk(&tmpdir))
        .filter(|p| !espeaks(p))
        .collect();
    assert!(left.is_empty(), "left behind {left:?}");
}

/// Every file and folder under `dir`.
fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut all = Vec::new();
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() {
            all.extend(walk(&p));
        }
        all.push(p);
    }
    all
}
