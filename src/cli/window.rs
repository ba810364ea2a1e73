//! How far ahead of the output the workers may run.
//!
//! Results are delivered in input order, so a page that finishes early
//! waits for the slower pages before it. Without a bound, one slow page
//! would let the workers convert the whole rest of a folder and hold every
//! result in memory. A job may start only while it is fewer than
//! `capacity` jobs past the next one to deliver: at most `capacity` pages
//! are read, converted or waiting at any time, whatever the folder's size.

use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};

/// The jobs allowed in flight, shared by the workers (which wait for
/// room) and the thread that delivers results (which makes room).
pub(crate) struct Window {
    capacity: usize,
    state: Mutex<State>,
    moved: Condvar,
}

struct State {
    /// Jobs delivered so far: jobs `0..delivered` are done with.
    delivered: usize,
    /// No job will start any more (the reader closed stdout).
    closed: bool,
}

impl Window {
    pub(crate) fn new(capacity: usize) -> Self {
        Window {
            capacity: capacity.max(1),
            state: Mutex::new(State {
                delivered: 0,
                closed: false,
            }),
            moved: Condvar::new(),
        }
    }

    /// Waits until job `index` may start; `false` once the window is
    /// closed.
    pub(crate) fn admit(&self, index: usize) -> bool {
        let mut state = self.lock();
        while !state.closed && index >= state.delivered + self.capacity {
            state = self
                .moved
                .wait(state)
                .unwrap_or_else(PoisonError::into_inner);
        }
        !state.closed
    }

    /// Jobs `0..count` have been delivered.
    pub(crate) fn delivered(&self, count: usize) {
        self.lock().delivered = count;
        self.moved.notify_all();
    }

    /// Lets every waiting worker go, and no job start.
    pub(crate) fn close(&self) {
        self.lock().closed = true;
        self.moved.notify_all();
    }

    /// A guard that closes the window if dropped during a panic.
    pub(crate) fn close_on_panic(&self) -> PanicGuard<'_> {
        PanicGuard(self)
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// See [`Window::close_on_panic`].
pub(crate) struct PanicGuard<'a>(&'a Window);

impl Drop for PanicGuard<'_> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            self.0.close();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn jobs_within_the_capacity_start_at_once() {
        let window = Window::new(3);
        assert!((0..3).all(|i| window.admit(i)));
    }

    #[test]
    fn a_job_past_the_capacity_waits_for_a_delivery() {
        let window = Window::new(2);
        let started = AtomicUsize::new(0);
        std::thread::scope(|scope| {
            scope.spawn(|| {
                assert!(window.admit(2));
                started.store(1, Ordering::SeqCst);
            });
            std::thread::sleep(std::time::Duration::from_millis(50));
            assert_eq!(started.load(Ordering::SeqCst), 0);
            window.delivered(1);
        });
        assert_eq!(started.load(Ordering::SeqCst), 1);
    }

    #[test]
    fn closing_releases_waiting_jobs_without_starting_them() {
        let window = Window::new(1);
        std::thread::scope(|scope| {
            let waiting = scope.spawn(|| window.admit(5));
            window.close();
            assert!(!waiting.join().expect("no panic"));
        });
    }
}
