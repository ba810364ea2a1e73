//! CSS selectors over the arena: the `selectors` crate (Servo's matcher)
//! parses and matches; this file tells it how to walk a [`Dom`].
//!
//! Full Selectors Level 3 plus `:is()`, `:where()`, `:has()` and
//! `:nth-child(An+B of S)`. There are no user-action or link states
//! (`:hover`, `:visited`) in a saved page, so no pseudo-classes beyond the
//! structural ones parse, and no pseudo-elements.

use super::{Dom, Namespace, NodeId};
use cssparser::ToCss;
use precomputed_hash::PrecomputedHash;
use selectors::attr::{AttrSelectorOperation, CaseSensitivity, NamespaceConstraint};
use selectors::bloom::BloomFilter;
use selectors::context::{
    MatchingContext, MatchingForInvalidation, MatchingMode, NeedsSelectorFlags, QuirksMode,
    SelectorCaches,
};
use selectors::matching::ElementSelectorFlags;
use selectors::parser::{
    AncestorHashes, Component, ParseRelative, RelativeSelector, SelectorParseErrorKind,
};
use selectors::visitor::SelectorVisitor;
use selectors::{OpaqueElement, SelectorImpl};
use std::fmt;

/// A parsed selector list (`a, b`), ready to match any page.
pub(crate) type SelectorList = selectors::SelectorList<Simple>;

/// One selector of a list.
pub(crate) type Selector = selectors::parser::Selector<Simple>;

/// Our selector implementation: strings for names and values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Simple;

/// A name or value in a selector.
#[derive(Debug, Clone, PartialEq, Eq, Default, Hash)]
pub(crate) struct CssString(pub(crate) String);

impl<'a> From<&'a str> for CssString {
    fn from(s: &'a str) -> Self {
        CssString(s.to_string())
    }
}

impl AsRef<str> for CssString {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl ToCss for CssString {
    fn to_css<W: fmt::Write>(&self, dest: &mut W) -> fmt::Result {
        cssparser::serialize_identifier(&self.0, dest)
    }
}

impl PrecomputedHash for CssString {
    fn precomputed_hash(&self) -> u32 {
        hash(&self.0)
    }
}

/// FNV-1a: what the ancestor Bloom filter holds, for selectors' names and
/// for the page's element names, ids and classes alike.
fn hash(s: &str) -> u32 {
    s.bytes().fold(0x811c_9dc5u32, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    })
}

/// No state pseudo-classes or pseudo-elements exist in a saved page: the
/// types have no values, so they never parse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Never {}

impl ToCss for Never {
    fn to_css<W: fmt::Write>(&self, _: &mut W) -> fmt::Result {
        match *self {}
    }
}

impl selectors::parser::NonTSPseudoClass for Never {
    fn is_active_or_hover(&self) -> bool {
        match *self {}
    }
    fn is_user_action_state(&self) -> bool {
        match *self {}
    }
}

impl selectors::parser::PseudoElement for Never {}

impl SelectorImpl for Simple {
    type ExtraMatchingData<'a> = ();
    type AttrValue = CssString;
    type Identifier = CssString;
    type LocalName = CssString;
    type NamespaceUrl = CssString;
    type NamespacePrefix = CssString;
    type BorrowedNamespaceUrl = CssString;
    type BorrowedLocalName = CssString;
    type NonTSPseudoClass = Never;
    type PseudoElement = Never;
}

struct SelectorParser;

impl<'i> selectors::Parser<'i> for SelectorParser {
    type Impl = Simple;
    type Error = SelectorParseErrorKind;

    fn parse_is_and_where(&self) -> bool {
        true
    }
    fn parse_has(&self) -> bool {
        true
    }
    fn parse_nth_child_of(&self) -> bool {
        true
    }
}

/// Why a selector does not parse, and where (1-based line and column
/// within the selector text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SelectorError {
    pub(crate) line: usize,
    pub(crate) column: usize,
    pub(crate) message: String,
}

/// Parses a selector list such as `div.share, aside:has(> .ad)`.
pub(crate) fn parse_selector(text: &str) -> Result<SelectorList, SelectorError> {
    let mut parser = cssparser::Parser::new(text);
    let result = SelectorList::parse(&SelectorParser, &mut parser, ParseRelative::No);
    let at = parser.current_source_location();
    result.map_err(|e| SelectorError {
        line: at.line as usize + 1,
        column: at.column as usize,
        message: describe_error(&e.kind),
    })
}

fn describe_error(kind: &cssparser::ParseErrorKind<SelectorParseErrorKind>) -> String {
    use SelectorParseErrorKind as K;
    use cssparser::{BasicParseErrorKind as B, ParseErrorKind as P};
    match kind {
        P::Basic(B::UnexpectedToken) => "unexpected character or word".into(),
        P::Basic(B::EndOfInput) => "the selector ends too early".into(),
        P::Basic(other) => format!("{other:?}"),
        P::Custom(K::EmptySelector) => "empty selector".into(),
        P::Custom(K::DanglingCombinator) => "a combinator with nothing after it".into(),
        P::Custom(K::UnsupportedPseudoClassOrElement) => {
            "unsupported pseudo-class or pseudo-element (a saved page has no :hover, \
             ::before and the like)"
                .into()
        }
        P::Custom(K::ClassNeedsIdent) => "a class name must follow `.`".into(),
        P::Custom(other) => format!("invalid selector ({other:?})"),
    }
}

/// What the rightmost compound of a selector requires, most selective
/// first: browsers file rules the same way ("rule hash"), so most elements
/// never run most selectors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Key {
    Id(String),
    Class(String),
    Tag(String),
    Attribute(String),
    Any,
}

/// The [`Key`] a selector is filed under.
pub(crate) fn key(selector: &Selector) -> Key {
    let mut best = Key::Any;
    for component in selector.iter() {
        let candidate = match component {
            Component::ID(id) => Key::Id(id.0.clone()),
            Component::Class(c) => Key::Class(c.0.clone()),
            Component::LocalName(n) => Key::Tag(n.lower_name.0.clone()),
            Component::AttributeInNoNamespaceExists {
                local_name_lower, ..
            } => Key::Attribute(local_name_lower.0.clone()),
            Component::AttributeInNoNamespace { local_name, .. } => {
                Key::Attribute(local_name.0.clone())
            }
            _ => continue,
        };
        if rank(&candidate) < rank(&best) {
            best = candidate;
        }
    }
    best
}

/// Every attribute name `selector` reads, anywhere in it (inside `:not()`,
/// `:is()` and `:has()` too), in lower case.
pub(crate) fn attribute_names(selector: &Selector) -> Vec<String> {
    let mut names = AttributeNames(Vec::new());
    selector.visit(&mut names);
    names.0
}

struct AttributeNames(Vec<String>);

impl SelectorVisitor for AttributeNames {
    type Impl = Simple;

    fn visit_attribute_selector(
        &mut self,
        _: &NamespaceConstraint<&CssString>,
        local_name: &CssString,
        local_name_lower: &CssString,
    ) -> bool {
        for name in [local_name, local_name_lower] {
            self.0.push(name.0.to_ascii_lowercase());
        }
        true
    }

    // The crate's default does not go into `:has()`.
    fn visit_relative_selector_list(&mut self, list: &[RelativeSelector<Simple>]) -> bool {
        list.iter().all(|relative| relative.selector.visit(self))
    }
}

fn rank(key: &Key) -> u8 {
    match key {
        Key::Id(_) => 0,
        Key::Class(_) => 1,
        Key::Tag(_) => 2,
        Key::Attribute(_) => 3,
        Key::Any => 4,
    }
}

/// A selector with the names its ancestors must have (for the Bloom
/// filter: `div.x a` cannot match an `<a>` with no `.x` above it).
#[derive(Debug, Clone)]
pub(crate) struct CompiledSelector {
    selector: Selector,
    hashes: AncestorHashes,
}

impl CompiledSelector {
    /// Each selector of a list.
    pub(crate) fn all(list: &SelectorList) -> Vec<CompiledSelector> {
        list.slice()
            .iter()
            .map(|s| CompiledSelector {
                hashes: AncestorHashes::new(s, QuirksMode::NoQuirks),
                selector: s.clone(),
            })
            .collect()
    }

    /// Whether it asks anything of the element's ancestors.
    pub(crate) fn has_ancestor_names(&self) -> bool {
        self.hashes.packed_hashes[0] != 0
    }

    pub(crate) fn selector(&self) -> &Selector {
        &self.selector
    }
}

/// The names (element names, ids, classes) of the ancestors of the element
/// being matched, in a counting Bloom filter, as browsers keep it: most
/// selectors with a descendant or child combinator are rejected without
/// walking up the tree. Kept in step with the element being matched.
#[derive(Default)]
pub(crate) struct Ancestors {
    filter: BloomFilter,
    /// The elements whose names are in the filter, outermost first.
    stack: Vec<NodeId>,
}

impl Ancestors {
    /// Makes the filter hold exactly the ancestors of `id`. Moving through
    /// a page in document order, this is a pop or a push or two per element.
    fn sync(&mut self, dom: &Dom, id: NodeId) {
        while let Some(&top) = self.stack.last() {
            if top != id && dom.contains(top, id) {
                break;
            }
            self.stack.pop();
            self.names(dom, top, false);
        }
        let above = self.stack.last().copied();
        let mut missing: Vec<NodeId> = dom
            .ancestors(id)
            .take_while(|&a| Some(a) != above)
            .filter(|&a| dom.element(a).is_some())
            .collect();
        missing.reverse();
        for a in missing {
            self.names(dom, a, true);
            self.stack.push(a);
        }
    }

    /// Inserts or removes the names of element `id`.
    fn names(&mut self, dom: &Dom, id: NodeId, insert: bool) {
        let Some(el) = dom.element(id) else {
            return;
        };
        let mut put = |h: u32| {
            if insert {
                self.filter.insert_hash(h);
            } else {
                self.filter.remove_hash(h);
            }
        };
        put(hash(&el.name));
        if el.name.bytes().any(|b| b.is_ascii_uppercase()) {
            put(hash(&el.name.to_ascii_lowercase()));
        }
        if let Some(v) = el.id() {
            put(hash(v));
        }
        el.classes().for_each(|c| put(hash(c)));
    }
}

impl fmt::Debug for Ancestors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Ancestors({:?})", self.stack)
    }
}

/// Caches one page's selector matching shares (`:nth-child` indexes,
/// `:has()` results); build one per page.
#[derive(Default)]
pub(crate) struct SelectCaches(SelectorCaches);

impl fmt::Debug for SelectCaches {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SelectCaches")
    }
}

/// Whether element `id` of `dom` matches `selector`; with `ancestors`,
/// first checked against the names above the element.
pub(crate) fn matches(
    dom: &Dom,
    id: NodeId,
    selector: &CompiledSelector,
    caches: &mut SelectCaches,
    ancestors: Option<&mut Ancestors>,
) -> bool {
    let Some(el) = ElementRef::new(dom, id) else {
        return false;
    };
    let filter = match ancestors {
        Some(a) if selector.has_ancestor_names() => {
            a.sync(dom, id);
            Some(&a.filter)
        }
        _ => None,
    };
    let hashes = filter.map(|_| &selector.hashes);
    let mut context = MatchingContext::new(
        MatchingMode::Normal,
        filter,
        &mut caches.0,
        QuirksMode::NoQuirks,
        NeedsSelectorFlags::No,
        MatchingForInvalidation::No,
    );
    selectors::matching::matches_selector(&selector.selector, 0, hashes, el, &mut context)
}

/// An element of a page, as the selector matcher sees it.
#[derive(Clone, Copy)]
struct ElementRef<'a> {
    dom: &'a Dom,
    id: NodeId,
    el: super::Element<'a>,
}

impl fmt::Debug for ElementRef<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.dom.path(self.id))
    }
}

impl<'a> ElementRef<'a> {
    fn new(dom: &'a Dom, id: NodeId) -> Option<Self> {
        dom.element(id).map(|el| ElementRef { dom, id, el })
    }

    fn el(&self) -> super::Element<'a> {
        self.el
    }

    /// The nearest element sibling after (`forward`) or before it.
    /// Children are stored in document order, so the element's place among
    /// them is a binary search.
    fn sibling(&self, forward: bool) -> Option<Self> {
        let parent = self.dom.parent(self.id)?;
        let siblings = self.dom.children(parent);
        let at = siblings.binary_search(&self.id).ok()?;
        let element = |s: &NodeId| ElementRef::new(self.dom, *s);
        if forward {
            siblings[at + 1..].iter().find_map(element)
        } else {
            siblings[..at].iter().rev().find_map(element)
        }
    }
}

impl selectors::Element for ElementRef<'_> {
    type Impl = Simple;

    fn opaque(&self) -> OpaqueElement {
        OpaqueElement::new(&self.dom.nodes[self.id.index()])
    }

    fn parent_element(&self) -> Option<Self> {
        self.dom
            .parent(self.id)
            .and_then(|p| ElementRef::new(self.dom, p))
    }

    fn parent_node_is_shadow_root(&self) -> bool {
        false
    }

    fn containing_shadow_host(&self) -> Option<Self> {
        None
    }

    fn is_pseudo_element(&self) -> bool {
        false
    }

    fn prev_sibling_element(&self) -> Option<Self> {
        self.sibling(false)
    }

    fn next_sibling_element(&self) -> Option<Self> {
        self.sibling(true)
    }

    fn first_element_child(&self) -> Option<Self> {
        self.dom
            .children(self.id)
            .iter()
            .find_map(|&c| ElementRef::new(self.dom, c))
    }

    fn is_html_element_in_html_document(&self) -> bool {
        self.el().ns == Namespace::Html
    }

    fn has_local_name(&self, name: &CssString) -> bool {
        *self.el().name == *name.0
    }

    fn has_namespace(&self, ns: &CssString) -> bool {
        let url = match self.el().ns {
            Namespace::Html => "http://www.w3.org/1999/xhtml",
            Namespace::Svg => "http://www.w3.org/2000/svg",
            Namespace::MathMl => "http://www.w3.org/1998/Math/MathML",
        };
        ns.0 == url
    }

    fn is_same_type(&self, other: &Self) -> bool {
        let (a, b) = (self.el(), other.el());
        a.name == b.name && a.ns == b.ns
    }

    fn attr_matches(
        &self,
        _ns: &NamespaceConstraint<&CssString>,
        local_name: &CssString,
        operation: &AttrSelectorOperation<&CssString>,
    ) -> bool {
        self.el()
            .attr(&local_name.0)
            .is_some_and(|v| operation.eval_str(v))
    }

    fn match_non_ts_pseudo_class(&self, pc: &Never, _: &mut MatchingContext<'_, Simple>) -> bool {
        match *pc {}
    }

    fn match_pseudo_element(&self, pe: &Never, _: &mut MatchingContext<'_, Simple>) -> bool {
        match *pe {}
    }

    fn apply_selector_flags(&self, _: ElementSelectorFlags) {}

    fn is_link(&self) -> bool {
        let e = self.el();
        (e.is("a") || e.is("area")) && e.attr("href").is_some()
    }

    fn is_html_slot_element(&self) -> bool {
        false
    }

    fn has_id(&self, id: &CssString, case: CaseSensitivity) -> bool {
        self.el()
            .attr("id")
            .is_some_and(|v| case.eq(v.as_bytes(), id.0.as_bytes()))
    }

    fn has_class(&self, name: &CssString, case: CaseSensitivity) -> bool {
        self.el()
            .classes()
            .any(|c| case.eq(c.as_bytes(), name.0.as_bytes()))
    }

    fn has_custom_state(&self, _: &CssString) -> bool {
        false
    }

    fn imported_part(&self, _: &CssString) -> Option<CssString> {
        None
    }

    fn is_part(&self, _: &CssString) -> bool {
        false
    }

    fn is_empty(&self) -> bool {
        self.dom
            .children(self.id)
            .iter()
            .all(|&c| match self.dom.data(c) {
                super::NodeData::Element(_) => false,
                super::NodeData::Text(t) => t.is_empty(),
                super::NodeData::Document => true,
            })
    }

    fn is_root(&self) -> bool {
        self.dom.parent(self.id) == Some(self.dom.root())
    }

    fn add_element_unique_hashes(&self, _: &mut BloomFilter) -> bool {
        false
    }
}
