//! The spend caps and what is committed against them: this visit's jobs for the session, and
//! today's jobs in this browser (plus the cost of jobs deleted today, so deleting does not
//! lift the cap) for the day.

use super::feed::Feed;
use crate::browser::storage;
use crate::domain::spend::{check, committed, estimate, parse_cap, Caps, Spent};
use crate::jobs::job::{Job, Origin};
use leptos::prelude::*;

/// The caps as typed and the committed amounts.
#[derive(Clone, Copy)]
pub struct Spend {
    session_cap: RwSignal<String>,
    day_cap: RwSignal<String>,
    /// Cost committed by jobs deleted today: (day, USD).
    gone_today: RwSignal<(String, f64)>,
    spent: Memo<Spent>,
}

fn today() -> String {
    crate::browser::local_day(crate::browser::epoch_ms())
}

impl Spend {
    pub fn new(feed: Feed, clock: super::clock::Clock) -> Spend {
        let gone_today = RwSignal::new(storage::load_spent_gone());
        // Changes at midnight only, however often the clock ticks.
        let today = Memo::new(move |_| crate::browser::local_day(clock.now()));
        let spent = Memo::new(move |_| {
            let day = today.get();
            let gone = gone_today.with(|(d, usd)| if *d == day { *usd } else { 0.0 });
            feed.jobs().with(|jobs| {
                let mut s = Spent {
                    session: 0.0,
                    day: gone,
                };
                for job in jobs {
                    let c = job.slots.with(|slots| committed(slots));
                    if job.origin() == Origin::ThisVisit {
                        s.session += c;
                    }
                    if crate::browser::local_day(job.started_ms()) == day {
                        s.day += c;
                    }
                }
                s
            })
        });
        Spend {
            session_cap: RwSignal::new(storage::load_cap("session")),
            day_cap: RwSignal::new(storage::load_cap("day")),
            gone_today,
            spent,
        }
    }

    pub fn session_cap(self) -> ReadSignal<String> {
        self.session_cap.read_only()
    }

    pub fn day_cap(self) -> ReadSignal<String> {
        self.day_cap.read_only()
    }

    pub fn set_session_cap(self, text: String) {
        storage::save_cap("session", &text);
        self.session_cap.set(text);
    }

    pub fn set_day_cap(self, text: String) {
        storage::save_cap("day", &text);
        self.day_cap.set(text);
    }

    /// The caps in force (a cap typed wrong is reported at its field and not applied).
    pub fn caps(self) -> Caps {
        Caps {
            session: self.session_cap.with(|t| parse_cap(t).ok().flatten()),
            day: self.day_cap.with(|t| parse_cap(t).ok().flatten()),
        }
    }

    pub fn spent(self) -> Spent {
        self.spent.get()
    }

    /// Why a request for `images` images may not be sent, if a cap says so.
    pub fn refusal(self, images: usize) -> Option<String> {
        check(estimate(images), self.spent(), self.caps()).err()
    }

    /// Keeps what deleted jobs committed today in the day's count.
    pub fn note_deleted(self, jobs: &[Job]) {
        let day = today();
        let usd: f64 = jobs
            .iter()
            .filter(|j| crate::browser::local_day(j.started_ms()) == day)
            .map(|j| j.slots.with_untracked(|s| committed(s)))
            .sum();
        if usd > 0.0 {
            self.gone_today.update(|(d, total)| {
                if *d != day {
                    *d = day.clone();
                    *total = 0.0;
                }
                *total += usd;
            });
            self.gone_today.with_untracked(storage::save_spent_gone);
        }
    }
}

pub fn use_spend() -> Spend {
    expect_context()
}
