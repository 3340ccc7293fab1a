//! Form + references -> the exact `imageInference` task, its problems, and the body to send.
//!
//! Local files' data URIs never pass through here: each stands as a unique placeholder that
//! the HTTP layer swaps for the browser's own string when it assembles the body.

use super::form::{Form, RefInput, SizeChoice};
use super::text::abbreviate;
use runware::{validate, FieldError, ImageInference, Inputs, OutputType, Safety, Task};

/// The outcome of building a task from the form.
#[derive(Clone, Debug, PartialEq)]
pub struct Built {
    pub task: ImageInference,
    /// Every problem, form-level (unparsable numbers) and contract-level.
    pub errors: Vec<FieldError>,
    /// For each reference, the placeholder standing for it (`None` for text references).
    pub placeholders: Vec<Option<String>>,
}

/// A piece of the request body: JSON text, or the data URI of reference `n`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Segment {
    Json(String),
    Reference(usize),
}

/// Builds the task. `nonce` makes placeholders unguessable, so no prompt can contain one.
pub fn build(form: &Form, refs: &[RefInput], task_uuid: &str, nonce: u64) -> Built {
    let mut errors = Vec::new();
    let mut task = ImageInference::new(task_uuid, form.prompt.clone());
    match form.size {
        SizeChoice::Fixed(size) => {
            task.width = Some(i64::from(size.width()));
            task.height = Some(i64::from(size.height()));
        }
        SizeChoice::MatchFirst(tier) => task.resolution = Some(tier),
    }
    let placeholders: Vec<Option<String>> = refs
        .iter()
        .enumerate()
        .map(|(i, r)| match r {
            // 24 characters of the base64 alphabet: a valid bare-base64 stand-in for validation.
            RefInput::Local { .. } => Some(format!("KLREF{nonce:016X}{i:02}A")),
            RefInput::Text(_) => None,
        })
        .collect();
    if !refs.is_empty() {
        let reference_images = refs
            .iter()
            .zip(&placeholders)
            .map(|(r, p)| match r {
                RefInput::Local { .. } => p.clone().unwrap_or_default(),
                RefInput::Text(t) => t.trim().to_owned(),
            })
            .collect();
        task.inputs = Some(Inputs { reference_images });
    }
    task.number_results = parse_int(
        &form.results,
        "numberResults",
        "Number of results",
        &mut errors,
    );
    task.output_type = Some(form.output_type);
    task.output_format = Some(form.output_format);
    task.output_quality = parse_int(&form.quality, "outputQuality", "Quality", &mut errors);
    task.delivery_method = Some(form.delivery);
    task.include_cost = form.include_cost.then_some(true);
    if form.safety_check {
        task.safety = Some(Safety {
            check_content: Some(true),
            mode: Some(form.safety_mode),
        });
    }
    if form.output_type == OutputType::Url && !form.ttl.trim().is_empty() {
        task.ttl = parse_int(&form.ttl, "ttl", "Time to live", &mut errors);
    }
    task.webhook_url = non_empty(&form.webhook_url);
    task.upload_endpoint = non_empty(&form.upload_endpoint);
    errors.extend(validate(&task));
    Built {
        task,
        errors,
        placeholders,
    }
}

fn non_empty(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_owned())
}

fn parse_int(raw: &str, field: &str, label: &str, errors: &mut Vec<FieldError>) -> Option<i64> {
    match raw.trim().parse::<i64>() {
        Ok(v) => Some(v),
        Err(_) => {
            errors.push(FieldError {
                field: field.to_owned(),
                index: None,
                code: "invalidNumber".into(),
                message: format!("{label} must be a whole number."),
            });
            None
        }
    }
}

impl Built {
    pub fn is_valid(&self) -> bool {
        self.errors.is_empty()
    }

    /// The request body, a one-task array, cut where local references go.
    pub fn body_segments(&self) -> Vec<Segment> {
        let json = serde_json::to_string(&[Task::ImageInference(Box::new(self.task.clone()))])
            .expect("tasks always serialise");
        split_at_placeholders(&json, &self.placeholders)
    }

    /// The task as the payload panel shows it: pretty, with data URIs abbreviated and
    /// local files named, so a screen never holds megabytes of base64.
    pub fn display_json(&self, labels: &[String]) -> String {
        let mut shown = self.task.clone();
        if let Some(inputs) = shown.inputs.as_mut() {
            for (i, r) in inputs.reference_images.iter_mut().enumerate() {
                if self.placeholders.get(i).is_some_and(Option::is_some) {
                    let label = labels.get(i).map(String::as_str).unwrap_or("local file");
                    *r = format!("data:image/…;base64,… [{label}]");
                } else if r.len() > 96 {
                    *r = abbreviate(r);
                }
            }
        }
        serde_json::to_string_pretty(&[Task::ImageInference(Box::new(shown))])
            .expect("tasks always serialise")
    }
}

/// Splits serialized JSON at each quoted placeholder; the quotes stay in the JSON parts, so
/// the data URI (only base64 characters and `data:image/…;base64,`) needs no escaping.
pub fn split_at_placeholders(json: &str, placeholders: &[Option<String>]) -> Vec<Segment> {
    let mut out = Vec::new();
    let mut rest = json;
    let mut hits: Vec<(usize, usize)> = placeholders
        .iter()
        .enumerate()
        .filter_map(|(i, p)| p.as_ref().map(|p| (i, p)))
        .filter_map(|(i, p)| json.find(&format!("\"{p}\"")).map(|at| (at + 1, i)))
        .collect();
    hits.sort();
    let mut consumed = 0;
    for (at, i) in hits {
        let p_len = placeholders[i].as_ref().map_or(0, String::len);
        out.push(Segment::Json(rest[..at - consumed].to_owned()));
        out.push(Segment::Reference(i));
        rest = &rest[at - consumed + p_len..];
        consumed = at + p_len;
    }
    out.push(Segment::Json(rest.to_owned()));
    out
}

/// The shell command around the body: the key is the variable, never its value.
pub fn curl_prefix() -> String {
    format!(
        "curl {} \\\n  -H \"Authorization: Bearer $RUNWARE_API_KEY\" \\\n  -H \"Content-Type: application/json\" \\\n  --data-binary @- <<'JSON'\n",
        runware::API_URL
    )
}

pub fn curl_suffix() -> &'static str {
    "\nJSON\n"
}

/// A fresh UUID v4: every task Runware sees gets its own.
pub fn new_task_uuid() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// A stored task as the user copies it: pretty JSON, local references (stored as placeholders)
/// and long data shown abbreviated, so the clipboard never holds megabytes of base64.
pub fn copy_task(task: &ImageInference) -> String {
    let mut shown = task.clone();
    if let Some(inputs) = shown.inputs.as_mut() {
        for r in inputs.reference_images.iter_mut() {
            if r.starts_with("KLREF") {
                *r = "data:image/…;base64,… [a local file]".into();
            } else if r.len() > 96 {
                *r = abbreviate(r);
            }
        }
    }
    serde_json::to_string_pretty(&[Task::ImageInference(Box::new(shown))])
        .expect("tasks always serialise")
}
