//! Mentions of references in the prompt. Runware documents no token syntax for Kling IMAGE
//! O1, so a mention is plain words: "image 2" names the second reference. When references are
//! reordered or removed, the mentions are renumbered so each still names the same image.

/// The words that name the reference at `position` (0-based).
pub fn label(position: usize) -> String {
    format!("image {}", position + 1)
}

/// Words a removed reference's mentions become (a number would now name another image).
pub const REMOVED: &str = "the removed image";

/// One "image N" in the prompt: byte range of the number, and N.
fn mentions(prompt: &str) -> Vec<(usize, usize, usize)> {
    let lower = prompt.to_ascii_lowercase();
    let bytes = lower.as_bytes();
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(at) = lower[from..].find("image") {
        let start = from + at;
        from = start + 5;
        let before_ok = start == 0 || !bytes[start - 1].is_ascii_alphanumeric();
        // "image 2" and "image #2" name the second reference ("image2" is some other word).
        let mut i = start + 5;
        while i < bytes.len() && (bytes[i] == b' ' || bytes[i] == b'#') && i < start + 7 {
            i += 1;
        }
        let digits_start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        let after_ok = i >= bytes.len() || !bytes[i].is_ascii_alphanumeric();
        let separated = digits_start > start + 5;
        if before_ok && after_ok && separated && i > digits_start && i - digits_start <= 2 {
            if let Ok(n) = lower[digits_start..i].parse::<usize>() {
                if n >= 1 {
                    out.push((start, i, n));
                }
            }
        }
    }
    out
}

/// The reference numbers the prompt mentions (1-based, sorted, once each).
pub fn mentioned(prompt: &str) -> Vec<usize> {
    let mut ns: Vec<usize> = mentions(prompt).into_iter().map(|(_, _, n)| n).collect();
    ns.sort_unstable();
    ns.dedup();
    ns
}

/// What the prompt says about a tray of `count` references: the numbers it never mentions,
/// and the numbers it mentions that are not there.
pub fn coverage(prompt: &str, count: usize) -> (Vec<usize>, Vec<usize>) {
    let said = mentioned(prompt);
    let unmentioned = (1..=count).filter(|n| !said.contains(n)).collect();
    let missing = said.into_iter().filter(|n| *n > count).collect();
    (unmentioned, missing)
}

/// One renumbering: the reference that was number `from` is now `to` (`None`: removed).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Renumber {
    pub from: usize,
    pub to: Option<usize>,
}

/// Rewrites the prompt's mentions after the tray went from `before` to `after` (reference
/// identities in order), so each mention names the same image; returns the new prompt and
/// what changed (mentioned references only).
pub fn rewrite<T: PartialEq>(prompt: &str, before: &[T], after: &[T]) -> (String, Vec<Renumber>) {
    let mut out = String::with_capacity(prompt.len());
    let mut changes: Vec<Renumber> = Vec::new();
    let mut last = 0;
    for (start, end, n) in mentions(prompt) {
        let Some(id) = before.get(n - 1) else {
            continue; // names nothing that was there: left as written
        };
        let to = after.iter().position(|x| x == id).map(|p| p + 1);
        if to == Some(n) {
            continue;
        }
        out.push_str(&prompt[last..start]);
        match to {
            // Keeps the word as the user wrote it ("Image", "image") and the number's form.
            Some(m) => {
                let head = &prompt[start..end];
                let digits = head.trim_end_matches(|c: char| c.is_ascii_digit()).len();
                out.push_str(&head[..digits]);
                out.push_str(&m.to_string());
            }
            None => out.push_str(REMOVED),
        }
        last = end;
        let change = Renumber { from: n, to };
        if !changes.contains(&change) {
            changes.push(change);
        }
    }
    out.push_str(&prompt[last..]);
    (out, changes)
}

/// The renumbering in one line: "Mentions renumbered: image 3 is now image 1, image 1 is
/// now image 2."
pub fn describe(changes: &[Renumber]) -> String {
    let parts: Vec<String> = changes
        .iter()
        .map(|c| match c.to {
            Some(to) => format!("image {} is now image {to}", c.from),
            None => format!("image {} was removed", c.from),
        })
        .collect();
    format!("Mentions renumbered: {}.", parts.join(", "))
}
