//! The 16 allowed sizes as aspect tiles with a 1k/2k switch, plus "match the first reference"
//! when references are present. Nothing else can be chosen.

use super::field::{FieldMessage, Wiring};
use crate::domain::form::FormStoreFields;
use crate::domain::{Control, SizeChoice};
use crate::state::composer::use_composer;
use crate::state::tray::use_tray;
use leptos::prelude::*;
use runware::{Aspect, Resolution, Size};

/// The size picker.
#[component]
pub fn SizePicker() -> impl IntoView {
    let composer = use_composer();
    let size = composer.form().size();
    let choice = Memo::new(move |_| size.get());
    let tier = Memo::new(move |_| match choice.get() {
        SizeChoice::Fixed(size) => size.tier(),
        SizeChoice::MatchFirst(t) => t,
    });
    let items = use_tray().items();
    let has_refs = Memo::new(move |_| items.with(|r| !r.is_empty()));
    let set = move |c: SizeChoice| composer.edit(Control::Size, |f| f.size().set(c));
    let wiring = Wiring::of(Control::Size);
    let set_tier = move |t: Resolution| {
        set(match choice.get_untracked() {
            SizeChoice::Fixed(size) => SizeChoice::Fixed(Size::new(size.aspect(), t)),
            SizeChoice::MatchFirst(_) => SizeChoice::MatchFirst(t),
        })
    };
    let tiles = Aspect::ALL
        .into_iter()
        .map(|aspect| {
            let (w, h) = aspect.dims(Resolution::K1);
            let pressed = move || choice.get() == SizeChoice::Fixed(Size::new(aspect, tier.get()));
            let name = move || {
                let (w, h) = aspect.dims(tier.get());
                format!("{} {w}x{h}", aspect.label())
            };
            view! {
                <button
                    type="button"
                    class="tile-size"
                    aria-pressed=move || pressed().to_string()
                    aria-label=name
                    on:click=move |_| set(SizeChoice::Fixed(Size::new(aspect, tier.get_untracked())))
                >
                    <span class="shape" style:width=format!("{:.1}px", glyph(w, h).0)
                        style:height=format!("{:.1}px", glyph(w, h).1)></span>
                    <span class="tile-label">{aspect.label()}</span>
                </button>
            }
        })
        .collect_view();
    let readout = move || match choice.get() {
        SizeChoice::Fixed(size) => format!("{} × {}", size.width(), size.height()),
        SizeChoice::MatchFirst(t) => format!("Aspect of reference 1, {t}"),
    };
    view! {
        <fieldset class="field" id=Control::Size.id() aria-describedby=wiring.described_by()>
            <legend>"Size" <span class="spacer"></span>
                <output class="readout" aria-label="Chosen size">{readout}</output></legend>
            <div class="seg tier-switch" role="group" aria-label="Tier">
                {Resolution::ALL
                    .into_iter()
                    .map(|t| view! {
                        <button
                            type="button"
                            aria-pressed=move || (tier.get() == t).to_string()
                            on:click=move |_| set_tier(t)
                        >
                            {t.as_str()}
                        </button>
                    })
                    .collect_view()}
            </div>
            <div class="tiles" role="group" aria-label="Aspect ratio">
                {tiles}
                <Show when=move || has_refs.get()>
                    <button
                        type="button"
                        class="tile-size match"
                        aria-pressed=move || matches!(choice.get(), SizeChoice::MatchFirst(_)).to_string()
                        on:click=move |_| set(SizeChoice::MatchFirst(tier.get_untracked()))
                    >
                        <span class="shape ref-shape"></span>
                        <span class="tile-label">"Match first reference"</span>
                    </button>
                </Show>
            </div>
            <FieldMessage control=Control::Size />
        </fieldset>
    }
}

/// The size of a tile's outline: the aspect drawn inside a 28 px square, so a portrait shape is
/// as tall as a landscape one is wide and the nine shapes can be told apart at a glance.
fn glyph(w: u32, h: u32) -> (f64, f64) {
    const BOX: f64 = 28.0;
    let (w, h) = (f64::from(w), f64::from(h));
    if w >= h {
        (BOX, BOX * h / w)
    } else {
        (BOX * w / h, BOX)
    }
}
