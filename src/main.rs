fn main() {
    console_error_panic_hook_install();
    leptos::mount::mount_to_body(kling_studio::App);
}

/// Panics in wasm otherwise vanish into "unreachable executed"; send them to the console.
fn console_error_panic_hook_install() {
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&info.to_string().into());
    }));
}
