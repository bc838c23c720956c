//! The evaluation scheme (`/work/evaluation-scheme`) for the credit office: the versions
//! published so far, and the next version drafted from the latest in a form — indicators with
//! their points and source (computed from the archive, or scored by the evaluators), and the
//! result bands. The sum of the weights is shown as it is typed; every rule is the server's,
//! which names the field at fault.

use super::me::require_sign_in;
use super::public::loaded;
use super::work_form::{TextField, failure_line, message_for};
use super::work_texts::{self as texts, Key as K};
use crate::api::{self, ApiError};
use crate::components::day;
use crate::i18n::label;
use chengxin_types::{Band, Indicator, Measure, Scheme, SchemeVersion, Source};
use leptos::prelude::*;

const SCHEMES: &str = "/api/v1/oversight/evaluation/schemes";
/// The source select's value for an indicator the evaluators score.
const MANUAL: &str = "manual";

/// One indicator as typed: text until it is sent, so a half-typed number is not lost.
#[derive(Clone, Copy)]
struct IndicatorRow {
    code: RwSignal<String>,
    name: RwSignal<String>,
    weight: RwSignal<String>,
    source: RwSignal<String>,
    per_item: RwSignal<String>,
}

impl IndicatorRow {
    fn of(indicator: &Indicator) -> Self {
        let (source, per_item) = match &indicator.source {
            Some(Source::Computed { measure, per_item }) => (
                measure.code().to_string(),
                per_item.map(|p| p.to_string()).unwrap_or_default(),
            ),
            _ => (MANUAL.to_string(), String::new()),
        };
        Self {
            code: RwSignal::new(indicator.code.clone()),
            name: RwSignal::new(indicator.name.clone()),
            weight: RwSignal::new(indicator.weight.to_string()),
            source: RwSignal::new(source),
            per_item: RwSignal::new(per_item),
        }
    }

    fn blank() -> Self {
        Self {
            code: RwSignal::new(String::new()),
            name: RwSignal::new(String::new()),
            weight: RwSignal::new(String::new()),
            source: RwSignal::new(MANUAL.to_string()),
            per_item: RwSignal::new(String::new()),
        }
    }

    fn weight_typed(&self) -> f64 {
        self.weight.get().trim().parse().unwrap_or(0.0)
    }
}

#[derive(Clone, Copy)]
struct BandRow {
    grade: RwSignal<String>,
    min: RwSignal<String>,
}

/// The draft of the next version, as typed.
#[derive(Clone, Copy)]
struct Draft {
    code: StoredValue<String>,
    version: u32,
    name: RwSignal<String>,
    total: RwSignal<String>,
    from: RwSignal<String>,
    indicators: RwSignal<Vec<IndicatorRow>>,
    bands: RwSignal<Vec<BandRow>>,
}

impl Draft {
    fn next_of(latest: &Scheme) -> Self {
        Self {
            code: StoredValue::new(latest.code.clone()),
            version: latest.version + 1,
            name: RwSignal::new(latest.name.clone()),
            total: RwSignal::new(latest.total.to_string()),
            from: RwSignal::new(String::new()),
            indicators: RwSignal::new(latest.indicators.iter().map(IndicatorRow::of).collect()),
            bands: RwSignal::new(
                latest
                    .bands
                    .iter()
                    .map(|b| BandRow {
                        grade: RwSignal::new(b.grade.clone()),
                        min: RwSignal::new(b.min.to_string()),
                    })
                    .collect(),
            ),
        }
    }

    /// The draft as the API takes it, or the field whose number cannot be read.
    fn to_version(self) -> Result<SchemeVersion, (String, String)> {
        let number = |text: RwSignal<String>, field: String| {
            text.get_untracked()
                .trim()
                .parse::<f64>()
                .ok()
                .filter(|n| n.is_finite())
                .ok_or((field, texts::t(K::NotANumber).to_string()))
        };
        let effective_from = self.from.get_untracked().parse().map_err(|_| {
            (
                "effective_from".to_string(),
                texts::t(K::PickDate).to_string(),
            )
        })?;
        let mut indicators = Vec::new();
        for (i, row) in self.indicators.get_untracked().into_iter().enumerate() {
            let at = |field: &str| format!("scheme.indicators[{i}].{field}");
            let source = match row.source.get_untracked().as_str() {
                MANUAL => Source::Manual,
                code => {
                    let measure = Measure::from_code(code)
                        .ok_or((at("source"), texts::t(K::PickSource).to_string()))?;
                    let per_item = if measure.is_share() {
                        None
                    } else {
                        Some(number(row.per_item, at("source.per_item"))?)
                    };
                    Source::Computed { measure, per_item }
                }
            };
            indicators.push(Indicator {
                code: row.code.get_untracked().trim().to_string(),
                name: row.name.get_untracked().trim().to_string(),
                weight: number(row.weight, at("weight"))?,
                source: Some(source),
            });
        }
        let mut bands = Vec::new();
        for (i, row) in self.bands.get_untracked().into_iter().enumerate() {
            bands.push(Band {
                grade: row.grade.get_untracked().trim().to_string(),
                min: number(row.min, format!("scheme.bands[{i}].min"))?,
            });
        }
        Ok(SchemeVersion {
            effective_from,
            scheme: Scheme {
                code: self.code.get_value(),
                version: self.version,
                name: self.name.get_untracked().trim().to_string(),
                total: number(self.total, "scheme.total".to_string())?,
                indicators,
                bands,
            },
        })
    }
}

/// The server's message for `field` (one that no single input stands for), where there is one.
fn field_message(error: RwSignal<Option<ApiError>>, field: String) -> impl IntoView {
    let message = message_for(error, field);
    move || {
        message
            .get()
            .map(|m| view! { <p class="field-error" role="alert">{m}</p> })
    }
}

fn source_select(id: String, row: IndicatorRow) -> impl IntoView {
    let options = std::iter::once((MANUAL.to_string(), texts::t(K::ManualSource).to_string()))
        .chain(
            Measure::ALL
                .iter()
                .map(|m| (m.code().to_string(), label(*m).to_string())),
        )
        .map(|(value, text)| {
            let selected = row.source.get_untracked() == value;
            view! { <option value=value selected=selected>{text}</option> }
        })
        .collect_view();
    view! {
        <label for=id.clone()>{texts::t(K::IndicatorSource)}</label>
        <select id=id on:change=move |ev| row.source.set(event_target_value(&ev))>{options}</select>
    }
}

fn indicator_fieldset(
    i: usize,
    row: IndicatorRow,
    draft: Draft,
    error: RwSignal<Option<ApiError>>,
) -> impl IntoView {
    let at = move |field: &str| format!("scheme.indicators[{i}].{field}");
    let id = move |field: &str| format!("indicator-{i}-{field}");
    let counts = move || Measure::from_code(&row.source.get()).is_some_and(|m| !m.is_share());
    let source_message = message_for(error, at("source"));
    let remove = move |_| {
        draft.indicators.update(|all| {
            if i < all.len() {
                all.remove(i);
            }
        })
    };
    view! {
        <fieldset class="scheme-indicator" data-indicator=i>
            <legend>{texts::t(K::IndicatorN).replace("{n}", &(i + 1).to_string())}</legend>
            <TextField id=id("name") label=texts::t(K::IndicatorName) value=row.name error=error field=at("name")/>
            <TextField id=id("code") label=texts::t(K::IndicatorCode) value=row.code error=error field=at("code")
                hint=texts::t(K::IndicatorCodeHint)/>
            <TextField id=id("weight") label=texts::t(K::IndicatorWeight) value=row.weight error=error field=at("weight") kind="number"/>
            {source_select(id("source"), row)}
            {move || source_message.get().map(|m| view! { <p class="field-error">{m}</p> })}
            {move || counts().then(|| view! {
                <TextField id=id("per-item") label=texts::t(K::PerItem) value=row.per_item error=error
                    field=at("source.per_item") kind="number"/>
            })}
            <div class="actions"><button type="button" class="secondary" data-action="remove-indicator" on:click=remove>
                {texts::t(K::RemoveIndicator)}</button></div>
        </fieldset>
    }
}

fn band_fieldset(i: usize, row: BandRow, error: RwSignal<Option<ApiError>>) -> impl IntoView {
    let at = move |field: &str| format!("scheme.bands[{i}].{field}");
    view! {
        <fieldset class="scheme-band" data-band=i>
            <legend>{texts::t(K::BandN).replace("{n}", &(i + 1).to_string())}</legend>
            {field_message(error, format!("scheme.bands[{i}]"))}
            <TextField id=format!("band-{i}-grade") label=texts::t(K::BandGrade) value=row.grade error=error field=at("grade")/>
            <TextField id=format!("band-{i}-min") label=texts::t(K::BandMin) value=row.min error=error field=at("min") kind="number"/>
        </fieldset>
    }
}

#[component]
fn NextVersion(latest: Scheme, published: RwSignal<u32>) -> impl IntoView {
    let draft = Draft::next_of(&latest);
    let error: RwSignal<Option<ApiError>> = RwSignal::new(None);
    let busy = RwSignal::new(false);
    let sum = move || {
        draft
            .indicators
            .get()
            .iter()
            .map(IndicatorRow::weight_typed)
            .sum::<f64>()
    };
    let balanced = move || {
        let total = draft.total.get().trim().parse::<f64>().unwrap_or(f64::NAN);
        (sum() - total).abs() < 1e-6
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        let version = match draft.to_version() {
            Ok(version) => version,
            Err((field, message)) => {
                return error.set(Some(ApiError::at_field("invalid", field, message)));
            }
        };
        busy.set(true);
        leptos::task::spawn_local(async move {
            match api::post_json::<_, SchemeVersion>(SCHEMES, &version).await {
                // The list and a new draft come back with the published version in them.
                Ok(_) => published.update(|n| *n += 1),
                Err(e) => error.set(Some(e)),
            }
            busy.set(false);
        });
    };
    let from_message = message_for(error, "effective_from");
    view! {
        <form class="stack" data-form="publish-scheme" novalidate on:submit=submit>
            <h2>{texts::t(K::NextSchemeVersion).replace("{n}", &draft.version.to_string())}</h2>
            <p class="muted small">{texts::t(K::SchemeEditHint)}</p>
            {field_message(error, "scheme.version".to_string())}
            {field_message(error, "scheme.code".to_string())}
            <TextField id="scheme-name".to_string() label=texts::t(K::SchemeName) value=draft.name error=error field="scheme.name"/>
            <TextField id="scheme-total".to_string() label=texts::t(K::SchemeTotal) value=draft.total error=error field="scheme.total" kind="number"/>
            <label for="scheme-from">{texts::t(K::EffectiveFrom)}</label>
            <input id="scheme-from" type="date" prop:value=move || draft.from.get()
                aria-invalid=move || from_message.with(Option::is_some).to_string()
                on:input=move |ev| draft.from.set(event_target_value(&ev))/>
            {move || from_message.get().map(|m| view! { <p class="field-error">{m}</p> })}
            <h3>{texts::t(K::Indicators)}</h3>
            {move || draft.indicators.get().into_iter().enumerate()
                .map(|(i, row)| indicator_fieldset(i, row, draft, error)).collect_view()}
            <p data-testid="weight-sum" class=move || if balanced() { "verdict ok" } else { "verdict warn" }>
                {move || texts::t(K::WeightSum).replace("{sum}", &format!("{}", sum())).replace("{total}", &draft.total.get())}
            </p>
            {field_message(error, "scheme.indicators".to_string())}
            <div class="actions"><button type="button" class="secondary" data-action="add-indicator"
                on:click=move |_| draft.indicators.update(|all| all.push(IndicatorRow::blank()))>
                {texts::t(K::AddIndicator)}</button></div>
            <h3>{texts::t(K::Bands)}</h3>
            {move || draft.bands.get().into_iter().enumerate()
                .map(|(i, row)| band_fieldset(i, row, error)).collect_view()}
            {field_message(error, "scheme.bands".to_string())}
            <button type="submit" disabled=move || busy.get()>{texts::t(K::PublishButton)}</button>
            {failure_line(error)}
        </form>
    }
}

fn version_line(v: &SchemeVersion) -> impl IntoView + use<> {
    let s = &v.scheme;
    view! {
        <li class="card" data-version=s.version>
            <strong>{s.name.clone()} " · v" {s.version}</strong>
            <span class="small">{texts::t(K::EffectiveFrom)} " " {day(v.effective_from)}</span>
            <span class="muted small">{texts::t(K::SchemeSummary)
                .replace("{n}", &s.indicators.len().to_string())
                .replace("{total}", &s.total.to_string())}</span>
        </li>
    }
}

/// `/work/evaluation-scheme`.
#[component]
pub fn EvaluationScheme() -> impl IntoView {
    require_sign_in();
    let published = RwSignal::new(0u32);
    let versions = LocalResource::new(move || {
        published.track();
        api::get_signed_in::<Vec<SchemeVersion>>(SCHEMES)
    });
    view! {
        <h1>{texts::t(K::SchemeTitle)}</h1>
        <p class="muted">{texts::t(K::SchemeHint)}</p>
        // Outside the list and the form, which are drawn again once the version is in.
        {move || (published.get() > 0).then(|| view! { <p class="verdict ok" role="status">{texts::t(K::Published)}</p> })}
        {move || loaded(versions, move |all: Vec<SchemeVersion>| {
            let latest = all.last().map(|v| v.scheme.clone());
            view! {
                <ul class="cards" data-testid="scheme-versions">{all.iter().rev().map(version_line).collect_view()}</ul>
                {latest.map(|latest| view! { <NextVersion latest=latest published=published/> })}
            }
        })}
        <p><a href="/work/evaluation">{texts::t(K::EvaluationTitle)}</a></p>
    }
}
