//! What every request handler shares.

use crate::answer_cache::ResponseCache;
use crate::auth::rate_limit::RateLimits;
use crate::auth::tokens::SigningKeys;
use crate::config::Config;
use crate::domain::WorkCalendar;
use crate::pii::PiiCipher;
use crate::store::Store;
use chrono::NaiveDate;
use chrono_tz::Tz;
use std::sync::{Arc, RwLock};

pub struct AppState {
    pub store: Store,
    pub config: Config,
    pub cipher: PiiCipher,
    pub calendar: LiveCalendar,
    pub tz: Tz,
    pub rate_limits: RateLimits,
    pub tokens: SigningKeys,
    pub response_cache: ResponseCache,
}

impl AppState {
    /// Today in the deployment's time zone: civil dates (publicity, deadlines) are counted in it.
    pub fn today(&self) -> NaiveDate {
        chrono::Utc::now().with_timezone(&self.tz).date_naive()
    }
}

/// The working-day calendar in use. The credit office imports a new year's arrangement while the
/// server runs: the importing instance replaces it at once, the others reload it from the
/// database within a minute, so deadlines change everywhere without a restart.
pub struct LiveCalendar {
    current: RwLock<Arc<WorkCalendar>>,
    /// One reload at a time: a reload that read the database before an import committed must
    /// not put its older calendar in place after the import's.
    reloading: tokio::sync::Mutex<()>,
}

impl LiveCalendar {
    pub fn new(calendar: WorkCalendar) -> Self {
        Self {
            current: RwLock::new(Arc::new(calendar)),
            reloading: tokio::sync::Mutex::new(()),
        }
    }

    /// Replaces the calendar with what `load` reads, one reload at a time (`load` runs only
    /// once the previous reload has finished).
    pub async fn reload(
        &self,
        load: impl std::future::Future<Output = anyhow::Result<WorkCalendar>>,
    ) -> anyhow::Result<()> {
        let _one_at_a_time = self.reloading.lock().await;
        self.replace(load.await?);
        Ok(())
    }

    /// The calendar as it is now; a caller keeps one for all the days of its answer.
    pub fn current(&self) -> Arc<WorkCalendar> {
        // A writer that panicked left a whole calendar behind: the lock only swaps an `Arc`.
        match self.current.read() {
            Ok(calendar) => calendar.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    fn replace(&self, calendar: WorkCalendar) {
        let new = Arc::new(calendar);
        match self.current.write() {
            Ok(mut current) => *current = new,
            Err(poisoned) => *poisoned.into_inner() = new,
        }
    }
}
