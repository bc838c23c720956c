//! Builds and runs the server: connects the store, migrates, seeds the demo district if asked, binds
//! its own listener (port 0 in tests) and serves the API, the docs and the web app.

use crate::answer_cache::ResponseCache;
use crate::auth::rate_limit::RateLimits;
use crate::auth::tokens::{SigningKeys, TokenSettings};
use crate::config::Config;
use crate::demo;
use crate::domain::WorkCalendar;
use crate::domain::calendar::{SHIPPED_CALENDAR_CSV, parse_csv};
use crate::domain::catalogue;
use crate::domain::score::Rulebook;
use crate::error::{ApiError, Lang, extractors};
use crate::pii::PiiCipher;
use crate::state::{AppState, LiveCalendar};
use crate::store::{DatabaseKind, Store};
use crate::web_app::{self, PrecompressedAssets};
use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{Server, ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderValue};
use actix_web::middleware::{Compress, Next, from_fn};
use actix_web::{App, HttpMessage, HttpResponse, HttpServer, web};
use actix_web_prom::PrometheusMetricsBuilder;
use anyhow::Context;
use chrono::NaiveDate;
use std::net::TcpListener;
use std::time::Duration;
use tracing_actix_web::{DefaultRootSpanBuilder, RequestId, RootSpanBuilder, TracingLogger};
use utoipa_actix_web::AppExt;
use utoipa_swagger_ui::SwaggerUi;

/// A running server, before it is awaited.
pub struct Application {
    port: u16,
    server: Server,
    store: Store,
}

impl Application {
    /// Everything short of serving: an unreachable database, a bad URL or a taken port fail here
    /// with a message naming the problem.
    pub async fn build(config: Config) -> anyhow::Result<Application> {
        let store = prepare_store(&config).await?;
        config.check_kinds(&store.catalogue().await?)?;
        let bounded = store.bound_listed_terms(&config.publicity).await?;
        if bounded > 0 {
            tracing::info!(
                entries = bounded,
                "serious-breach terms bounded by the publicity rules"
            );
        }
        // Before the demo is seeded, so a new database only records the mask it is written with.
        let cipher = open_cipher(&store, &config).await?;
        if config.seed_demo && store.kind() == DatabaseKind::Sqlite && store.is_empty().await? {
            tracing::info!(
                seed = config.demo_seed,
                "empty embedded database: seeding the demo district"
            );
            demo::seed_demo(&store, &cipher, config.demo_seed).await?;
        }
        let calendar = LiveCalendar::new(load_calendar(&store, &config).await?);
        crate::routes::cases::clear_incoming(&config.data_dir);
        let listener = TcpListener::bind(&config.bind)
            .with_context(|| format!("cannot listen on {} (key `bind`)", config.bind))?;
        let port = listener.local_addr()?.port();
        let rate_limits = RateLimits::new(&config.rate_limits);
        let tokens = SigningKeys::load_or_create(&config.data_dir, token_settings(&config))?;
        let state = web::Data::new(AppState {
            tz: config.tz()?,
            store: store.clone(),
            cipher,
            calendar,
            rate_limits,
            tokens,
            response_cache: ResponseCache::new(&config.response_cache),
            config,
        });
        minutely_housekeeping(&state);
        crate::notify::spawn_dispatcher(
            store.clone(),
            crate::notify::configured_sender(&state.config.notifications, &store)?,
            Duration::from_secs(state.config.notifications.interval_seconds.max(1)),
        );
        let server = serve(listener, state)?;
        Ok(Application {
            port,
            server,
            store,
        })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Serves until SIGINT or SIGTERM, then lets in-flight requests finish.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        let result = self.server.await;
        self.store.close().await;
        result
    }
}

pub fn token_settings(config: &Config) -> TokenSettings {
    TokenSettings {
        issuer: config.auth.issuer.clone(),
        audience: config.auth.audience.clone(),
        lifetime_secs: config.auth.access_token_seconds,
    }
}

/// The key that seals ID numbers, with the configured mask applied to what is stored. Every
/// command that writes ID numbers opens it this way, so a database records the mask it was
/// written with and a later start does not mask everything again.
pub async fn open_cipher(store: &Store, config: &Config) -> anyhow::Result<PiiCipher> {
    let cipher =
        PiiCipher::load_or_create(&config.data_dir.join("keys"))?.with_mask(config.masking.id);
    let remasked = store.apply_id_mask(&cipher, config.masking.id).await?;
    if remasked > 0 {
        tracing::info!(rows = remasked, mask = ?config.masking.id, "masking.id changed: stored ID numbers masked again");
    }
    Ok(cipher)
}

/// Connects, migrates, and installs the shipped defaults that are missing: holiday data (never over
/// the office's own edits), the catalogue of record kinds and the preset rulebooks.
pub async fn prepare_store(config: &Config) -> anyhow::Result<Store> {
    let url = config.effective_database_url();
    let store = Store::connect(&url, config.max_connections).await?;
    store.migrate().await?;
    store
        .upsert_calendar_days(&parse_csv(SHIPPED_CALENDAR_CSV)?, "shipped")
        .await?;
    let since = NaiveDate::from_ymd_opt(2020, 1, 1).context("date")?;
    for preset in [
        Rulebook::weihai_civil_servant(),
        Rulebook::wendeng_civil_servant(),
    ] {
        store.ensure_rulebook(&preset, since).await?;
    }
    store
        .ensure_evaluation_scheme(&crate::domain::evaluation::default_scheme(), since)
        .await?;
    // A seed kind scores under an item of the rulebook in force, or it is not added: where the
    // office keeps its own rulebook without the newer presets' items, the kinds for them wait
    // until the office's rulebook has them (the rule the office's own new kinds follow).
    let today = chrono::Utc::now().with_timezone(&config.tz()?).date_naive();
    let rulebook = match store
        .rulebook_in_effect(&config.scoring.rulebook, today)
        .await
    {
        Ok(rulebook) => Some(rulebook),
        // A family with no version in force yet scores nothing; the kinds are the seed's.
        Err(crate::store::StoreError::NotFound) => None,
        Err(other) => return Err(other.into()),
    };
    let (kinds, waiting): (Vec<_>, Vec<_>) =
        catalogue::default_kinds()
            .cloned()
            .partition(|k| match (&rulebook, k.score_item) {
                (Some(rulebook), Some(item)) => rulebook.item(item).is_some(),
                _ => true,
            });
    for kind in &waiting {
        tracing::warn!(
            kind = kind.code,
            item = kind.score_item,
            rulebook = %config.scoring.rulebook,
            "a built-in record kind is not added: the rulebook in force has no item for it"
        );
    }
    store.insert_record_kinds(&kinds).await?;
    Ok(store)
}

fn serve(listener: TcpListener, state: web::Data<AppState>) -> anyhow::Result<Server> {
    let metrics = PrometheusMetricsBuilder::new("chengxin")
        .endpoint("/metrics")
        // Swagger UI serves its files under one wildcard route; they are not API traffic.
        .exclude_regex("^/api/docs")
        .build()
        .map_err(|e| anyhow::anyhow!("cannot set up metrics: {e}"))?;
    let openapi = crate::openapi::document();
    let rules = crate::auth::policy::rules(&openapi)
        .map_err(|e| anyhow::anyhow!("an endpoint's access rule cannot be read: {e}"))?;
    let access = web::Data::new(crate::auth::policy::AccessTable::new(rules));
    let web_dir = state.config.web_dir.clone();
    let grace = state.config.shutdown_grace_seconds;
    let precompressed = web::Data::new(PrecompressedAssets::scan(&web_dir));
    let server = HttpServer::new(move || {
        let app = App::new()
            .wrap(Compress::default())
            .wrap(from_fn(problem_details))
            .wrap(metrics.clone())
            .wrap(TracingLogger::<RequestSpan>::new())
            .wrap(from_fn(crate::security_headers::security_headers))
            .app_data(state.clone())
            .app_data(
                web::JsonConfig::default()
                    .limit(1 << 20)
                    .error_handler(extractors::json_error),
            )
            .app_data(web::QueryConfig::default().error_handler(extractors::query_error))
            .app_data(web::PathConfig::default().error_handler(extractors::path_error))
            .app_data(access.clone())
            // The document of this registration is built once, above; this copy is dropped.
            .into_utoipa_app()
            .configure(crate::routes::endpoints)
            .into_app()
            .service(SwaggerUi::new("/api/docs/{_:.*}").url("/api/openapi.json", openapi.clone()))
            .route(
                "/api/docs",
                web::get().to(|| async {
                    HttpResponse::PermanentRedirect()
                        .insert_header((header::LOCATION, "/api/docs/"))
                        .finish()
                }),
            );
        // Unmatched paths inside scopes fall through to the app's default: a 404 problem either way.
        let app = app.default_service(web::to(crate::error::unknown_address));
        if web_dir.join("index.html").is_file() {
            app.app_data(precompressed.clone()).service(
                web::scope("")
                    .wrap(from_fn(web_app::send_precompressed))
                    .wrap(from_fn(web_app::cache_headers))
                    .service(
                        actix_files::Files::new("/", &web_dir)
                            .index_file("index.html")
                            .prefer_utf8(true)
                            .default_handler(web::to(web_app::client_route)),
                    ),
            )
        } else {
            app
        }
    })
    .listen(listener)?
    .shutdown_timeout(grace)
    .client_request_timeout(Duration::from_secs(30))
    .run();
    Ok(server)
}

/// Gives every response an `X-Request-Id`, and re-renders problem bodies in the client's language
/// with the request ID inside, so a user can quote it and an operator can find the log lines.
async fn problem_details(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let lang = Lang::from_accept_language(
        req.headers()
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok()),
    );
    let request_id = req.extensions().get::<RequestId>().map(|id| id.to_string());
    // Inner middleware answers its errors as responses (`req.error_response`), so they arrive here
    // with the error attached and are localised like any other problem.
    let response = next.call(req).await?.map_into_boxed_body();
    // Re-rendered whole (headers such as Retry-After included) in the client's language.
    let rerendered = response
        .response()
        .error()
        .and_then(|e| e.as_error::<ApiError>())
        .map(|e| e.render(lang, request_id.clone()));
    let mut response = match rerendered {
        Some(rendered) => response.into_response(rendered),
        None => response,
    };
    if let Some(id) = request_id.and_then(|id| HeaderValue::from_str(&id).ok()) {
        response
            .headers_mut()
            .insert(header::HeaderName::from_static("x-request-id"), id);
    }
    Ok(response)
}

/// The request's log span: the default fields plus who called (an API key's name and owner).
struct RequestSpan;

impl RootSpanBuilder for RequestSpan {
    fn on_request_start(request: &ServiceRequest) -> tracing::Span {
        tracing_actix_web::root_span!(request, api_key = tracing::field::Empty)
    }

    fn on_request_end<B: MessageBody>(
        span: tracing::Span,
        outcome: &Result<ServiceResponse<B>, actix_web::Error>,
    ) {
        DefaultRootSpanBuilder::on_request_end(span, outcome);
    }
}

/// The working-day calendar: the database's days, with the configured `calendar_file` over them.
pub async fn load_calendar(store: &Store, config: &Config) -> anyhow::Result<WorkCalendar> {
    let mut calendar = store.work_calendar().await?;
    if let Some(path) = &config.calendar_file {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read calendar_file {}", path.display()))?;
        calendar.extend(parse_csv(&text)?);
    }
    Ok(calendar)
}

/// Every minute: drops rate-limit buckets that are full again, so memory does not grow with every
/// address ever seen, picks up rotated signing keys and
/// holidays another instance imported. Stops when the server's state is gone.
fn minutely_housekeeping(state: &web::Data<AppState>) {
    let weak = std::sync::Arc::downgrade(&state.clone().into_inner());
    tokio::spawn(async move {
        let mut every_minute = tokio::time::interval(Duration::from_secs(60));
        loop {
            every_minute.tick().await;
            match weak.upgrade() {
                Some(state) => {
                    state.rate_limits.retain_recent();
                    // Another instance may have imported holidays.
                    let reload = state
                        .calendar
                        .reload(load_calendar(&state.store, &state.config));
                    if let Err(error) = reload.await {
                        tracing::error!(
                            error = format!("{error:#}"),
                            "cannot reload the holiday calendar; keeping the loaded one"
                        );
                    }
                    match state.tokens.reload_if_changed() {
                        Ok(true) => tracing::info!("signing keys changed on disk: reloaded"),
                        Ok(false) => {}
                        Err(error) => {
                            tracing::error!(
                                error = format!("{error:#}"),
                                "cannot reload signing keys; keeping the loaded ones"
                            )
                        }
                    }
                }
                None => return,
            }
        }
    });
}
