//! What the benches share: running the binary and reading what it took.

// Each bench uses a part of it.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// The workspace's root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// What one run of the binary took.
pub struct Usage {
    /// From start to exit.
    pub wall: Duration,
    /// User and system time: what the run cost, however busy the machine.
    pub cpu: Duration,
    /// Peak resident memory, in bytes.
    pub peak: u64,
}

/// Runs `command` to its end, its output thrown away; what it took.
///
/// # Panics
/// When it fails.
pub fn run(command: &mut Command) -> Usage {
    let started = Instant::now();
    // Waited for with wait4, below, which is what gives its peak memory.
    #[allow(clippy::zombie_processes)]
    let child = command
        .env_remove("MATCHDAY_DB")
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let (status, peak, cpu) = wait_with_usage(child.id() as libc::pid_t);
    let wall = started.elapsed();
    assert!(status == 0, "{command:?} failed (wait status {status})");
    Usage { wall, cpu, peak }
}

/// Waits for the child `pid`; its wait status, peak resident memory in bytes and CPU time.
pub fn wait_with_usage(pid: libc::pid_t) -> (i32, u64, Duration) {
    let mut status = 0;
    // SAFETY: plain out-parameters; the child is ours and not yet waited for.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(waited, pid, "wait4 failed");
    let time = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    // Linux gives ru_maxrss in KiB.
    (
        status,
        usage.ru_maxrss as u64 * 1024,
        time(usage.ru_utime) + time(usage.ru_stime),
    )
}

/// Bytes for people: KiB below a MiB, MiB above.
pub fn mib(bytes: u64) -> String {
    if bytes < 1024 * 1024 {
        format!("{:.0} KiB", bytes as f64 / 1024.0)
    } else {
        format!("{:.1} MiB", bytes as f64 / (1024.0 * 1024.0))
    }
}

/// The CPU time (user and system) this process has taken so far.
pub fn cpu_now() -> Duration {
    // SAFETY: a plain out-parameter.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let done = unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut usage) };
    assert_eq!(done, 0, "getrusage failed");
    let time = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    time(usage.ru_utime) + time(usage.ru_stime)
}
