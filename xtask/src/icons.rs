//! The app's icons, drawn here rather than kept as binary files: a white check mark in a ring on
//! the app's red, at the sizes a phone's home screen asks for (and a "maskable" one with room
//! around the mark for round masks).

use anyhow::Context;
use std::path::Path;

const RED: [u8; 3] = [0xb3, 0x26, 0x1e];

/// Distance from point p to the segment a–b.
fn to_segment(p: (f64, f64), a: (f64, f64), b: (f64, f64)) -> f64 {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let t = (((p.0 - a.0) * dx + (p.1 - a.1) * dy) / (dx * dx + dy * dy)).clamp(0.0, 1.0);
    let (x, y) = (a.0 + t * dx, a.1 + t * dy);
    ((p.0 - x).powi(2) + (p.1 - y).powi(2)).sqrt()
}

/// How much of the white mark covers a point (coordinates in 0..1 of the mark's box).
fn mark(p: (f64, f64)) -> f64 {
    let stroke = 0.055;
    let centre = (0.5, 0.5);
    let r = ((p.0 - centre.0).powi(2) + (p.1 - centre.1).powi(2)).sqrt();
    let ring = (r - 0.40).abs();
    let tick =
        to_segment(p, (0.30, 0.52), (0.45, 0.66)).min(to_segment(p, (0.45, 0.66), (0.71, 0.36)));
    let d = ring.min(tick) - stroke;
    // Anti-aliased edge about one pixel wide at 192 px.
    (0.5 - d / 0.006).clamp(0.0, 1.0)
}

fn draw(size: u32, padding: f64, rounded: bool) -> Vec<u8> {
    let mut pixels = Vec::with_capacity((size * size * 4) as usize);
    for y in 0..size {
        for x in 0..size {
            let u = (x as f64 + 0.5) / size as f64;
            let v = (y as f64 + 0.5) / size as f64;
            // Rounded corners for the plain icon; the maskable one fills the square.
            let inside = if rounded {
                let (cx, cy) = ((u - 0.5).abs() - 0.28, (v - 0.5).abs() - 0.28);
                let outside = (cx.max(0.0).powi(2) + cy.max(0.0).powi(2)).sqrt();
                (0.5 - (outside - 0.22) / (1.5 / size as f64)).clamp(0.0, 1.0)
            } else {
                1.0
            };
            let scale = 1.0 - 2.0 * padding;
            let white = mark(((u - padding) / scale, (v - padding) / scale));
            let channel = |c: u8| (c as f64 * (1.0 - white) + 255.0 * white).round() as u8;
            pixels.extend_from_slice(&[
                channel(RED[0]),
                channel(RED[1]),
                channel(RED[2]),
                (inside * 255.0).round() as u8,
            ]);
        }
    }
    pixels
}

fn write_png(path: &Path, size: u32, pixels: &[u8]) -> anyhow::Result<()> {
    let file =
        std::fs::File::create(path).with_context(|| format!("cannot create {}", path.display()))?;
    let mut encoder = png::Encoder::new(std::io::BufWriter::new(file), size, size);
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header()?;
    writer.write_image_data(pixels)?;
    Ok(())
}

pub fn write_icons(dir: &Path) -> anyhow::Result<()> {
    for size in [192, 512] {
        write_png(
            &dir.join(format!("icon-{size}.png")),
            size,
            &draw(size, 0.12, true),
        )?;
    }
    // Maskable icons keep the mark inside the central 80 % circle.
    write_png(
        &dir.join("icon-maskable-512.png"),
        512,
        &draw(512, 0.22, false),
    )
}
