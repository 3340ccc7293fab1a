//! A minimal Kling client: tasks as JSON in, validated, POSTed, result URLs out.

use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;
use runware::request::Task;
use wasm_bindgen_futures::JsFuture;

async fn send(body: String) -> Result<String, String> {
    let tasks: Vec<Task> = serde_json::from_str(&body).map_err(|e| e.to_string())?;
    for task in &tasks {
        if let Task::ImageInference(inference) = task {
            if let Some(e) = runware::validate::validate(inference).first() {
                return Err(e.message.clone());
            }
        }
    }
    let body = serde_json::to_string(&tasks).map_err(|e| e.to_string())?;
    let init = web_sys::RequestInit::new();
    init.set_method("POST");
    init.set_body(&body.into());
    let failed = |_| "request failed".to_string();
    let request = web_sys::Request::new_with_str_and_init("/api/runware", &init).map_err(failed)?;
    let window = web_sys::window().ok_or("no window")?;
    let response: web_sys::Response = JsFuture::from(window.fetch_with_request(&request))
        .await
        .map_err(failed)?
        .unchecked_into();
    let text = JsFuture::from(response.text().map_err(failed)?)
        .await
        .map_err(failed)?
        .as_string()
        .unwrap_or_default();
    let envelope: runware::response::Envelope =
        serde_json::from_str(&text).map_err(|e| e.to_string())?;
    let urls: Vec<String> = envelope
        .data
        .into_iter()
        .filter_map(|d| d.image_url)
        .collect();
    Ok(urls.join("\n"))
}

/// The whole client.
#[component]
fn App() -> impl IntoView {
    let (tasks, set_tasks) = signal(String::new());
    let generate = Action::new_local(|body: &String| send(body.clone()));
    view! {
        <main>
            <textarea
                aria-label="Tasks (JSON)"
                prop:value=tasks
                on:input=move |e| set_tasks.set(event_target_value(&e))
            />
            <button on:click=move |_| {
                generate.dispatch(tasks.get());
            }>"Generate"</button>
            <p>{move || generate.value().get().map(|r| r.unwrap_or_else(|e| e))}</p>
        </main>
    }
}

fn main() {
    leptos::mount::mount_to_body(App)
}
