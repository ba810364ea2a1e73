//! Rules limited to some hosts (`site = ["example.com", "*.example.org",
//! "~ads.example.org"]`), and which rules apply to a page, found by
//! looking up the page's host and its parent domains rather than by trying
//! every scoped rule: a collection of site configs holds thousands.

use super::compile::Rule;
use rustc_hash::FxHashMap;

/// One host pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Site {
    /// Lower-case host, without the `*.`.
    host: String,
    /// `*.host`: the host and every host below it.
    subdomains: bool,
}

impl Site {
    /// `example.com` matches that host and `www.example.com`; `*.example.com`
    /// matches it and every subdomain.
    fn matches(&self, host: &str) -> bool {
        if self.subdomains {
            host == self.host
                || host
                    .strip_suffix(&self.host)
                    .is_some_and(|rest| rest.ends_with('.'))
        } else {
            host == self.host || host.strip_prefix("www.") == Some(&self.host)
        }
    }
}

/// Where a rule applies.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Sites {
    include: Vec<Site>,
    exclude: Vec<Site>,
}

impl Sites {
    /// Adds one pattern as written; the error says what is wrong with it.
    pub(super) fn add(&mut self, pattern: &str) -> Result<(), String> {
        let (exclude, rest) = match pattern.strip_prefix('~') {
            Some(rest) => (true, rest),
            None => (false, pattern),
        };
        let (subdomains, host) = match rest.strip_prefix("*.") {
            Some(host) => (true, host),
            None => (false, rest),
        };
        let valid = |c: char| c.is_alphanumeric() || matches!(c, '-' | '.' | '_');
        if host.is_empty() || !host.chars().all(valid) || host.starts_with('.') {
            return Err(format!(
                "invalid site '{pattern}': write a host such as example.com, *.example.com or ~example.com"
            ));
        }
        let site = Site {
            host: host.to_lowercase(),
            subdomains,
        };
        if exclude {
            self.exclude.push(site);
        } else {
            self.include.push(site);
        }
        Ok(())
    }

    /// Whether a page known by `hosts` (any of them) is in scope. A rule
    /// naming hosts does not apply to a page whose address is unknown.
    pub(super) fn applies(&self, hosts: &[String]) -> bool {
        let any = |sites: &[Site]| hosts.iter().any(|h| sites.iter().any(|s| s.matches(h)));
        (self.include.is_empty() || any(&self.include)) && !any(&self.exclude)
    }
}

/// The rules limited to hosts, filed by host.
#[derive(Debug, Default)]
pub(super) struct HostIndex {
    /// Whether each rule applies before any host is looked at: true for
    /// rules without sites and those that only exclude hosts.
    base: Vec<bool>,
    /// Rules naming hosts to apply to, by each such host.
    by_host: FxHashMap<String, Vec<usize>>,
    /// Rules that only name hosts to leave out.
    exclude_only: Vec<usize>,
}

impl HostIndex {
    pub(super) fn new(rules: &[Rule]) -> HostIndex {
        let mut index = HostIndex::default();
        for (i, rule) in rules.iter().enumerate() {
            let sites = &rule.sites;
            index.base.push(sites.include.is_empty());
            for site in &sites.include {
                index.by_host.entry(site.host.clone()).or_default().push(i);
            }
            if sites.include.is_empty() && !sites.exclude.is_empty() {
                index.exclude_only.push(i);
            }
        }
        index
    }

    /// Which rules apply to a page known by `hosts`; `None` when every
    /// rule does (no rule names a host).
    pub(super) fn active(&self, rules: &[Rule], hosts: &[String]) -> Option<Vec<bool>> {
        if self.by_host.is_empty() && self.exclude_only.is_empty() {
            return None;
        }
        let mut active = self.base.clone();
        let mut check = |i: usize| active[i] = rules[i].sites.applies(hosts);
        for host in hosts {
            for suffix in suffixes(host) {
                self.by_host
                    .get(suffix)
                    .into_iter()
                    .flatten()
                    .for_each(|&i| check(i));
            }
        }
        self.exclude_only.iter().for_each(|&i| check(i));
        Some(active)
    }
}

/// `a.b.example.com`, `b.example.com`, `example.com`, `com`.
fn suffixes(host: &str) -> impl Iterator<Item = &str> {
    std::iter::successors(Some(host), |h| h.split_once('.').map(|(_, rest)| rest))
}

/// The lower-case hosts of the page's addresses that parse as URLs.
pub(super) fn hosts_of<'a>(urls: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut hosts: Vec<String> = urls
        .into_iter()
        .filter_map(|u| url::Url::parse(u.trim()).ok())
        .filter_map(|u| u.host_str().map(|h| h.trim_end_matches('.').to_lowercase()))
        .collect();
    hosts.dedup();
    hosts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sites(patterns: &[&str]) -> Sites {
        let mut s = Sites::default();
        patterns.iter().for_each(|p| s.add(p).unwrap());
        s
    }

    fn hosts(h: &[&str]) -> Vec<String> {
        h.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn a_plain_host_matches_itself_and_its_www() {
        let s = sites(&["example.com"]);
        assert!(s.applies(&hosts(&["example.com"])));
        assert!(s.applies(&hosts(&["www.example.com"])));
        assert!(!s.applies(&hosts(&["news.example.com"])));
        assert!(!s.applies(&hosts(&["badexample.com"])));
        assert!(!s.applies(&[]));
    }

    #[test]
    fn a_wildcard_matches_the_domain_and_its_subdomains() {
        let s = sites(&["*.example.org", "~ads.example.org"]);
        assert!(s.applies(&hosts(&["example.org"])));
        assert!(s.applies(&hosts(&["a.b.example.org"])));
        assert!(!s.applies(&hosts(&["ads.example.org"])));
        assert!(!s.applies(&hosts(&["notexample.org"])));
    }

    #[test]
    fn exclusions_alone_apply_everywhere_else() {
        let s = sites(&["~example.com"]);
        assert!(s.applies(&[]));
        assert!(s.applies(&hosts(&["other.net"])));
        assert!(!s.applies(&hosts(&["example.com"])));
    }

    #[test]
    fn invalid_patterns_are_refused() {
        for bad in [
            "",
            "*.",
            "~",
            "exa mple.com",
            "http://example.com",
            ".example.com",
        ] {
            assert!(Sites::default().add(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn hosts_come_from_urls_lower_cased() {
        let h = hosts_of(["https://WWW.Example.com/a", "not a url", "http://b.org./x"]);
        assert_eq!(h, ["www.example.com", "b.org"]);
    }
}
