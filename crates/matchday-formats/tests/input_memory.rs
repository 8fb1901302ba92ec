//! Issue 19: `matchday import /dev/zero` grew to 5.8 GB in 20 s, and a 100 MB line took
//! 583 MB. The memory a bounded read holds is measured here, by a global allocator that
//! counts the bytes live at once, while streams far larger than the bounds are read: a
//! reader that slurped them, or grew its buffer past the bound, fails these tests.
//!
//! They are alone in this test binary, and run one after the other (a lock), so the
//! count is theirs.

use std::alloc::{GlobalAlloc, Layout, System};
use std::io::Read;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use matchday_formats::{InputError, MAX_INPUT_BYTES, MAX_LINE_BYTES, read_bounded};

/// The system allocator, counting the bytes live and the most live at once.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: passed on as given.
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let live = LIVE.fetch_add(layout.size(), Ordering::SeqCst) + layout.size();
            PEAK.fetch_max(live, Ordering::SeqCst);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: passed on as given.
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::SeqCst);
    }

    /// Counted as the change in size: the system's `realloc` grows a large block by
    /// remapping its pages (glibc's `mremap`), never holding the old and new at once.
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: passed on as given.
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            if new_size >= layout.size() {
                let live =
                    LIVE.fetch_add(new_size - layout.size(), Ordering::SeqCst) + new_size - layout.size();
                PEAK.fetch_max(live, Ordering::SeqCst);
            } else {
                LIVE.fetch_sub(layout.size() - new_size, Ordering::SeqCst);
            }
        }
        p
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

/// The most bytes live at once above those live before, while `run` runs.
fn peak_above_start<T>(run: impl FnOnce() -> T) -> (T, usize) {
    let _one = ONE_AT_A_TIME
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let start = LIVE.load(Ordering::SeqCst);
    PEAK.store(start, Ordering::SeqCst);
    let out = run();
    (out, PEAK.load(Ordering::SeqCst) - start)
}

/// Bytes from an endless cycle of `line`, generated as read.
struct Cycle {
    line: &'static [u8],
    at: usize,
}

impl Read for Cycle {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        for b in buf.iter_mut() {
            *b = self.line[self.at];
            self.at = (self.at + 1) % self.line.len();
        }
        Ok(buf.len())
    }
}

/// Room for the reader's own chunk and the error, above the bound.
const SLACK: usize = 256 * 1024;

#[test]
fn an_endless_line_is_refused_holding_no_more_than_the_line_bound() {
    // /dev/zero: one line that never ends.
    let (result, peak) = peak_above_start(|| read_bounded(std::io::repeat(0)));
    assert!(
        matches!(result, Err(InputError::LineTooLong { line: 1, .. })),
        "{result:?}"
    );
    assert!(
        peak <= MAX_LINE_BYTES + SLACK,
        "held {peak} bytes reading one endless line; the bound is {MAX_LINE_BYTES}"
    );
}

#[test]
fn a_stream_larger_than_the_bound_is_refused_holding_no_more_than_the_bound() {
    // Four times the bound of short lines, as a FIFO might give them.
    let lines = Cycle {
        line: b"2024-01-31 | Liverpool FC | Chelsea FC | 4-1 (2-0)\n",
        at: 0,
    };
    let length = 4 * MAX_INPUT_BYTES as u64;
    let (result, peak) = peak_above_start(|| read_bounded(lines.take(length)));
    assert!(matches!(result, Err(InputError::TooLarge { .. })), "{result:?}");
    assert!(
        peak <= MAX_INPUT_BYTES + SLACK,
        "held {peak} bytes reading {length}; the bound is {MAX_INPUT_BYTES}"
    );
}

#[test]
fn input_just_within_the_bound_is_read_holding_it_once() {
    let lines = Cycle {
        line: b"E0,31/01/24,Liverpool,Chelsea,4,1,H\n",
        at: 0,
    };
    let length = MAX_INPUT_BYTES as u64;
    let (result, peak) = peak_above_start(|| read_bounded(lines.take(length)).map(|b| b.len()));
    assert_eq!(result.unwrap(), MAX_INPUT_BYTES);
    assert!(
        peak <= MAX_INPUT_BYTES + SLACK,
        "held {peak} bytes reading {length}; the bound is {MAX_INPUT_BYTES}"
    );
}
