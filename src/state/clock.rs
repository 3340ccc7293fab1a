//! The page clock that elapsed times read: an interval writes it, never an effect.

use leptos::prelude::*;

/// Wall-clock milliseconds, ticking twice a second while the app is open.
#[derive(Clone, Copy)]
pub struct Clock(RwSignal<f64>);

impl Clock {
    /// Starts ticking; the interval stops with the owner that created it.
    pub fn start() -> Clock {
        let now = RwSignal::new(crate::browser::epoch_ms());
        if let Ok(tick) = set_interval_with_handle(
            move || now.set(crate::browser::epoch_ms()),
            std::time::Duration::from_millis(500),
        ) {
            on_cleanup(move || tick.clear());
        }
        Clock(now)
    }

    /// The time now (tracked: readers update with each tick).
    pub fn now(self) -> f64 {
        self.0.get()
    }
}

pub fn use_clock() -> Clock {
    expect_context()
}
