//! Dates as pages write them, rewritten as ISO 8601: `2024-03-05` for a
//! day, `2024-03-05T10:00:00+09:00` for a moment (the zone only when the
//! page gives one). A value that cannot be read as a date is kept as it
//! was written.

use regex::Regex;
use std::sync::LazyLock;

/// `2024-03-05`, `2024/3/5`, `2024.03.05`, optionally with a time and zone:
/// `T10:00`, ` 10:00:00.123`, `Z`, `+0900`, `+09:00`, ` GMT`.
static NUMERIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\.?(?:[T ]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2})?)?$",
    )
    .expect("valid regex")
});

/// `20240305`.
static COMPACT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{4})(\d{2})(\d{2})$").expect("valid regex"));

/// `2024년 3월 5일`, `2024年3月5日`.
static CJK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\d{4})\s*[년年]\s*(\d{1,2})\s*[월月]\s*(\d{1,2})\s*[일日]").expect("valid regex")
});

/// `Tue, 05 Mar 2024 10:00:00 GMT` (RFC 2822, HTTP) and `5 March 2024`.
static DAY_MONTH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[A-Za-z]{3,9},?\s+)?(\d{1,2})\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(Z|UT|UTC|GMT|[+-]\d{2}:?\d{2})?)?$")
        .expect("valid regex")
});

/// `March 5, 2024` and `Mar. 5 2024`, optionally after a weekday.
static MONTH_DAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:[A-Za-z]{3,9},?\s+)?([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b",
    )
    .expect("valid regex")
});

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// The date in ISO 8601, or the trimmed value itself when it is not a
/// date this module reads.
pub(crate) fn normalize(raw: &str) -> String {
    let raw = raw.trim();
    iso8601(raw).unwrap_or_else(|| raw.to_string())
}

/// The date in ISO 8601, when `raw` is one of the forms above.
pub(crate) fn iso8601(raw: &str) -> Option<String> {
    let raw = raw.trim();
    let num = |s: Option<regex::Match>| s.and_then(|m| m.as_str().parse::<u32>().ok());
    if let Some(c) = NUMERIC.captures(raw) {
        let time = (num(c.get(4)), num(c.get(5)), num(c.get(6)).or(Some(0)));
        return format(
            num(c.get(1))?,
            num(c.get(2))?,
            num(c.get(3))?,
            time,
            c.get(7),
        );
    }
    if let Some(c) = COMPACT.captures(raw).or_else(|| CJK.captures(raw)) {
        return format(
            num(c.get(1))?,
            num(c.get(2))?,
            num(c.get(3))?,
            (None, None, None),
            None,
        );
    }
    if let Some(c) = DAY_MONTH.captures(raw) {
        let time = (num(c.get(4)), num(c.get(5)), num(c.get(6)).or(Some(0)));
        return format(
            num(c.get(3))?,
            month(&c[2])?,
            num(c.get(1))?,
            time,
            c.get(7),
        );
    }
    let c = MONTH_DAY.captures(raw)?;
    format(
        num(c.get(3))?,
        month(&c[1])?,
        num(c.get(2))?,
        (None, None, None),
        None,
    )
}

fn month(name: &str) -> Option<u32> {
    let lower = name.to_ascii_lowercase();
    let i = MONTHS.iter().position(|m| lower.starts_with(m))?;
    Some(i as u32 + 1)
}

/// Checks the ranges and writes the date, its time when there is one, and
/// the zone as `Z` or `+HH:MM`.
fn format(
    year: u32,
    month: u32,
    day: u32,
    (hour, minute, second): (Option<u32>, Option<u32>, Option<u32>),
    zone: Option<regex::Match>,
) -> Option<String> {
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) || !(1000..=9999).contains(&year) {
        return None;
    }
    let date = format!("{year:04}-{month:02}-{day:02}");
    let (Some(h), Some(m)) = (hour, minute) else {
        return Some(date);
    };
    let s = second.unwrap_or(0);
    if h > 23 || m > 59 || s > 60 {
        return None;
    }
    let zone = match zone.map(|z| z.as_str()) {
        None => String::new(),
        Some("Z" | "UT" | "UTC" | "GMT") => "Z".to_string(),
        Some(offset) => {
            let digits: String = offset[1..].chars().filter(char::is_ascii_digit).collect();
            format!("{}{}:{}", &offset[..1], &digits[..2], &digits[2..])
        }
    };
    Some(format!("{date}T{h:02}:{m:02}:{s:02}{zone}"))
}

#[cfg(test)]
mod tests {
    use super::{iso8601, normalize};

    #[test]
    fn dates_pages_write_become_iso_8601() {
        let cases = [
            ("2024-03-05", "2024-03-05"),
            ("2024-03-05T10:00:00+09:00", "2024-03-05T10:00:00+09:00"),
            ("2024-03-05T10:00:00.123Z", "2024-03-05T10:00:00Z"),
            ("2024-03-05 10:00", "2024-03-05T10:00:00"),
            ("2024/3/5 08:15:00 +0900", "2024-03-05T08:15:00+09:00"),
            ("2024.03.05.", "2024-03-05"),
            ("20240305", "2024-03-05"),
            ("2024년 3월 5일 오전 10:00", "2024-03-05"),
            ("2024年3月5日", "2024-03-05"),
            ("Tue, 05 Mar 2024 10:00:00 GMT", "2024-03-05T10:00:00Z"),
            ("5 March 2024", "2024-03-05"),
            ("March 5, 2024", "2024-03-05"),
            ("Sept. 15th, 2023 at noon", "2023-09-15"),
        ];
        for (raw, iso) in cases {
            assert_eq!(iso8601(raw).as_deref(), Some(iso), "{raw}");
        }
    }

    #[test]
    fn what_is_not_a_date_is_kept() {
        for raw in [
            "yesterday",
            "2024-13-05",
            "2024-02-40",
            "12345678x",
            "Smarch 5, 2024",
        ] {
            assert_eq!(iso8601(raw), None, "{raw}");
        }
        assert_eq!(normalize(" yesterday "), "yesterday");
    }
}
