//! Where the job list is on screen, read from layout: its width, and which part of it is
//! visible (the feed column scrolls on a desktop, the page on a phone).

use leptos::prelude::*;

/// The list's width and the visible part of it, in CSS pixels.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Viewport {
    pub width: f64,
    /// How far the list's top is above the top of what is visible (negative: below it).
    pub scrolled: f64,
    pub height: f64,
}

/// Tracks the list's viewport (scroll, resize, and a slow tick for layout shifts); returns it
/// and a way to measure now.
pub fn track_viewport(
    list: NodeRef<leptos::html::Div>,
    scroller: NodeRef<leptos::html::Section>,
) -> (RwSignal<Viewport>, impl Fn() + Copy) {
    let view = RwSignal::new(Viewport::default());
    let measure = move || {
        let Some(el) = list.get_untracked() else {
            return;
        };
        let rect = el.get_bounding_client_rect();
        let win_h = crate::browser::window()
            .inner_height()
            .ok()
            .and_then(|h| h.as_f64())
            .unwrap_or(800.0);
        let (top, bottom) = match scroller.get_untracked() {
            Some(s) => {
                let r = s.get_bounding_client_rect();
                (r.top().max(0.0), r.bottom().min(win_h))
            }
            None => (0.0, win_h),
        };
        let next = Viewport {
            width: f64::from(el.client_width()),
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
