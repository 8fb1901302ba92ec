//! Text from a file's bytes: UTF-8, or else Windows-1252, the encoding of
//! older downloads made on Windows (football-data.co.uk's files from before
//! about 2019 spell "Málaga" with the single byte `E1`).

use std::borrow::Cow;

/// The characters Windows-1252 gives the bytes 0x80 to 0x9F (where Latin-1
/// has control characters); the five bytes it leaves undefined keep their
/// Latin-1 control character, which the readers then refuse naming the line.
const WINDOWS_1252_HIGH: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}', '\u{90}',
    '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
];

/// `bytes` as text: as they are when they are UTF-8, else read as
/// Windows-1252 (every byte is a character there, so this never fails).
///
/// ```
/// use matchday_formats::decode;
/// assert_eq!(decode("Málaga".as_bytes()), "Málaga");
/// assert_eq!(decode(b"M\xe1laga \x80"), "Málaga €");
/// ```
pub fn decode(bytes: &[u8]) -> Cow<'_, str> {
    match std::str::from_utf8(bytes) {
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
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_is_kept_and_anything_else_is_windows_1252() {
        assert!(matches!(decode(b"Derby,Sunderland"), Cow::Borrowed(_)));
        assert_eq!(
            decode(b"N\xfcrnberg, Atl\xe9tico, \x93Spurs\x94"),
            "Nürnberg, Atlético, “Spurs”"
        );
        // A UTF-8 BOM stays for the readers to skip.
        assert_eq!(decode(b"\xef\xbb\xbfDiv"), "\u{feff}Div");
        let csv = b"Div,Date,HomeTeam,AwayTeam,FTHG,FTAG\nSP1,14/08/16,M\xe1laga,Osasuna,1,1\n";
        let records = crate::football_data::parse(&decode(csv)).unwrap();
        assert_eq!(records[0].matches[0].home, "Málaga");
        for b in 0u8..=255 {
            assert_eq!(decode(&[b]).chars().count(), 1, "{b:#x}");
        }
    }
}
