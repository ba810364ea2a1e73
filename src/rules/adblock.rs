//! Adblock element-hiding lists, as EasyList, Fanboy's lists and uBlock
//! Origin write them: `##selector` hides everywhere, `a.com,~b.a.com##sel`
//! on some hosts, `a.com#@#sel` is an exception. Each hiding line becomes a
//! drop rule named after the line itself (`list.txt:12: ##.ad-box`).
//!
//! Network rules (`||ads.example^`), scriptlets (`##+js(...)`), style
//! injections (`#$#`) and HTML filters (`##^`) do nothing to a saved page:
//! they are counted and skipped. So are procedural selectors that are not
//! CSS (`:has-text()`, `:xpath()`), each with a note naming its line.
//!
//! The format as documented by Adblock Plus ("How to write filters",
//! element hiding) and uBlock Origin ("Static filter syntax").

use super::RuleNote;
use super::draft::{Draft, Located};
use super::format::Action;
use super::sites::Sites;
use crate::dom::parse_selector;
use rustc_hash::FxHashMap;

/// Every adblock list of a run: exceptions in one list apply to the hiding
/// rules of all of them, as in a browser with several lists enabled.
#[derive(Debug, Default)]
pub(super) struct Lists {
    hides: Vec<Draft>,
    /// Exceptions by selector: the domains of each (empty: everywhere).
    exceptions: FxHashMap<String, Vec<Vec<String>>>,
}

/// What one line of a list is.
enum Line<'a> {
    /// Comments, headers, blank lines.
    Nothing,
    Hide(Cosmetic<'a>),
    Exception(Cosmetic<'a>),
    Network,
    Scriptlet,
    Unsupported(&'static str),
}

/// `domains##selector`, split.
struct Cosmetic<'a> {
    domains: &'a str,
    selector: String,
    /// Byte offset of the selector in the line.
    at: usize,
}

/// Counts for the summary note of one list.
#[derive(Default)]
struct Counts {
    hides: usize,
    exceptions: usize,
    network: usize,
    scriptlets: usize,
    unsupported: usize,
}

impl Lists {
    /// Reads one list; lines that cannot be used are noted, not errors:
    /// lists are written for browsers and carry much that is not for us.
    pub(super) fn add(&mut self, name: &str, text: &str, notes: &mut Vec<RuleNote>) {
        let mut counts = Counts::default();
        for (i, raw) in text.lines().enumerate() {
            let line = raw.trim();
            let number = i + 1;
            let mut skip = |why: &str| {
                notes.push(RuleNote {
                    source: name.to_string(),
                    line: Some(number),
                    message: format!("skipped ({why}): {line}"),
                });
            };
            match classify(line) {
                Line::Nothing => {}
                Line::Network => counts.network += 1,
                Line::Scriptlet => counts.scriptlets += 1,
                Line::Unsupported(why) => {
                    counts.unsupported += 1;
                    skip(why);
                }
                Line::Hide(c) | Line::Exception(c) if parse_selector(&c.selector).is_err() => {
                    counts.unsupported += 1;
                    skip("not a CSS selector");
                }
                Line::Hide(c) => match self.hide(name, number, line, &c) {
                    Ok(()) => counts.hides += 1,
                    Err(why) => {
                        counts.unsupported += 1;
                        skip(why);
                    }
                },
                Line::Exception(c) => {
                    counts.exceptions += 1;
                    let domains = split_domains(c.domains).map(str::to_string).collect();
                    self.exceptions.entry(c.selector).or_default().push(domains);
                }
            }
        }
        notes.push(summary(name, &counts));
    }

    fn hide(
        &mut self,
        name: &str,
        number: usize,
        line: &str,
        c: &Cosmetic,
    ) -> Result<(), &'static str> {
        let mut draft = Draft::new(
            name,
            number,
            format!("{name}:{number}: {line}"),
            Action::Drop,
        );
        draft.selector = Some(Located::new(c.selector.clone(), number, c.at + 1));
        for domain in split_domains(c.domains) {
            if domain.ends_with(".*") || domain.starts_with('/') {
                return Err("entity or regex domains are not supported");
            }
            // In adblock syntax a domain includes its subdomains.
            let site = match domain.strip_prefix('~') {
                Some(d) => format!("~*.{d}"),
                None => format!("*.{domain}"),
            };
            Sites::default()
                .add(&site)
                .map_err(|_| "a domain is not a host name")?;
            draft.site.push(Located::new(site, number, 1));
        }
        self.hides.push(draft);
        Ok(())
    }

    /// The hiding rules, exceptions applied: an exception without domains
    /// cancels the rules with the same selector; one with domains leaves
    /// those hosts out of them.
    pub(super) fn into_drafts(self) -> Vec<Draft> {
        let mut drafts = Vec::with_capacity(self.hides.len());
        'hides: for mut draft in self.hides {
            let selector = draft.selector.as_ref().map(|s| s.value.as_str());
            for domains in selector
                .and_then(|s| self.exceptions.get(s))
                .into_iter()
                .flatten()
            {
                if domains.is_empty() {
                    continue 'hides;
                }
                for d in domains.iter().filter(|d| !d.starts_with('~')) {
                    let line = draft.line;
                    draft.site.push(Located::new(format!("~*.{d}"), line, 1));
                }
            }
            drafts.push(draft);
        }
        drafts
    }
}

fn summary(name: &str, c: &Counts) -> RuleNote {
    RuleNote {
        source: name.to_string(),
        line: None,
        message: format!(
            "adblock list: {} element-hiding rules, {} exceptions; ignored {} network rules, \
             {} scriptlets and style injections, {} unsupported lines",
            c.hides, c.exceptions, c.network, c.scriptlets, c.unsupported
        ),
    }
}

fn split_domains(domains: &str) -> impl Iterator<Item = &str> {
    domains.split(',').map(str::trim).filter(|d| !d.is_empty())
}

/// Markers after the domains, longest first, and what each line is.
const MARKERS: &[(&str, Kind)] = &[
    ("#@#+js(", Kind::Scriptlet),
    ("##+js(", Kind::Scriptlet),
    ("#@$?#", Kind::Scriptlet),
    ("#$?#", Kind::Scriptlet),
    ("#@$#", Kind::Scriptlet),
    ("#$#", Kind::Scriptlet),
    ("#@%#", Kind::Scriptlet),
    ("#%#", Kind::Scriptlet),
    ("#@#^", Kind::HtmlFilter),
    ("##^", Kind::HtmlFilter),
    ("#@?#", Kind::Exception),
    ("#?#", Kind::Hide),
    ("#@#", Kind::Exception),
    ("##", Kind::Hide),
];

#[derive(Clone, Copy)]
enum Kind {
    Hide,
    Exception,
    Scriptlet,
    HtmlFilter,
}

fn classify(line: &str) -> Line<'_> {
    if line.is_empty() || line.starts_with('!') || line.starts_with('[') {
        return Line::Nothing;
    }
    let Some(hash) = line.find('#') else {
        return Line::Network;
    };
    let (domains, rest) = line.split_at(hash);
    let domain_char =
        |c: char| c.is_alphanumeric() || matches!(c, '.' | ',' | '~' | '-' | '*' | '_');
    if !domains.chars().all(domain_char) {
        // `||example.com/#anchor`, `/banner#`: a network rule with a `#`.
        return Line::Network;
    }
    let Some(&(marker, kind)) = MARKERS.iter().find(|(m, _)| rest.starts_with(m)) else {
        return Line::Network;
    };
    let at = hash + marker.len();
    let cosmetic = || Cosmetic {
        domains,
        selector: css_of(&line[at..]),
        at,
    };
    match kind {
        Kind::Scriptlet => Line::Scriptlet,
        Kind::HtmlFilter => Line::Unsupported("HTML filters act on the page source"),
        _ if line[at..].trim().is_empty() => Line::Unsupported("no selector"),
        _ if line[at..].contains(":style(") => {
            Line::Unsupported("`:style()` changes styles, it does not hide")
        }
        Kind::Hide => Line::Hide(cosmetic()),
        Kind::Exception => Line::Exception(cosmetic()),
    }
}

/// The selector in CSS: Adblock Plus's `:-abp-has()` is `:has()`, and
/// uBlock's `:remove()` removes what it matches, as hiding does.
fn css_of(selector: &str) -> String {
    let selector = selector.trim();
    let selector = selector.strip_suffix(":remove()").unwrap_or(selector);
    selector.replace(":-abp-has(", ":has(")
}

#[cfg(test)]
mod tests;
