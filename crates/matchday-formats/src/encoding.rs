//! Text from a file's bytes: UTF-8; UTF-16 (little- or big-endian) when the
//! file starts with its byte-order mark, as Excel and Windows Notepad save
//! "Unicode" text; or else Windows-1252, the encoding of older downloads made
//! on Windows (football-data.co.uk's files from before about 2019 spell
//! "Málaga" with the single byte `E1`). UTF-32, and UTF-16 without a
//! byte-order mark, are refused naming the encoding.

use std::borrow::Cow;

/// The characters Windows-1252 gives the bytes 0x80 to 0x9F (where Latin-1
/// has control characters); the five bytes it leaves undefined keep their
/// Latin-1 control character, which the readers then refuse naming the line.
const WINDOWS_1252_HIGH: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}', '\u{90}',
    '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
];

/// Bytes that are not text matchday reads, named by their encoding.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EncodingError {
    /// A UTF-32 file (its byte-order mark says so).
    #[error("the file is UTF-32 ({0}), which matchday does not read: save it as UTF-8")]
    Utf32(&'static str),
    /// UTF-16 with a byte-order mark whose bytes are not UTF-16.
    #[error("the file starts as UTF-16 ({endian}) but is not: {why} at byte {at}; save it as UTF-8")]
    BadUtf16 {
        /// "little-endian" or "big-endian".
        endian: &'static str,
        /// What is wrong.
        why: &'static str,
        /// Its 0-based byte offset.
        at: usize,
    },
    /// Text whose every other byte is NUL: UTF-16 without a byte-order mark.
    #[error(
        "the file looks like UTF-16 without a byte-order mark, which matchday cannot tell from other text: \
         save it as UTF-8 (or UTF-16 with a byte-order mark)"
    )]
    Utf16WithoutMark,
}

/// `bytes` as text: as they are when they are UTF-8, converted when they are
/// UTF-16 with a byte-order mark, else read as Windows-1252 (every byte is a
/// character there).
///
/// # Errors
/// An [`EncodingError`] naming the encoding for UTF-32, for UTF-16 whose
/// bytes do not decode, and for what looks like UTF-16 without a mark.
///
/// ```
/// use matchday_formats::decode;
/// assert_eq!(decode("Málaga".as_bytes())?, "Málaga");
/// assert_eq!(decode(b"M\xe1laga \x80")?, "Málaga €");
/// assert_eq!(decode(b"\xff\xfeM\0\xe1\0l\0")?, "Mál");
/// assert!(decode(b"\xff\xfe\0\0M\0\0\0").unwrap_err().to_string().contains("UTF-32"));
/// # Ok::<(), matchday_formats::EncodingError>(())
/// ```
pub fn decode(bytes: &[u8]) -> Result<Cow<'_, str>, EncodingError> {
    // UTF-32's marks first: its little-endian one starts with UTF-16's.
    if bytes.starts_with(&[0xff, 0xfe, 0, 0]) {
        return Err(EncodingError::Utf32("little-endian"));
    }
    if bytes.starts_with(&[0, 0, 0xfe, 0xff]) {
        return Err(EncodingError::Utf32("big-endian"));
    }
    if let Some(rest) = bytes.strip_prefix(&[0xff, 0xfe]) {
        return utf16(rest, "little-endian", u16::from_le_bytes).map(Cow::Owned);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xfe, 0xff]) {
        return utf16(rest, "big-endian", u16::from_be_bytes).map(Cow::Owned);
    }
    if looks_like_utf16(bytes) {
        return Err(EncodingError::Utf16WithoutMark);
    }
    Ok(match std::str::from_utf8(bytes) {
        Ok(text) => Cow::Borrowed(text),
        Err(_) => Cow::Owned(
            bytes
                .iter()
                .map(|&b| match b {
                    0x80..=0x9f => WINDOWS_1252_HIGH[usize::from(b - 0x80)],
                    _ => char::from(b),
                })
                .collect(),
        ),
    })
}

/// The UTF-16 text after a byte-order mark (`rest` starts 2 bytes into the file).
fn utf16(rest: &[u8], endian: &'static str, unit: fn([u8; 2]) -> u16) -> Result<String, EncodingError> {
    let bad = |why, at| EncodingError::BadUtf16 { endian, why, at };
    if rest.len() % 2 == 1 {
        return Err(bad("an odd number of bytes", rest.len() + 1));
    }
    let units = rest.chunks_exact(2).map(|pair| unit([pair[0], pair[1]]));
    let mut text = String::with_capacity(rest.len());
    // Units decoded so far, for the offset of a bad one (after the 2-byte mark).
    let mut decoded = 0;
    for c in char::decode_utf16(units) {
        match c {
            Ok(c) => {
                text.push(c);
                decoded += c.len_utf16();
            }
            Err(_) => return Err(bad("a lone surrogate", 2 + 2 * decoded)),
        }
    }
    Ok(text)
}

/// Whether the start of `bytes` is ASCII text written as UTF-16 without a
/// mark: NUL in every other byte, as no text format matchday reads has.
fn looks_like_utf16(bytes: &[u8]) -> bool {
    let start = &bytes[..bytes.len().min(64)];
    if start.len() < 8 {
        return false;
    }
    let count = start.len() / 2;
    let nul_at = |side: usize| {
        start
            .chunks_exact(2)
            .filter(|p| p[side] == 0 && p[1 - side] != 0)
            .count()
    };
    // Little-endian ASCII has NUL second, big-endian first.
    nul_at(1) * 4 >= count * 3 || nul_at(0) * 4 >= count * 3
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(bytes: &[u8]) -> String {
        decode(bytes).unwrap().into_owned()
    }

    #[test]
    fn utf8_is_kept_and_anything_else_is_windows_1252() {
        assert!(matches!(decode(b"Derby,Sunderland"), Ok(Cow::Borrowed(_))));
        assert_eq!(
            text(b"N\xfcrnberg, Atl\xe9tico, \x93Spurs\x94"),
            "Nürnberg, Atlético, “Spurs”"
        );
        // A UTF-8 BOM stays for the readers to skip.
        assert_eq!(text(b"\xef\xbb\xbfDiv"), "\u{feff}Div");
        let csv = b"Div,Date,HomeTeam,AwayTeam,FTHG,FTAG\nSP1,14/08/16,M\xe1laga,Osasuna,1,1\n";
        let records = crate::football_data::parse(&text(csv)).unwrap();
        assert_eq!(records[0].matches[0].home, "Málaga");
        for b in 0u8..=255 {
            assert_eq!(text(&[b]).chars().count(), 1, "{b:#x}");
        }
    }

    fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
        let mut bytes = if big_endian {
            vec![0xfe, 0xff]
        } else {
            vec![0xff, 0xfe]
        };
        for unit in text.encode_utf16() {
            bytes.extend(if big_endian {
                unit.to_be_bytes()
            } else {
                unit.to_le_bytes()
            });
        }
        bytes
    }

    #[test]
    fn utf16_with_a_byte_order_mark_is_read_in_either_byte_order() {
        let season =
            "matchday-season 1\r\ncompetition: Süper Lig 😀\r\n2024-02-25 | Beşiktaş | Göztepe | 1-0\r\n";
        for big_endian in [false, true] {
            let decoded = text(&utf16(season, big_endian));
            assert_eq!(decoded, season);
            let record = crate::season_file::parse(&decoded).unwrap();
            assert_eq!(record.matches[0].home, "Beşiktaş");
        }
    }

    #[test]
    fn utf16_that_does_not_decode_and_utf32_are_refused_naming_the_encoding() {
        let mut odd = utf16("Div,Date", false);
        odd.push(b'x');
        assert_eq!(
            decode(&odd).unwrap_err().to_string(),
            "the file starts as UTF-16 (little-endian) but is not: an odd number of bytes at byte 18; save it as UTF-8"
        );
        let mut lone = utf16("ab", true);
        lone.extend([0xd8, 0x00, 0, b'c']);
        let err = decode(&lone).unwrap_err().to_string();
        assert!(
            err.contains("UTF-16 (big-endian) but is not: a lone surrogate at byte 6"),
            "{err}"
        );
        assert_eq!(
            decode(b"\xff\xfe\0\0D\0\0\0").unwrap_err(),
            EncodingError::Utf32("little-endian")
        );
        assert_eq!(
            decode(b"\0\0\xfe\xff\0\0\0D").unwrap_err(),
            EncodingError::Utf32("big-endian")
        );
    }

    #[test]
    fn utf16_without_a_mark_is_refused_as_such_not_as_a_nul() {
        let mut le = utf16("Div,Date,HomeTeam,AwayTeam\n", false);
        le.drain(..2);
        assert_eq!(decode(&le).unwrap_err(), EncodingError::Utf16WithoutMark);
        let mut be = utf16("= Premier League 2023/24\n", true);
        be.drain(..2);
        assert_eq!(decode(&be).unwrap_err(), EncodingError::Utf16WithoutMark);
        // A stray NUL in UTF-8 text is left for the readers to refuse with its line.
        assert!(decode(b"Div,Date,Home\0Team,AwayTeam\n").is_ok());
    }
}
