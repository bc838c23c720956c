//! The reporter's (信息报送员) upload: a CSV (UTF-8 or GB18030) or JSON file of one format, sent
//! with a progress bar for the upload and a notice while the server checks it, then the import
//! report row by row. The rows with errors can be downloaded as a CSV (each with its reasons in a
//! last column, which the import ignores) to be fixed and sent again. Every check is the server's.

use super::me::require_sign_in;
use super::work_texts::{self as texts, Key as K};
use crate::api::ApiError;
use crate::i18n::label;
use crate::session;
use chengxin_types::{ImportFormat, ImportMode, ImportReport, RowError};
use leptos::html::Input;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;

/// Where an upload stands.
#[derive(Clone, PartialEq)]
enum Phase {
    Idle,
    /// The share of the file sent so far (0–1).
    Uploading(f64),
    /// Sent; the server is reading and checking the rows.
    Checking,
    Done(ImportReport),
    Failed(ApiError),
}

/// The raw text of each CSV record (the header first), without line ends; a line break inside
/// quotes belongs to its record. Records whose cells are all empty are left out, as the import
/// skips them (Excel writes such rows at the end of a sheet), so the n-th data record here is
/// the import's row n.
fn csv_records(text: &str) -> Vec<&str> {
    let mut records = Vec::new();
    let mut start = 0;
    let mut quoted = false;
    for (at, c) in text.char_indices() {
        match c {
            '"' => quoted = !quoted,
            '\n' if !quoted => {
                records.push(text[start..at].trim_end_matches('\r'));
                start = at + 1;
            }
            _ => {}
        }
    }
    records.push(text[start..].trim_end_matches('\r'));
    let blank = |r: &&str| r.chars().all(|c| matches!(c, ',' | '"' | ' ' | '\t'));
    let mut kept: Vec<&str> = Vec::new();
    for (i, record) in records.into_iter().enumerate() {
        if i == 0 || !blank(&record) {
            kept.push(record);
        }
    }
    kept
}

/// One CSV field, quoted.
fn quoted(text: &str) -> String {
    format!("\"{}\"", text.replace('"', "\"\""))
}

/// The rows the report found errors in, with the header and a last column of reasons; `None`
/// when no row is at fault (only the file as a whole).
fn rejected_rows_csv(text: &str, errors: &[RowError]) -> Option<String> {
    let records = csv_records(text.trim_start_matches('\u{FEFF}'));
    let (header, rows) = records.split_first()?;
    let mut reasons: std::collections::BTreeMap<u64, Vec<String>> = Default::default();
    for error in errors.iter().filter(|e| e.row > 0) {
        let reason = match &error.field {
            Some(field) => format!("{field}：{}", error.message),
            None => error.message.clone(),
        };
        reasons.entry(error.row).or_default().push(reason);
    }
    if reasons.is_empty() {
        return None;
    }
    let mut out = format!("{header},{}\r\n", quoted(texts::t(K::ErrorReasons)));
    for (row, why) in reasons {
        if let Some(record) = rows.get((row - 1) as usize) {
            out.push_str(&format!("{record},{}\r\n", quoted(&why.join("；"))));
        }
    }
    Some(out)
}

/// Reads a file's bytes as text in the encoding the server found (`UTF-8` or `GB18030`).
async fn file_text(file: &web_sys::File, encoding: &str) -> Option<String> {
    let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
        .await
        .ok()?;
    let bytes = js_sys::Uint8Array::new(&buffer);
    let decoder = web_sys::TextDecoder::new_with_label(&encoding.to_ascii_lowercase()).ok()?;
    decoder.decode_with_buffer_source(&bytes).ok()
}

/// A link that downloads `text` as a UTF-8 CSV (with the BOM Excel needs to read it as UTF-8).
pub(super) fn csv_download_url(text: &str) -> Option<String> {
    let parts = js_sys::Array::of1(&format!("\u{FEFF}{text}").into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("text/csv;charset=utf-8");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).ok()?;
    web_sys::Url::create_object_url_with_blob(&blob).ok()
}

/// Sends the file with XMLHttpRequest (fetch cannot tell how much of a body has been sent),
/// updating `phase` as the upload goes and when the answer comes.
async fn send_file(url: String, file: web_sys::File, phase: RwSignal<Phase>) {
    let failed = |message: String| {
        Phase::Failed(ApiError {
            status: 0,
            code: "network".into(),
            message,
            fields: Vec::new(),
        })
    };
    let Some(token) = session::token().await else {
        phase.set(failed(texts::t(K::SignInAgain).to_string()));
        return;
    };
    let Ok(xhr) = web_sys::XmlHttpRequest::new() else {
        phase.set(failed("XMLHttpRequest".into()));
        return;
    };
    let json = file.name().to_ascii_lowercase().ends_with(".json");
    let content_type = if json { "application/json" } else { "text/csv" };
    let opened = xhr.open_with_async("POST", &url, true).is_ok()
        && xhr
            .set_request_header("Authorization", &format!("Bearer {token}"))
            .is_ok()
        && xhr.set_request_header("Content-Type", content_type).is_ok()
        && xhr
            .set_request_header("Accept-Language", crate::i18n::lang().code())
            .is_ok();
    if !opened {
        phase.set(failed("XMLHttpRequest".into()));
        return;
    }
    let on_progress =
        Closure::<dyn FnMut(web_sys::ProgressEvent)>::new(move |event: web_sys::ProgressEvent| {
            if event.length_computable() && event.total() > 0.0 {
                phase.set(Phase::Uploading(event.loaded() / event.total()));
            }
        });
    let on_sent = Closure::<dyn FnMut()>::new(move || phase.set(Phase::Checking));
    if let Ok(upload) = xhr.upload() {
        upload.set_onprogress(Some(on_progress.as_ref().unchecked_ref()));
        upload.set_onload(Some(on_sent.as_ref().unchecked_ref()));
    }
    let answered = js_sys::Promise::new(&mut |resolve, reject| {
        xhr.set_onload(Some(&resolve));
        xhr.set_onerror(Some(&reject));
    });
    if xhr.send_with_opt_blob(Some(&file)).is_err() {
        phase.set(failed(texts::t(K::UploadFailed).to_string()));
        return;
    }
    if wasm_bindgen_futures::JsFuture::from(answered)
        .await
        .is_err()
    {
        phase.set(failed(texts::t(K::UploadFailed).to_string()));
        return;
    }
    let status = xhr.status().unwrap_or(0);
    let text = xhr.response_text().ok().flatten().unwrap_or_default();
    let is_problem = xhr
        .get_response_header("Content-Type")
        .ok()
        .flatten()
        .is_some_and(|t| t.contains("problem"));
    // 201: imported; 422 with a report: nothing imported, the rows say why.
    let report = (!is_problem && matches!(status, 201 | 422))
        .then(|| crate::api::decode::<ImportReport>(&text).ok())
        .flatten();
    phase.set(match report {
        Some(report) => Phase::Done(report),
        None => Phase::Failed(crate::api::problem_in(status, &text)),
    });
    drop((on_progress, on_sent));
}

fn progress_view(phase: RwSignal<Phase>) -> impl IntoView {
    move || match phase.get() {
        Phase::Uploading(share) => {
            let percent = (share * 100.0).round();
            Some(view! {
                <label for="upload-progress">{texts::t(K::Uploading)}</label>
                <progress id="upload-progress" max="100" value=percent.to_string()>{format!("{percent}%")}</progress>
            }.into_any())
        }
        Phase::Checking => Some(
            view! {
                <label for="upload-progress">{texts::t(K::Checking)}</label>
                <progress id="upload-progress"></progress>
            }
            .into_any(),
        ),
        _ => None,
    }
}

fn report_view(
    report: ImportReport,
    rejected_url: Option<String>,
    file_name: String,
) -> impl IntoView {
    let summary = match crate::i18n::lang() {
        crate::i18n::Lang::Zh => format!(
            "共 {} 行：{} 行已登记，待审核；{} 行有误。文件编码：{}。",
            report.rows_total, report.rows_accepted, report.rows_rejected, report.encoding
        ),
        crate::i18n::Lang::En => format!(
            "{} rows: {} submitted for review, {} with errors. Read as {}.",
            report.rows_total, report.rows_accepted, report.rows_rejected, report.encoding
        ),
    };
    let verdict = if !report.committed {
        ("verdict bad", texts::t(K::NothingImported))
    } else if report.rows_rejected > 0 {
        ("verdict warn", texts::t(K::PartlyImported))
    } else {
        ("verdict ok", texts::t(K::AllImported))
    };
    let rows: Vec<_> = report
        .errors
        .iter()
        .map(|e| {
            let row = if e.row == 0 {
                texts::t(K::WholeFile).to_string()
            } else {
                e.row.to_string()
            };
            view! { <tr><td>{row}</td><td>{e.field.clone().unwrap_or_default()}</td><td>{e.message.clone()}</td></tr> }
        })
        .collect();
    let download_name = format!(
        "{}-{}.csv",
        file_name.trim_end_matches(".csv").trim_end_matches(".CSV"),
        texts::t(K::RejectedRowsFile)
    );
    view! {
        <section class=verdict.0 role="status" data-testid="import-report">
            <h2>{verdict.1}</h2>
            <p>{summary}</p>
            {report.batch_id.map(|id| view! { <p class="small">{texts::t(K::BatchNo)} " " {id}</p> })}
        </section>
        {(!rows.is_empty()).then(|| view! {
            <div class="table-wrap">
                <table class="row-errors">
                    <caption>{texts::t(K::RowErrors)}</caption>
                    <thead><tr><th scope="col">{texts::t(K::RowNo)}</th><th scope="col">{texts::t(K::Column)}</th><th scope="col">{texts::t(K::Reason)}</th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            {report.errors_truncated.then(|| view! { <p class="muted small">{texts::t(K::ErrorsTruncated)}</p> })}
        })}
        {rejected_url.map(|url| view! {
            <p><a class="button" href=url download=download_name data-testid="rejected-rows">{texts::t(K::DownloadRejected)}</a></p>
            <p class="muted small">{texts::t(K::FixAndResend)}</p>
        })}
    }
}

/// `/work/upload`: send a file of one format.
#[component]
pub fn Upload() -> impl IntoView {
    require_sign_in();
    let format = RwSignal::new(ImportFormat::Penalties);
    let mode = RwSignal::new(ImportMode::PerRow);
    let file_input: NodeRef<Input> = NodeRef::new();
    let phase = RwSignal::new(Phase::Idle);
    let rejected_url: RwSignal<Option<String>> = RwSignal::new(None);
    let file_name = RwSignal::new(String::new());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(file) = file_input
            .get()
            .and_then(|input| input.files())
            .and_then(|files| files.get(0))
        else {
            phase.set(Phase::Failed(ApiError::at_field(
                "no_file",
                "file",
                texts::t(K::ChooseFile),
            )));
            return;
        };
        let url = crate::api::with_query(
            "/api/v1/intake/imports",
            &[
                ("format", format.get_untracked().code().to_string()),
                ("mode", mode.get_untracked().code().to_string()),
                ("file_name", file.name()),
            ],
        );
        file_name.set(file.name());
        rejected_url.set(None);
        phase.set(Phase::Uploading(0.0));
        leptos::task::spawn_local(async move {
            send_file(url, file.clone(), phase).await;
            let report = phase.with_untracked(|p| match p {
                Phase::Done(report) => Some(report.clone()),
                _ => None,
            });
            let is_csv = !file.name().to_ascii_lowercase().ends_with(".json");
            if let Some(report) = report.filter(|r| r.rows_rejected > 0 && is_csv)
                && let Some(text) = file_text(&file, &report.encoding).await
            {
                rejected_url.set(
                    rejected_rows_csv(&text, &report.errors).and_then(|csv| csv_download_url(&csv)),
                );
            }
        });
    };
    let busy = move || matches!(phase.get(), Phase::Uploading(_) | Phase::Checking);
    view! {
        <h1>{texts::t(K::UploadTitle)}</h1>
        <p class="muted">{texts::t(K::UploadHint)}</p>
        <form class="stack" on:submit=submit data-form="upload">
            <label for="upload-format">{texts::t(K::Format)}</label>
            <select id="upload-format" on:change=move |ev| {
                if let Some(f) = ImportFormat::from_code(&event_target_value(&ev)) { format.set(f); }
            }>
                {ImportFormat::ALL.iter().map(|f| view! {
                    <option value=f.code() selected=move || format.get() == *f>{label(*f)}</option>
                }).collect_view()}
            </select>
            <fieldset>
                <legend>{texts::t(K::Mode)}</legend>
                {ImportMode::ALL.iter().map(|m| view! {
                    <label class="check">
                        <input type="radio" name="mode" value=m.code() prop:checked=move || mode.get() == *m
                            on:change=move |_| mode.set(*m)/>
                        {label(*m)}
                    </label>
                }).collect_view()}
            </fieldset>
            <label for="upload-file">{texts::t(K::File)}</label>
            <input id="upload-file" type="file" node_ref=file_input accept=".csv,.json,text/csv,application/json"/>
            <button type="submit" disabled=busy>{texts::t(K::UploadButton)}</button>
        </form>
        {progress_view(phase)}
        {move || match phase.get() {
            Phase::Done(report) => Some(report_view(report, rejected_url.get(), file_name.get()).into_any()),
            Phase::Failed(error) => Some(view! { <p class="error" role="alert">{texts::t(K::ActionFailed)} {error.text()}</p> }.into_any()),
            _ => None,
        }}
        <p><a href="/work/submissions">{texts::t(K::SubmissionsTitle)}</a></p>
        <p><a href="/work">{texts::t(K::WorkspaceTitle)}</a></p>
    }
}

#[cfg(test)]
mod tests {
    use super::{csv_records, rejected_rows_csv};
    use chengxin_types::RowError;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn records_keep_quoted_line_breaks_and_skip_blank_rows_as_the_import_does() {
        let text = "a,b\r\n1,\"two\nlines\"\r\n,,\r\n3,4\r\n";
        assert_eq!(csv_records(text), vec!["a,b", "1,\"two\nlines\"", "3,4"]);
    }

    #[wasm_bindgen_test]
    fn the_rejected_rows_keep_their_text_and_get_their_reasons() {
        let error = |row, message: &str| RowError {
            row,
            field: Some("cf_xdr_shxym".into()),
            code: "invalid_uscc".into(),
            message: message.into(),
        };
        let csv = rejected_rows_csv(
            "\u{FEFF}cf_wsh,cf_xdr_shxym\r\nA1,good\r\nA2,\"bad\"\r\n",
            &[error(2, "校验码不对"), error(2, "再一条")],
        )
        .expect("a file");
        assert_eq!(
            csv,
            "cf_wsh,cf_xdr_shxym,\"错误原因\"\r\nA2,\"bad\",\"cf_xdr_shxym：校验码不对；cf_xdr_shxym：再一条\"\r\n"
        );
        assert_eq!(rejected_rows_csv("h\r\nx\r\n", &[error(0, "缺少列")]), None);
    }
}
