//! What running a job needs: where jobs show, where they are kept, where requests go, and
//! where a field Runware refused is reported.

use crate::history::writer::Writer;
use crate::state::composer::Composer;
use crate::state::connection::ConnectionCheck;
use crate::state::copies::Copies;
use crate::state::draft::Drafts;
use crate::state::feed::Feed;
use crate::state::settings::Settings;
use crate::state::spend::Spend;
use leptos::prelude::*;

/// The job runner's context.
#[derive(Clone, Copy)]
pub struct Runner {
    pub feed: Feed,
    pub writer: Writer,
    pub settings: Settings,
    pub composer: Composer,
    /// Told what every answer says about the connection (the status dot).
    pub connection: ConnectionCheck,
    /// Offers the composer back when a remix replaces it.
    pub drafts: Drafts,
    /// Which images are kept, tried or gone in this visit.
    pub copies: Copies,
    /// Refuses what would pass a spend cap.
    pub spend: Spend,
}

pub fn use_runner() -> Runner {
    expect_context()
}
