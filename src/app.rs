//! The app: its contexts, the history read back and resumed, and the page's frame.

use crate::browser::channel::Channel;
use crate::browser::Span;
use crate::components::composer::Composer as ComposerColumn;
use crate::components::feed::column::FeedColumn;
use crate::components::feed::items::provide_shown;
use crate::components::lazy::{chunks, Lazy};
use crate::components::shell::confirm::ConfirmDialog;
use crate::components::shell::drop_overlay::DropOverlay;
use crate::components::shell::shortcuts::page_shortcuts;
use crate::components::shell::topbar::TopBar;
use crate::components::shell::undo_notice::UndoNotice;
use crate::history::restore::{restore, Portion, FIRST_SCREEN_JOBS};
use crate::history::sync;
use crate::history::writer::Writer;
use crate::jobs::job::Job;
use crate::jobs::poll::resume;
use crate::jobs::runner::Runner;
use crate::state::clock::Clock;
use crate::state::composer::Composer;
use crate::state::connection::ConnectionCheck;
use crate::state::copies::Copies;
use crate::state::draft::{use_drafts, Drafts};
use crate::state::feed::Feed;
use crate::state::kits::{use_kits, Kits};
use crate::state::overlay::{Overlay, Sheet};
use crate::state::presets::Presets;
use crate::state::selection::Selection;
use crate::state::settings::Settings;
use crate::state::shots::{use_shots, Shots};
use crate::state::spend::Spend;
use crate::state::storage::StorageStatus;
use crate::state::tasks::Tasks;
use crate::state::tray::Tray;
use leptos::prelude::*;
use std::rc::Rc;

/// Creates and provides every context; returns the job runner.
pub fn provide_state() -> Runner {
    let tasks = Tasks::of_current_owner();
    provide_context(tasks);
    let settings = Settings::load();
    let tray = Tray::new(tasks);
    let composer = Composer::new(tray);
    let status = StorageStatus::new();
    let writer = Writer::new(status);
    let feed = Feed::new();
    let connection = ConnectionCheck::new(settings);
    let drafts = Drafts::new(composer, tray, tasks);
    provide_context(drafts);
    provide_context(crate::state::mentions::Mentions::new(composer, tray));
    let clock = Clock::start();
    let spend = Spend::new(feed, clock);
    provide_context(spend);
    let runner = Runner {
        feed,
        writer,
        settings,
        composer,
        connection,
        drafts,
        copies: Copies::new(),
        spend,
    };
    provide_context(runner.copies);
    provide_context(settings);
    provide_context(tray);
    provide_context(composer);
    provide_context(status);
    provide_context(writer);
    provide_context(feed);
    provide_context(runner);
    provide_context(Presets::load());
    provide_context(connection);
    provide_context(clock);
    provide_context(Overlay::new());
    provide_context(Selection::new());
    provide_context(Shots::load(crate::browser::drafts::tab_id(), tasks));
    provide_context(Kits::new(writer, tray, drafts, tasks));
    runner
}

/// Resumes polling the async jobs that were still running when the page closed.
fn resume_running(r: Runner, jobs: Vec<Job>) {
    for job in jobs {
        if job.is_async() && !job.state.get_untracked().is_final() {
            r.feed.drive(job, resume(r, job));
        }
    }
}

/// Hears what the other tabs write and shows it here (`history::sync`).
fn listen_to_other_tabs(r: Runner, db: Rc<idb::Database>) {
    let heard = Channel::open(sync::CHANNEL, move |text| {
        if let Some(changed) = sync::Changed::from_text(&text) {
            let db = Rc::clone(&db);
            r.feed
                .spawn(async move { sync::receive(&db, r.feed, changed).await });
        }
    });
    if let Some(channel) = heard {
        r.writer.announce_on(channel);
    }
}

/// What else is read back beside the draft, before the first screen.
struct Restored {
    shots: Shots,
    kits: Kits,
}

/// Reads the history back (the first screen, then the rest once it is painted), resumes what
/// was running, then applies writes until the app closes.
async fn keep_history(r: Runner, status: StorageStatus, drafts: Drafts, later: Restored) {
    let span = Span::start("kling:history-load");
    let paint = Span::start("kling:history-paint");
    let open = Span::start("kling:history-open");
    let db = r.writer.open().await;
    open.end();
    let Some(db) = db else {
        return drafts.restore(None).await;
    };
    listen_to_other_tabs(r, Rc::clone(&db));
    // The draft and the first screen of history are read side by side.
    let (_, _, _, first) = futures::join!(
        drafts.restore(Some(&db)),
        later.shots.restore(Some(&db)),
        later.kits.restore(&db),
        restore(&db, r.feed, r.writer, Portion::Newest(FIRST_SCREEN_JOBS))
    );
    match first {
        Ok(jobs) => resume_running(r, jobs),
        Err(e) => status.set_problem(Some(e.to_string())),
    }
    span.end();
    status.set_ready();
    crate::browser::next_paint().await;
    paint.end();
    match restore(&db, r.feed, r.writer, Portion::All).await {
        Ok(jobs) => resume_running(r, jobs),
        Err(e) => status.set_problem(Some(e.to_string())),
    }
    r.writer.run(r.feed, db).await;
}

/// Starts the shot list's driver (its code comes with the shot list's chunk) once a list
/// exists: the last visit's, or one started from the sheet. A page without one never
/// fetches it.
fn drive_shots_once_listed(r: Runner, shots: Shots, tasks: Tasks) {
    let driving = StoredValue::new(false);
    Effect::new(move |_| {
        // Every change to the list re-runs this (cheaply), so a failed fetch is tried again.
        if shots.list().with(Option::is_some) && !driving.get_value() {
            driving.set_value(true);
            // On the app's owner, not this effect's: the driver outlives its re-runs.
            tasks.spawn(async move {
                if !chunks::drive_shots(r, shots).await {
                    // The chunk could not be had: the next change to the list tries again.
                    driving.set_value(false);
                }
            });
        }
    });
}

/// The whole app: top bar, composer and feed, and what opens over them.
#[component]
pub fn App() -> impl IntoView {
    let runner = provide_state();
    let status = expect_context::<StorageStatus>();
    let overlay = expect_context::<Overlay>();
    provide_shown(runner.feed, runner.copies);
    let drafts = use_drafts();
    drafts.keep(runner.writer, expect_context::<Tasks>());
    if drafts.ready_untracked() {
        // The form is in the page, wired and showing the draft: the benchmark's
        // "interactive" point (else `Drafts::restore` marks it, once the references are back).
        crate::browser::mark("kling:interactive");
    }
    use_shots().follow_other_tabs();
    let later = Restored {
        shots: use_shots(),
        kits: use_kits(),
    };
    leptos::task::spawn_local_scoped_with_cancellation(keep_history(runner, status, drafts, later));
    drive_shots_once_listed(runner, use_shots(), expect_context::<Tasks>());
    page_shortcuts();
    crate::components::shell::dialog::remember_focus();
    // Mounted (and their chunks fetched) when first opened; a change of result keeps them.
    let viewing = Memo::new(move |_| overlay.viewer().with(Option::is_some));
    let comparing = Memo::new(move |_| overlay.comparing().get());
    // While a dialog is open, nothing behind it can be reached (by Tab, click or reader).
    let inert = move || overlay.any_open();
    view! {
        <TopBar />
        // The composer is drawn at once but shown only when the draft is back, so nothing typed
        // before then is overwritten by it (and drawing it stays out of the history's paint).
        <main class="layout" inert=inert data-restoring=move || (!drafts.ready()).then_some("")>
            <ComposerColumn />
            <FeedColumn />
        </main>
        {move || overlay.sheet().get().map(|sheet| match sheet {
            Sheet::Settings => view! { <Lazy load=chunks::settings /> }.into_any(),
            Sheet::Payload => view! { <Lazy load=chunks::payload /> }.into_any(),
            Sheet::Shortcuts => view! { <Lazy load=chunks::shortcuts /> }.into_any(),
            Sheet::Shots => view! { <Lazy load=chunks::shots /> }.into_any(),
            Sheet::Kits => view! { <Lazy load=chunks::kits /> }.into_any(),
        })}
        <Show when=move || viewing.get()>
            <Lazy load=chunks::viewer />
        </Show>
        <Show when=move || comparing.get()>
            <Lazy load=chunks::compare />
        </Show>
        <ConfirmDialog />
        <DropOverlay />
        <UndoNotice />
    }
}
