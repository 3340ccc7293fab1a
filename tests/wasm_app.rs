//! `App` mounted in a real browser by wasm-bindgen-test: the DOM a user would see.

#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

#[wasm_bindgen_test]
fn app_shows_the_product_name_and_a_labelled_prompt() {
    let host = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&host).unwrap();
    let _mounted = leptos::mount::mount_to(host.clone().unchecked_into(), kling_studio::App);
    let h1 = host.query_selector("h1").unwrap().expect("a heading");
    assert_eq!(h1.text_content().unwrap(), "Kling Studio");
    let label = host
        .query_selector("label[for=prompt]")
        .unwrap()
        .expect("a prompt label");
    assert_eq!(label.text_content().unwrap(), "Prompt");
    assert_eq!(
        host.query_selector("#prompt").unwrap().unwrap().tag_name(),
        "TEXTAREA"
    );
}

use wasm_bindgen::JsCast;
