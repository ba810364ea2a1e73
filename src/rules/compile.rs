//! Rules compiled once per run: regexes built, class/id patterns combined
//! into one `RegexSet` so each class token is matched once for all rules.

use super::format::{self, Action, RuleSpec};
use crate::Error;
use regex::{Regex, RegexSet};
use toml::Spanned;

/// Default `max_chars` of a text rule: boilerplate labels are short.
const DEFAULT_TEXT_MAX_CHARS: usize = 200;

/// One compiled rule.
#[derive(Debug)]
pub(super) struct Rule {
    pub(super) name: String,
    pub(super) action: Action,
    pub(super) tags: Vec<String>,
    /// Index into the combined class/id `RegexSet`.
    pub(super) class_id: Option<usize>,
    pub(super) attribute: Option<(String, Option<Regex>)>,
    pub(super) text: Option<Regex>,
    pub(super) max_chars: Option<usize>,
    pub(super) outside_article: bool,
    /// The rule as the user wrote it, for `declutter rules`-style listings.
    pub(super) source: String,
}

/// A whole compiled rule set, in the order the rules were given.
#[derive(Debug)]
pub(super) struct Compiled {
    pub(super) rules: Vec<Rule>,
    pub(super) class_id: RegexSet,
}

/// Compiles rule files in order; the first invalid rule stops everything,
/// so no page is ever converted with a half-loaded rule set.
pub(super) fn compile(sources: &[(&str, &str)]) -> Result<Compiled, Error> {
    let mut rules = Vec::new();
    let mut patterns = Vec::new();
    for (name, text) in sources {
        let file = format::parse(name, text)?;
        for spec in file.rule {
            let span = spec.span();
            let spec = spec.into_inner();
            let source = format!("{name}: {}", spec.name);
            let ctx = Ctx { name, text, span };
            rules.push(compile_rule(spec, source, &mut patterns, &ctx)?);
        }
    }
    let class_id = RegexSet::new(&patterns).map_err(|e| Error::Rules {
        source_name: "rules".into(),
        line: None,
        column: None,
        message: format!("class_id patterns do not combine: {e}"),
    })?;
    Ok(Compiled { rules, class_id })
}

struct Ctx<'a> {
    name: &'a str,
    text: &'a str,
    span: std::ops::Range<usize>,
}

impl Ctx<'_> {
    fn error(&self, span: Option<std::ops::Range<usize>>, message: String) -> Error {
        format::error_at(
            self.name,
            self.text,
            span.or(Some(self.span.clone())),
            message,
        )
    }
}

fn compile_rule(
    spec: RuleSpec,
    source: String,
    patterns: &mut Vec<String>,
    ctx: &Ctx,
) -> Result<Rule, Error> {
    let name = spec.name.clone();
    check_has_matcher(&spec, ctx)?;
    let class_id = match &spec.class_id {
        Some(p) => {
            regex_at(&name, p, ctx)?;
            patterns.push(p.get_ref().clone());
            Some(patterns.len() - 1)
        }
        None => None,
    };
    let attribute = compile_attribute(&spec, ctx)?;
    let text = spec
        .text
        .as_ref()
        .map(|p| regex_at(&name, p, ctx))
        .transpose()?;
    let max_chars = spec
        .max_chars
        .or(text.as_ref().map(|_| DEFAULT_TEXT_MAX_CHARS));
    Ok(Rule {
        name,
        action: spec.action,
        tags: spec.tags.iter().map(|t| t.to_ascii_lowercase()).collect(),
        class_id,
        attribute,
        text,
        max_chars,
        outside_article: spec.outside_article,
        source,
    })
}

fn check_has_matcher(spec: &RuleSpec, ctx: &Ctx) -> Result<(), Error> {
    let has = !spec.tags.is_empty()
        || spec.class_id.is_some()
        || spec.attribute.is_some()
        || spec.text.is_some();
    if spec.value.is_some() && spec.attribute.is_none() {
        return Err(ctx.error(
            None,
            format!("rule '{}': `value` needs an `attribute`", spec.name),
        ));
    }
    if has {
        Ok(())
    } else {
        Err(ctx.error(
            None,
            format!(
                "rule '{}' has no matcher: give tags, class_id, attribute or text",
                spec.name
            ),
        ))
    }
}

fn compile_attribute(spec: &RuleSpec, ctx: &Ctx) -> Result<Option<(String, Option<Regex>)>, Error> {
    let Some(attr) = &spec.attribute else {
        return Ok(None);
    };
    let value = spec
        .value
        .as_ref()
        .map(|p| regex_at(&spec.name, p, ctx))
        .transpose()?;
    Ok(Some((attr.to_ascii_lowercase(), value)))
}

fn regex_at(rule: &str, pattern: &Spanned<String>, ctx: &Ctx) -> Result<Regex, Error> {
    Regex::new(pattern.get_ref()).map_err(|e| {
        let detail = e.to_string();
        let detail = detail.lines().last().unwrap_or("").trim();
        ctx.error(
            Some(pattern.span()),
            format!("rule '{rule}': invalid regex: {detail}"),
        )
    })
}
