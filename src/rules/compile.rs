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
    /// Index into the combined text `RegexSet`.
    pub(super) text: Option<usize>,
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
    pub(super) text: RegexSet,
}

/// Patterns of one kind, combined into one `RegexSet` at the end.
#[derive(Default)]
struct Patterns {
    class_id: Vec<String>,
    text: Vec<String>,
}

/// Compiles rule files in order; the first invalid rule stops everything,
/// so no page is ever converted with a half-loaded rule set.
pub(super) fn compile(sources: &[(&str, &str)]) -> Result<Compiled, Error> {
    let mut rules = Vec::new();
    let mut patterns = Patterns::default();
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
    Ok(Compiled {
        rules,
        class_id: combine("class_id", &patterns.class_id)?,
        text: combine("text", &patterns.text)?,
    })
}

/// Each pattern was checked alone; together they can still exceed the
/// regex size limit.
fn combine(kind: &str, patterns: &[String]) -> Result<RegexSet, Error> {
    RegexSet::new(patterns).map_err(|e| Error::Rules {
        source_name: "rules".into(),
        line: None,
        column: None,
        message: format!("the {kind} patterns do not combine: {e}"),
    })
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
    patterns: &mut Patterns,
    ctx: &Ctx,
) -> Result<Rule, Error> {
    let name = spec.name.clone();
    check_has_matcher(&spec, ctx)?;
    let class_id = add_pattern(&name, spec.class_id.as_ref(), &mut patterns.class_id, ctx)?;
    let attribute = compile_attribute(&spec, ctx)?;
    let text = add_pattern(&name, spec.text.as_ref(), &mut patterns.text, ctx)?;
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

/// Checks a pattern's syntax and queues it for its `RegexSet`; returns its
/// index there.
fn add_pattern(
    rule: &str,
    pattern: Option<&Spanned<String>>,
    into: &mut Vec<String>,
    ctx: &Ctx,
) -> Result<Option<usize>, Error> {
    let Some(pattern) = pattern else {
        return Ok(None);
    };
    regex_syntax::Parser::new()
        .parse(pattern.get_ref())
        .map_err(|e| invalid_regex(rule, pattern, &e.to_string(), ctx))?;
    into.push(pattern.get_ref().clone());
    Ok(Some(into.len() - 1))
}

fn invalid_regex(rule: &str, pattern: &Spanned<String>, detail: &str, ctx: &Ctx) -> Error {
    let detail = detail.lines().last().unwrap_or("").trim();
    ctx.error(
        Some(pattern.span()),
        format!("rule '{rule}': invalid regex: {detail}"),
    )
}

fn regex_at(rule: &str, pattern: &Spanned<String>, ctx: &Ctx) -> Result<Regex, Error> {
    Regex::new(pattern.get_ref()).map_err(|e| invalid_regex(rule, pattern, &e.to_string(), ctx))
}
