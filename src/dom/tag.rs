//! Reading tags and markup declarations as html5ever's tokenizer does,
//! for the scans that run ahead of it in its input (the attribute bound,
//! the attribute scan and the SVG skip): where a tag ends, its attributes, whether it closes
//! itself, and where a comment, a CDATA section or a bogus comment ends.

/// The tag name starting at `at`: up to white space, `/` or `>`; empty
/// when it does not start with a letter (`</` and another byte is a
/// comment, `<` and another byte text).
pub(super) fn tag_name(text: &[u8], at: usize) -> &[u8] {
    let rest = &text[at..];
    if !rest.first().is_some_and(u8::is_ascii_alphabetic) {
        return &rest[..0];
    }
    let len = rest
        .iter()
        .position(|&b| CLASS[usize::from(b)] & (SPACE | SLASH | GT) != 0)
        .unwrap_or(rest.len());
    &rest[..len]
}

/// After `<!` at `lt`: the end of a comment (`<!-->`, `<!--->` and `--!>`
/// included), of a CDATA section (foreign content has them), or of a
/// bogus comment (up to `>`).
pub(super) fn markup_declaration_end(text: &[u8], lt: usize) -> Option<usize> {
    let rest = &text[lt + 2..];
    if let Some(comment) = rest.strip_prefix(b"--") {
        let start = lt + 4;
        if comment.starts_with(b">") {
            return Some(start + 1);
        }
        if comment.starts_with(b"->") {
            return Some(start + 2);
        }
        let mut at = start;
        loop {
            at += memchr::memchr(b'-', &text[at..])?;
            let tail = &text[at..];
            if tail.starts_with(b"-->") {
                return Some(at + 3);
            }
            if tail.starts_with(b"--!>") {
                return Some(at + 4);
            }
            at += 1;
        }
    }
    if rest.starts_with(b"[CDATA[") {
        let body = lt + 9;
        return memchr::memmem::find(&text[body..], b"]]>").map(|end| body + end + 3);
    }
    Some(lt + 2 + memchr::memchr(b'>', rest)? + 1)
}

/// One attribute of a tag: its name's byte range, and where it ends
/// (after its value, or after its name when it has none).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Attribute {
    pub(super) name: (usize, usize),
    pub(super) end: usize,
}

/// The tokenizer's states inside a tag (the HTML standard's tag name and
/// attribute states).
#[derive(Clone, Copy, PartialEq, Debug)]
enum State {
    TagName,
    BeforeName,
    Name,
    AfterName,
    BeforeValue,
    Quoted(u8),
    AfterQuoted,
    Unquoted,
    SelfClosing,
}

/// Byte classes in a tag, as bits: what ends a run of a tag name
/// (white space, `/`, `>`), of an attribute name (those and `=`), or of
/// an unquoted value (white space, `>`).
pub(super) const SPACE: u8 = 1;
pub(super) const SLASH: u8 = 2;
pub(super) const GT: u8 = 4;
pub(super) const EQUALS: u8 = 8;

static CLASS: [u8; 256] = {
    let mut table = [0u8; 256];
    table[b' ' as usize] = SPACE;
    table[b'\t' as usize] = SPACE;
    table[b'\n' as usize] = SPACE;
    table[b'\r' as usize] = SPACE;
    table[0x0C] = SPACE;
    table[b'/' as usize] = SLASH;
    table[b'>' as usize] = GT;
    table[b'=' as usize] = EQUALS;
    table
};

/// The offset of the first byte from `at` in one of the `classes`.
pub(super) fn run_end(text: &[u8], at: usize, classes: u8) -> Option<usize> {
    let run = text[at..]
        .iter()
        .position(|&b| CLASS[usize::from(b)] & classes != 0)?;
    Some(at + run)
}

/// Reads a tag from its name at `at` (just after `<` or `</`): fills
/// `attributes` with its attributes, and returns the offset after its
/// `>` and whether the tag ends with `/>` (self-closing), or `None` when
/// `text` ends first.
pub(super) fn scan(
    text: &[u8],
    at: usize,
    attributes: &mut Vec<Attribute>,
) -> Option<(usize, bool)> {
    use State::*;
    attributes.clear();
    let mut state = TagName;
    let mut i = at;
    loop {
        // Names, values and unquoted values are most of a tag's bytes:
        // jump to the byte that ends them.
        match state {
            TagName => i = run_end(text, i, SPACE | SLASH | GT)?,
            Name => {
                i = run_end(text, i, SPACE | SLASH | GT | EQUALS)?;
                if let Some(a) = attributes.last_mut() {
                    a.name.1 = i;
                    a.end = i;
                }
            }
            Unquoted => {
                i = run_end(text, i, SPACE | GT)?;
                set_end(attributes, i);
            }
            Quoted(q) => {
                i += memchr::memchr(q, &text[i..])? + 1;
                set_end(attributes, i);
                state = AfterQuoted;
                continue;
            }
            _ => {}
        }
        let b = *text.get(i)?;
        // A tag ends at `>` in every other state.
        if b == b'>' {
            return Some((i + 1, state == SelfClosing));
        }
        // After a quoted value (but for white space and `/`, which it
        // reads alike) and after a `/` not followed by `>`, the byte is
        // read again in the before-name state.
        if matches!(state, AfterQuoted | SelfClosing) {
            state = BeforeName;
        }
        let class = CLASS[usize::from(b)];
        state = match state {
            // The runs above end at these bytes only.
            TagName if class == SPACE => BeforeName,
            Name if class == SPACE => AfterName,
            TagName | Name if class == SLASH => SelfClosing,
            Name => {
                set_end(attributes, i + 1);
                BeforeValue
            }
            Unquoted => BeforeName,
            BeforeName | AfterName | BeforeValue if class == SPACE => state,
            BeforeName | AfterName if class == SLASH => SelfClosing,
            AfterName if class == EQUALS => {
                set_end(attributes, i + 1);
                BeforeValue
            }
            // Any other byte starts an attribute (`=` too, where no name
            // is open: the name then begins with it).
            BeforeName | AfterName => {
                attributes.push(Attribute {
                    name: (i, i + 1),
                    end: i + 1,
                });
                i += 1;
                state = Name;
                continue;
            }
            BeforeValue if b == b'"' || b == b'\'' => Quoted(b),
            BeforeValue => {
                state = Unquoted;
                continue;
            }
            TagName | Quoted(_) | AfterQuoted | SelfClosing => unreachable!("handled above"),
        };
        i += 1;
    }
}

/// The attribute being read now ends at `end`.
fn set_end(attributes: &mut [Attribute], end: usize) {
    if let Some(a) = attributes.last_mut() {
        a.end = end;
    }
}

/// White space as the tokenizer reads it in a tag (`\r` is read as `\n`).
pub(super) fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0C')
}
