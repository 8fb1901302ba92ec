//! A file's bytes read within bounds, as a stream.
//!
//! Nothing a reader is given is trusted to be small: `/dev/zero`, `/dev/urandom`,
//! a FIFO or a file of one endless line would otherwise be read until memory
//! runs out. The bytes are pulled in chunks from any [`Read`] (never sized
//! from the file's metadata, which a device or FIFO does not have), and reading
//! stops, with an [`InputError`] naming the bound, as soon as the whole passes
//! [`MAX_INPUT_BYTES`] or one line passes [`MAX_LINE_BYTES`]: at most one
//! bound plus one chunk is ever held.
//!
//! The bounds are far above any real football file: the largest under
//! `../shared/data` is engsoccerdata's `england.csv` (15.4 MB, 208,028 matches
//! since 1888), and its longest line, in football-data.co.uk's files with
//! their betting columns, is 602 bytes.
//!
//! ```
//! use matchday_formats::{InputError, read_bounded};
//!
//! let bytes = read_bounded("Div,Date\nE0,31/01/24\n".as_bytes())?;
//! assert_eq!(bytes.len(), 21);
//! let endless = std::io::Read::take(std::io::repeat(0), 10 * 1024 * 1024);
//! let err = read_bounded(endless).unwrap_err();
//! assert!(matches!(err, InputError::LineTooLong { line: 1, .. }));
//! # Ok::<(), InputError>(())
//! ```

use std::io::Read;

/// The most bytes matchday reads from one file: 64 MiB, four times the
/// largest real football file (`england.csv`, 15.4 MB).
pub const MAX_INPUT_BYTES: usize = 64 * 1024 * 1024;

/// The most bytes of one line: 1 MiB, over a thousand times the longest line
/// of a real football file (602 bytes), and more than a whole season of
/// football.json written without line breaks.
pub const MAX_LINE_BYTES: usize = 1024 * 1024;

/// How much is pulled from the stream at a time.
const CHUNK: usize = 64 * 1024;

/// The two bounds, in bytes; [`InputBounds::default`] is the one matchday uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InputBounds {
    /// The most bytes of the whole input.
    pub total: usize,
    /// The most bytes of one line (without its line break).
    pub line: usize,
}

impl Default for InputBounds {
    fn default() -> InputBounds {
        InputBounds {
            total: MAX_INPUT_BYTES,
            line: MAX_LINE_BYTES,
        }
    }
}

/// Input that is not read: past a bound, or a failed read.
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    /// More bytes than the bound on a whole file.
    #[error(
        "more than {}, the most matchday reads from one file (the largest real football file is \
         about 15 MB): split it, a season a file",
        size(*limit)
    )]
    TooLarge {
        /// The bound passed, in bytes.
        limit: usize,
    },
    /// A line longer than the bound on one line.
    #[error(
        "line {line} is longer than {}, the longest line matchday reads (a real football file's \
         lines are a few hundred bytes)",
        size(*limit)
    )]
    LineTooLong {
        /// The 1-based number of the line.
        line: usize,
        /// The bound passed, in bytes.
        limit: usize,
    },
    /// The stream could not be read.
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

/// "64 MiB", "1 MiB", "512 bytes".
fn size(bytes: usize) -> String {
    const MIB: usize = 1024 * 1024;
    if bytes >= MIB && bytes.is_multiple_of(MIB) {
        format!("{} MiB", bytes / MIB)
    } else if bytes >= 1024 && bytes.is_multiple_of(1024) {
        format!("{} KiB", bytes / 1024)
    } else {
        format!("{bytes} bytes")
    }
}

/// Every byte of `reader`, within [`InputBounds::default`].
///
/// # Errors
/// [`InputError::TooLarge`] or [`InputError::LineTooLong`] as soon as a bound
/// is passed (the rest of the stream is not read), [`InputError::Io`] when a
/// read fails.
pub fn read_bounded(reader: impl Read) -> Result<Vec<u8>, InputError> {
    read_within(reader, InputBounds::default())
}

/// Every byte of `reader`, within `bounds`. Lines end at `\n` or `\r` (a
/// `\r\n` is one line break), as the readers count them.
///
/// # Errors
/// As [`read_bounded`].
pub fn read_within(mut reader: impl Read, bounds: InputBounds) -> Result<Vec<u8>, InputError> {
    let mut bytes: Vec<u8> = Vec::new();
    let mut chunk = vec![0u8; CHUNK];
    let mut line = 1;
    let mut line_length = 0;
    let mut after_cr = false;
    loop {
        let read = match reader.read(&mut chunk) {
            Ok(0) => return Ok(bytes),
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e.into()),
        };
        let chunk = &chunk[..read];
        // The bytes up to the total bound are looked at first, so that a line too long
        // within them is named as such.
        let allowed = bounds.total - bytes.len();
        for &b in &chunk[..read.min(allowed)] {
            match b {
                b'\n' if after_cr => after_cr = false,
                b'\n' | b'\r' => {
                    line += 1;
                    line_length = 0;
                    after_cr = b == b'\r';
                }
                _ => {
                    after_cr = false;
                    line_length += 1;
                    if line_length > bounds.line {
                        return Err(InputError::LineTooLong {
                            line,
                            limit: bounds.line,
                        });
                    }
                }
            }
        }
        if read > allowed {
            return Err(InputError::TooLarge { limit: bounds.total });
        }
        // Grown by doubling, but never past the bound: what is held stays within it.
        if bytes.capacity() - bytes.len() < read {
            let wanted = (bytes.capacity() * 2).max(bytes.len() + read).min(bounds.total);
            bytes.reserve_exact(wanted - bytes.len());
        }
        bytes.extend_from_slice(chunk);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A stream that counts the bytes taken from it.
    struct Counted<R> {
        inner: R,
        taken: usize,
    }

    impl<R: Read> Read for Counted<R> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = self.inner.read(buf)?;
            self.taken += n;
            Ok(n)
        }
    }

    fn counted<R: Read>(inner: R) -> Counted<R> {
        Counted { inner, taken: 0 }
    }

    const SMALL: InputBounds = InputBounds {
        total: 1000,
        line: 100,
    };

    #[test]
    fn input_within_the_bounds_is_read_whole() {
        let text = "a line\r\nanother\rthird\n".repeat(30);
        assert_eq!(read_within(text.as_bytes(), SMALL).unwrap(), text.as_bytes());
        let exact = format!("{}\n{}", "x".repeat(100), "y".repeat(100));
        assert_eq!(read_within(exact.as_bytes(), SMALL).unwrap().len(), 201);
        assert!(read_within(&b""[..], SMALL).unwrap().is_empty());
    }

    #[test]
    fn an_endless_stream_of_one_line_stops_at_the_line_bound() {
        let mut zeros = counted(std::io::repeat(0));
        let err = read_within(&mut zeros, SMALL).unwrap_err();
        assert!(
            matches!(err, InputError::LineTooLong { line: 1, limit: 100 }),
            "{err}"
        );
        // One chunk pulled, no more.
        assert!(zeros.taken <= CHUNK, "{}", zeros.taken);
        let mut zeros = counted(std::io::repeat(0));
        let err = read_bounded(&mut zeros).unwrap_err();
        assert_eq!(
            err.to_string(),
            "line 1 is longer than 1 MiB, the longest line matchday reads (a real football file's \
             lines are a few hundred bytes)"
        );
        assert!(zeros.taken <= MAX_LINE_BYTES + CHUNK, "{}", zeros.taken);
    }

    #[test]
    fn an_endless_stream_of_short_lines_stops_at_the_total_bound() {
        let mut lines = counted(std::io::repeat(b'\n'));
        let err = read_within(&mut lines, SMALL).unwrap_err();
        assert!(matches!(err, InputError::TooLarge { limit: 1000 }), "{err}");
        assert!(lines.taken <= CHUNK, "{}", lines.taken);
        let mut lines = counted(std::io::repeat(b'\n'));
        let err = read_bounded(&mut lines).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("more than 64 MiB, the most matchday reads from one file"),
            "{err}"
        );
        assert!(lines.taken <= MAX_INPUT_BYTES + CHUNK, "{}", lines.taken);
    }

    #[test]
    fn a_long_line_is_named_by_its_number_whatever_the_line_breaks() {
        for text in [
            format!("a\nb\r\nc\r{}", "x".repeat(101)),
            format!("a\r\n\r\nc\n{}\n", "x".repeat(101)),
        ] {
            let err = read_within(text.as_bytes(), SMALL).unwrap_err();
            assert!(
                matches!(err, InputError::LineTooLong { line: 4, .. }),
                "{text:?}: {err}"
            );
        }
    }

    #[test]
    fn a_failed_read_is_an_error() {
        struct Broken;
        impl Read for Broken {
            fn read(&mut self, _: &mut [u8]) -> std::io::Result<usize> {
                Err(std::io::Error::other("disk on fire"))
            }
        }
        assert_eq!(read_bounded(Broken).unwrap_err().to_string(), "disk on fire");
    }
}
