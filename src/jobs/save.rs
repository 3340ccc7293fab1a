//! Results saved to disk, one image or a ZIP: their bytes come from wherever they can be read
//! (the kept copy, the link, or the site's image path when Runware's host will not give them
//! to a page), so the file keeps its name and a link the page cannot read never costs a file.

use crate::api::images::result_bytes;
use crate::browser::zip::{zip_images, Entry};
use crate::browser::{open_in_new_tab, save_blob};
use crate::state::settings::Settings;

/// Saves one result as `name`; when its bytes cannot be had at all, its link opens in a new
/// tab (where the browser's own "Save image" still works) and the studio stays put.
pub async fn save_image(settings: Settings, src: String, name: String) {
    let endpoint = settings.endpoint_now().url;
    match result_bytes(&src, &endpoint).await {
        Ok(blob) => save_blob(&blob, &name),
        Err(_) if src.starts_with("http") => open_in_new_tab(&src),
        Err(_) => {}
    }
}

/// Builds one archive of `entries` and saves it as `file_name`; says how many went in.
pub async fn save_zip(
    settings: Settings,
    entries: Vec<Entry>,
    file_name: String,
) -> Result<usize, String> {
    let endpoint = settings.endpoint_now().url;
    let blob = zip_images(&entries, |src| {
        let endpoint = endpoint.clone();
        async move { result_bytes(&src, &endpoint).await }
    })
    .await
    .map_err(|e| e.to_string())?;
    save_blob(&blob, &file_name);
    Ok(entries.len())
}
