//! How many threads to decode with. ggml's worker threads wait for each other by spinning, not
//! sleeping: when another process holds one of the cores, a two-thread decode spends its time
//! spinning while its partner waits to be scheduled (measured on this 2-core machine beside one
//! busy process: 24 s wall and 20 s CPU for an 18 s clip with 2 threads, 4.5 s and 1.4 s with 1),
//! and whisper's abort callback is not polled at the barriers, so a stop waits too. So each decode
//! takes only the cores nobody else is running on, read from the kernel's count of runnable
//! tasks just before it starts.

/// The threads to decode with: `wanted` at most, one at least, no more than the cores that
/// other tasks leave free.
pub fn for_decode(wanted: u32) -> u32 {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get() as u32);
    // The smallest of a few looks: a busy process is always runnable, a passing one is not.
    let mut running = u32::MAX;
    for i in 0..3 {
        if i > 0 {
            std::thread::sleep(std::time::Duration::from_millis(2));
        }
        match std::fs::read_to_string("/proc/loadavg")
            .ok()
            .and_then(|t| runnable(&t))
        {
            // Our own threads (the voice's, still spinning after a sentence) are not others.
            Some(r) => running = running.min(r.saturating_sub(own_runnable()).max(1)),
            // No /proc: decide nothing, as asked.
            None => return wanted.max(1),
        }
    }
    threads(wanted, cores, running)
}

/// This process's threads that are runnable now, the caller's own aside (it is counted as the
/// one deciding).
fn own_runnable() -> u32 {
    let Ok(tasks) = std::fs::read_dir("/proc/self/task") else {
        return 0;
    };
    let running = tasks
        .flatten()
        .filter(|t| {
            std::fs::read_to_string(t.path().join("stat"))
                .ok()
                .and_then(|s| state(&s))
                == Some('R')
        })
        .count() as u32;
    running.saturating_sub(1)
}

/// A task's state from its `stat` line ("1234 (name with spaces) R ..."): after the last ')'.
fn state(stat: &str) -> Option<char> {
    stat[stat.rfind(')')? + 1..].trim_start().chars().next()
}

/// Runnable tasks from `/proc/loadavg` ("0.52 0.58 0.59 3/88 1234": the 4th field's first part,
/// which counts the reader itself).
fn runnable(loadavg: &str) -> Option<u32> {
    loadavg
        .split_whitespace()
        .nth(3)?
        .split('/')
        .next()?
        .parse()
        .ok()
}

/// `running` counts the task deciding (which becomes one of the decoding threads).
fn threads(wanted: u32, cores: u32, running: u32) -> u32 {
    let others = running.saturating_sub(1);
    wanted.min(cores.saturating_sub(others)).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_runnable_count_and_a_task_state() {
        assert_eq!(runnable("0.52 0.58 0.59 3/88 1234\n"), Some(3));
        assert_eq!(runnable("garbage"), None);
        assert_eq!(state("77 (ort (intra) 2) R 1 77 77 0"), Some('R'));
        assert_eq!(state("78 (warmup) S 1"), Some('S'));
    }

    #[test]
    fn takes_only_the_free_cores() {
        // A quiet 2-core machine: both.
        assert_eq!(threads(2, 2, 1), 2);
        // One busy process beside us: one thread, not two spinning against it.
        assert_eq!(threads(2, 2, 2), 1);
        // Both cores taken: still one.
        assert_eq!(threads(2, 2, 3), 1);
        // A Pi 4 (4 cores) with one busy process, 4 wanted: three.
        assert_eq!(threads(4, 4, 2), 3);
        // Never more than wanted.
        assert_eq!(threads(1, 4, 1), 1);
    }
}
