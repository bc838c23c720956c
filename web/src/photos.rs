//! Photos are shrunk in the browser before upload: a phone camera's 4–8 MB picture would exceed
//! the 5 MB limit and take long on a slow network, while 2,000 pixels on the long side keep a
//! document readable. PDFs and small images are sent as they are.

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

const LONG_SIDE: f64 = 2000.0;
const KEEP_BELOW_BYTES: f64 = 1_500_000.0;
const JPEG_QUALITY: f64 = 0.85;

/// The files to upload: each large photo re-encoded as a JPEG of at most 2,000 px; anything that
/// cannot be shrunk is kept as chosen (the server still checks type and size).
pub async fn prepare(files: &web_sys::FileList) -> Vec<web_sys::File> {
    let mut prepared = Vec::new();
    for i in 0..files.length() {
        let Some(file) = files.item(i) else { continue };
        let is_photo = file.type_().starts_with("image/");
        let shrunk = if is_photo && file.size() > KEEP_BELOW_BYTES {
            shrink(&file).await.ok()
        } else {
            None
        };
        prepared.push(shrunk.unwrap_or(file));
    }
    prepared
}

async fn shrink(file: &web_sys::File) -> Result<web_sys::File, JsValue> {
    let window = web_sys::window().ok_or_else(|| JsValue::from_str("no window"))?;
    let bitmap: web_sys::ImageBitmap = JsFuture::from(window.create_image_bitmap_with_blob(file)?)
        .await?
        .dyn_into()?;
    let (width, height) = (f64::from(bitmap.width()), f64::from(bitmap.height()));
    let scale = (LONG_SIDE / width.max(height)).min(1.0);
    let (w, h) = ((width * scale).round(), (height * scale).round());
    let document = window
        .document()
        .ok_or_else(|| JsValue::from_str("no document"))?;
    let canvas: web_sys::HtmlCanvasElement = document.create_element("canvas")?.dyn_into()?;
    canvas.set_width(w as u32);
    canvas.set_height(h as u32);
    let context: web_sys::CanvasRenderingContext2d = canvas
        .get_context("2d")?
        .ok_or_else(|| JsValue::from_str("no 2d context"))?
        .dyn_into()?;
    context.draw_image_with_image_bitmap_and_dw_and_dh(&bitmap, 0.0, 0.0, w, h)?;
    bitmap.close();
    let blob = JsFuture::from(js_sys::Promise::new(&mut |resolve, _reject| {
        let _ = canvas.to_blob_with_type_and_encoder_options(
            &resolve,
            "image/jpeg",
            &JsValue::from_f64(JPEG_QUALITY),
        );
    }))
    .await?;
    let blob: web_sys::Blob = blob.dyn_into()?;
    let stem = file
        .name()
        .rsplit_once('.')
        .map(|(stem, _)| stem.to_string())
        .unwrap_or_else(|| file.name());
    let options = web_sys::FilePropertyBag::new();
    options.set_type("image/jpeg");
    web_sys::File::new_with_blob_sequence_and_options(
        &js_sys::Array::of1(&blob),
        &format!("{stem}.jpg"),
        &options,
    )
}
