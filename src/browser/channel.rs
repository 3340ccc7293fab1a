//! A BroadcastChannel between this site's tabs: text messages out, a handler for those in.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{BroadcastChannel, MessageEvent};

/// An open channel; messages stop arriving when it is dropped.
pub struct Channel {
    inner: BroadcastChannel,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
}

impl Channel {
    /// Opens `name`, calling `on_message` with the text of every message other tabs post.
    pub fn open(name: &str, mut on_message: impl FnMut(String) + 'static) -> Option<Channel> {
        let inner = BroadcastChannel::new(name).ok()?;
        let handler = Closure::<dyn FnMut(MessageEvent)>::new(move |ev: MessageEvent| {
            if let Some(text) = ev.data().as_string() {
                on_message(text);
            }
        });
        inner.set_onmessage(Some(handler.as_ref().unchecked_ref()));
        Some(Channel {
            inner,
            _on_message: handler,
        })
    }

    pub fn post(&self, text: &str) {
        self.inner.post_message(&text.into()).ok();
    }
}

impl Drop for Channel {
    fn drop(&mut self) {
        self.inner.set_onmessage(None);
        self.inner.close();
    }
}
