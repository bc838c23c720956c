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

pub struct AppState {
    pub store: Store,
    pub config: Config,
    pub cipher: PiiCipher,
    pub calendar: WorkCalendar,
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
