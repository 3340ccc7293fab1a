//! The left column: prompt, references, size, output options, presets and Generate.

pub mod field;
pub mod generate;
pub mod options;
pub mod presets;
pub mod prompt;
pub mod ref_card;
pub mod references;
pub mod size_picker;

use generate::GenerateBar;
use leptos::prelude::*;
use options::OutputOptions;
use presets::PresetsPanel;
use prompt::PromptField;
use references::ReferenceTray;
use size_picker::SizePicker;

/// The composer column.
#[component]
pub fn Composer() -> impl IntoView {
    view! {
        <section class="composer" aria-label="Composer">
            <div class="composer-scroll">
                <PromptField />
                <ReferenceTray />
                <SizePicker />
                <OutputOptions />
                <PresetsPanel />
            </div>
            <GenerateBar />
        </section>
    }
}
