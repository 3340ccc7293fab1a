//! The left column: prompt, references, size, output basics, "Advanced", presets, and the
//! Generate bar pinned at its bottom.

pub mod advanced;
pub mod controls;
pub mod field;
pub mod generate;
pub mod mentions;
pub mod output;
pub mod presets;
pub mod presets_body;
pub mod prompt;
pub mod ref_card;
pub mod references;
pub mod size_picker;

use advanced::AdvancedOptions;
use generate::GenerateBar;
use leptos::prelude::*;
use output::OutputBasics;
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
                <OutputBasics />
                <AdvancedOptions />
                <PresetsPanel />
            </div>
            <GenerateBar />
        </section>
    }
}
