//! Text made safe to put in HTML or SVG, as element content or a quoted attribute.

use std::borrow::Cow;

/// `text` with `&`, `<`, `>`, `"` and `'` written as character references, so a
/// team named `<script>` shows as its name and runs nothing.
pub fn escape(text: &str) -> Cow<'_, str> {
    if !text.contains(['&', '<', '>', '"', '\'']) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn markup_is_written_as_references() {
        assert_eq!(
            escape("<script>alert('x')</script>"),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"
        );
        assert_eq!(
            escape("Brighton & Hove \"Albion\""),
            "Brighton &amp; Hove &quot;Albion&quot;"
        );
        assert!(matches!(escape("Arsenal"), std::borrow::Cow::Borrowed("Arsenal")));
    }
}
