//! Where the results grid is on screen, read from layout, for the virtualised window.

use crate::domain::grid::Viewport;
use leptos::prelude::*;

/// Tracks the grid's viewport (scroll, resize, and a slow tick for layout shifts such as a
/// job card appearing above it); returns it and a way to measure now.
pub fn track_viewport(grid: NodeRef<leptos::html::Div>) -> (RwSignal<Viewport>, impl Fn() + Copy) {
    let view = RwSignal::new(Viewport::default());
    let measure = move || {
        let Some(el) = grid.get_untracked() else {
            return;
        };
        let rect = el.get_bounding_client_rect();
        let win_h = crate::browser::window()
            .inner_height()
            .ok()
            .and_then(|h| h.as_f64())
            .unwrap_or(800.0);
        let (top, bottom) = match el.parent_element() {
            Some(p) => {
                let pr = p.get_bounding_client_rect();
                (pr.top().max(0.0), pr.bottom().min(win_h))
            }
            None => (0.0, win_h),
        };
        let next = Viewport {
            width: rect.width(),
            scrolled: top - rect.top(),
            height: (bottom - top).max(0.0),
        };
        if view.get_untracked() != next {
            view.set(next);
        }
    };
    let resize = window_event_listener(leptos::ev::resize, move |_| measure());
    let scroll = window_event_listener(leptos::ev::scroll, move |_| measure());
    let tick = set_interval_with_handle(measure, std::time::Duration::from_millis(250)).ok();
    request_animation_frame(measure);
    on_cleanup(move || {
        resize.remove();
        scroll.remove();
        if let Some(t) = tick {
            t.clear();
        }
    });
    (view, measure)
}
