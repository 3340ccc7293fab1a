//! The output basics: how many images, their file format and quality.

use super::controls::{NumberField, Segmented};
use crate::domain::form::FormStoreFields;
use crate::domain::Control;
use crate::state::composer::use_composer;
use leptos::prelude::*;
use runware::OutputFormat;

/// Images, format, quality.
#[component]
pub fn OutputBasics() -> impl IntoView {
    let form = use_composer().form();
    let formats = OutputFormat::ALL
        .into_iter()
        .map(|f| (f, f.as_str()))
        .collect();
    view! {
        <div class="row output">
            <NumberField control=Control::Results label="Images" api="numberResults" min=1 max=20
                field=form.results() />
            <Segmented control=Control::OutputFormat label="Format" api="outputFormat" options=formats
                field=form.output_format() />
            <NumberField control=Control::Quality label="Quality" api="outputQuality" min=20 max=99
                field=form.quality() />
        </div>
    }
}
