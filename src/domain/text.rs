//! Words and figures as the interface prints them: case folding for search, excerpts, byte
//! sizes, prices and durations. Shared by the other domain modules, so it depends on none.

use super::number::fixed;

/// Lower case for Latin (with its accented letters), Greek and Cyrillic, the scripts prompts
/// are mostly written in. `str::to_lowercase` would be complete, but its Unicode tables add
/// some 24 KB to the browser build for a search box; other letters match as typed.
pub fn fold_case(s: &str) -> String {
    s.chars().map(fold_char).collect()
}

fn fold_char(c: char) -> char {
    let u = c as u32;
    let lower = match u {
        0x41..=0x5A | 0xC0..=0xD6 | 0xD8..=0xDE | 0x391..=0x3A1 | 0x3A3..=0x3AB | 0x410..=0x42F => {
            u + 0x20
        }
        0x400..=0x40F => u + 0x50,
        // Latin Extended-A and Cyrillic's extra letters pair upper (even) with lower (odd),
        // except where the pairs shift by one (Ĺ–ň, Ź–ž, Ӂ–ӎ).
        0x100..=0x137 | 0x14A..=0x177 | 0x460..=0x481 | 0x48A..=0x4BF | 0x4D0..=0x52F
            if u.is_multiple_of(2) =>
        {
            u + 1
        }
        0x139..=0x148 | 0x179..=0x17E | 0x4C1..=0x4CE if u % 2 == 1 => u + 1,
        0x4C0 => 0x4CF,
        0x178 => 0xFF,
        0x386 => 0x3AC,
        0x388..=0x38A => u + 0x25,
        0x38C => 0x3CC,
        // Final sigma matches sigma, as Unicode case folding has it.
        0x3C2 => 0x3C3,
        0x38E | 0x38F => u + 0x3F,
        _ => u,
    };
    char::from_u32(lower).unwrap_or(c)
}

/// The first words of a prompt, for job lines and alt text.
pub fn excerpt(prompt: &str, max_chars: usize) -> String {
    let p = prompt.trim();
    if p.chars().count() <= max_chars {
        return p.to_owned();
    }
    let cut: String = p.chars().take(max_chars).collect();
    let cut = cut.rsplit_once(' ').map(|(a, _)| a).unwrap_or(&cut);
    format!("{cut}…")
}

/// 1234567 -> "1.2 MB".
pub fn human_bytes(n: f64) -> String {
    if n >= 1_000_000_000.0 {
        format!("{} GB", fixed(n / 1_000_000_000.0, 1))
    } else if n >= 1_000_000.0 {
        format!("{} MB", fixed(n / 1_000_000.0, 1))
    } else if n >= 1_000.0 {
        format!("{} KB", fixed(n / 1_000.0, 0))
    } else {
        format!("{} B", fixed(n, 0))
    }
}

/// `data:image/png;base64,iVBOR… (1.2 MB)`.
pub fn abbreviate(s: &str) -> String {
    let head: String = s.chars().take(40).collect();
    format!("{head}… ({})", human_bytes(s.len() as f64))
}

/// "$0.056" below a dollar (an image costs cents), "$12.50" above, "$0.00" for nothing.
pub fn money(usd: f64) -> String {
    let places = if usd == 0.0 || usd.abs() >= 1.0 { 2 } else { 3 };
    format!("${}", fixed(usd, places))
}

/// "1:05" for 65 seconds.
pub fn elapsed_label(ms: f64) -> String {
    let s = (ms.max(0.0) / 1000.0).floor() as u64;
    format!("{}:{:02}", s / 60, s % 60)
}
