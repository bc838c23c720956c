//! Line charts drawn as SVG: the district's average over the quarters with each body beside it,
//! and a small line per body in the table. The figures stay in the table for screen readers;
//! the charts are pictures of them.

use leptos::prelude::*;

/// The drawing area of the large chart, in SVG units (it scales with the page).
const WIDTH: f64 = 320.0;
const HEIGHT: f64 = 160.0;
const LEFT: f64 = 30.0;
const BOTTOM: f64 = 20.0;
const TOP: f64 = 8.0;
const RIGHT: f64 = 8.0;

/// The value range both axes share: from a little under the lowest to a little over the highest,
/// so small changes between quarters are visible.
fn range(series: &[&[f64]]) -> (f64, f64) {
    let values = series.iter().flat_map(|s| s.iter().copied());
    let (low, high) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
        (lo.min(v), hi.max(v))
    });
    if !low.is_finite() {
        return (0.0, 100.0);
    }
    let low = (low - 5.0).max(0.0).floor();
    let high = (high + 1.0).ceil();
    (low, high.max(low + 1.0))
}

/// `x,y` pairs of a polyline through `values` in a box of `width` × `height` at (`left`, `top`).
fn points(
    values: &[f64],
    (low, high): (f64, f64),
    left: f64,
    top: f64,
    width: f64,
    height: f64,
) -> String {
    let steps = values.len().saturating_sub(1).max(1) as f64;
    values
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let x = left + width * i as f64 / steps;
            let y = top + height * (1.0 - (v - low) / (high - low));
            format!("{x:.1},{y:.1}")
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The district's average (thick) and each body (thin) over `labels`.
pub fn trend_chart(
    labels: &[String],
    district: &[f64],
    bodies: &[(String, Vec<f64>)],
    caption: String,
) -> impl IntoView + use<> {
    let mut all: Vec<&[f64]> = bodies.iter().map(|(_, v)| v.as_slice()).collect();
    all.push(district);
    let span = range(&all);
    let (w, h) = (WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM);
    let steps = labels.len().saturating_sub(1).max(1) as f64;
    let x_labels = labels
        .iter()
        .enumerate()
        .map(|(i, q)| {
            let x = LEFT + w * i as f64 / steps;
            // The first and last labels keep inside the picture.
            let anchor = match i {
                0 => "start",
                i if i + 1 == labels.len() => "end",
                _ => "middle",
            };
            view! { <text class="tick" x=format!("{x:.1}") y=format!("{}", HEIGHT - 5.0) text-anchor=anchor>{q.clone()}</text> }
        })
        .collect_view();
    let y_labels = [span.0, (span.0 + span.1) / 2.0, span.1]
        .into_iter()
        .map(|v| {
            let y = TOP + h * (1.0 - (v - span.0) / (span.1 - span.0));
            view! {
                <line class="grid" x1=format!("{LEFT}") x2=format!("{}", WIDTH - RIGHT) y1=format!("{y:.1}") y2=format!("{y:.1}")/>
                <text class="tick" x=format!("{}", LEFT - 4.0) y=format!("{:.1}", y + 3.0) text-anchor="end">{format!("{v:.0}")}</text>
            }
        })
        .collect_view();
    let body_lines = bodies
        .iter()
        .map(|(name, values)| {
            view! {
                <polyline class="body" points=points(values, span, LEFT, TOP, w, h)><title>{name.clone()}</title></polyline>
            }
        })
        .collect_view();
    view! {
        <figure class="chart">
            <svg viewBox=format!("0 0 {WIDTH} {HEIGHT}") role="img" aria-label=caption.clone()>
                {y_labels}
                {x_labels}
                {body_lines}
                <polyline class="district" points=points(district, span, LEFT, TOP, w, h)/>
            </svg>
            <figcaption class="small muted">{caption}</figcaption>
        </figure>
    }
}

/// A small line of one body's quarters, for a table cell.
pub fn sparkline(values: &[f64]) -> impl IntoView + use<> {
    let span = range(&[values]);
    view! {
        <svg class="sparkline" viewBox="0 0 60 16" aria-hidden="true">
            <polyline points=points(values, span, 2.0, 2.0, 56.0, 12.0)/>
        </svg>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn the_range_leaves_room_around_the_values() {
        assert_eq!(range(&[&[90.0, 95.5]]), (85.0, 97.0));
        assert_eq!(range(&[&[2.0]]), (0.0, 3.0));
        assert_eq!(range(&[&[]]), (0.0, 100.0));
    }

    #[wasm_bindgen_test]
    fn points_run_left_to_right_and_high_values_are_drawn_higher() {
        let line = points(&[0.0, 10.0], (0.0, 10.0), 0.0, 0.0, 100.0, 50.0);
        assert_eq!(line, "0.0,50.0 100.0,0.0");
    }
}
