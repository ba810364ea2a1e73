//! A time budget for choosing the article, so that no page, however
//! large or strange, makes extraction run away.
//!
//! Every extraction pass is linear in the page's nodes (the deep and wide
//! pages in `tests/adversarial.rs` measure so), but the scoring rules are
//! heuristics that change; the budget is the guard that stays. It is
//! checked between the passes (statistics, markers, scoring, headline):
//! once spent, the passes left are skipped and the best answer so far is
//! kept (the whole body before scoring, the top-scoring block after it),
//! with the reason saying so. It never fails a page and never loses text:
//! at worst the whole body is written.

use std::time::{Duration, Instant};

/// The budget every page gets, whatever its size: real pages choose their
/// article in milliseconds, so this is reached only by pathological ones.
const BASE: Duration = Duration::from_secs(2);
/// And this much more per node (a 64 MiB page of dense markup has about
/// two million nodes: 4 s more), so that a page that is merely large on a
/// loaded machine keeps its normal result.
const PER_NODE: Duration = Duration::from_micros(2);

/// When extraction must stop refining its answer.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Budget {
    limit: Duration,
    deadline: Instant,
}

impl Budget {
    /// The budget for a page of `nodes` nodes, starting now.
    pub(crate) fn for_page(nodes: usize) -> Budget {
        let per_node = PER_NODE.saturating_mul(u32::try_from(nodes).unwrap_or(u32::MAX));
        Budget::new(BASE.saturating_add(per_node))
    }

    /// A budget of `limit`, starting now.
    pub(crate) fn new(limit: Duration) -> Budget {
        let now = Instant::now();
        Budget {
            limit,
            deadline: now.checked_add(limit).unwrap_or(now),
        }
    }

    /// Whether the time is up.
    pub(crate) fn spent(&self) -> bool {
        Instant::now() >= self.deadline
    }

    /// `reason` (why the answer was chosen), saying that the budget cut
    /// the search short.
    pub(crate) fn cut_short(&self, reason: &str) -> String {
        format!(
            "{reason} (the time budget for choosing the article, {} ms, ran out)",
            self.limit.as_millis()
        )
    }
}
