//! What an import did, said to the user: the fields it used, those it left out and why
//! ("seed and CFGScale are not options of Kling IMAGE O1"), and where the file differs from
//! what the studio would send by itself (no `includeCost`: costs will not show).

use runware::ImageInference;
use serde_json::Value;

/// Why a field of the file was not used.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LeftOut {
    /// `taskUUID`: every send gets a new one.
    FreshUuid,
    /// `model` naming another model.
    OtherModel,
    /// A field Kling IMAGE O1 does not take (`seed`, `CFGScale`).
    NotAnOption,
}

impl LeftOut {
    fn why(self, many: bool) -> &'static str {
        match (self, many) {
            (LeftOut::FreshUuid, _) => "each send gets one of its own",
            (LeftOut::OtherModel, _) => "this studio sends Kling IMAGE O1 only",
            (LeftOut::NotAnOption, false) => "it is not an option of Kling IMAGE O1",
            (LeftOut::NotAnOption, true) => "they are not options of Kling IMAGE O1",
        }
    }
}

/// The report of one import.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ImportReport {
    /// Field names used, as the file spells them (in the order serde_json keeps: sorted).
    pub kept: Vec<String>,
    /// Field names left out, each with the reason.
    pub dropped: Vec<(String, LeftOut)>,
    /// Where the form now differs from the studio's usual, because of the file.
    pub changed: Vec<&'static str>,
}

/// Compares what the file gave with the task read from it.
pub fn report(given: &Value, task: &ImageInference) -> ImportReport {
    let read = serde_json::to_value(task).unwrap_or(Value::Null);
    let mut r = ImportReport::default();
    let Some(fields) = given.as_object() else {
        return r;
    };
    for (key, value) in fields {
        match key.as_str() {
            "taskType" => {}
            "taskUUID" => r.dropped.push((key.clone(), LeftOut::FreshUuid)),
            "model" if value != runware::MODEL_ID => {
                r.dropped.push((key.clone(), LeftOut::OtherModel))
            }
            "model" => {}
            _ if read.get(key).is_none() => r.dropped.push((key.clone(), LeftOut::NotAnOption)),
            // One level down, where the task nests its options.
            "inputs" | "safety" => {
                let inner = &read[key];
                let mut any = false;
                for sub in value.as_object().into_iter().flat_map(|o| o.keys()) {
                    if inner.get(sub).is_some() {
                        any = true;
                    } else {
                        r.dropped
                            .push((format!("{key}.{sub}"), LeftOut::NotAnOption));
                    }
                }
                if any {
                    r.kept.push(key.clone());
                }
            }
            _ => r.kept.push(key.clone()),
        }
    }
    if task.include_cost != Some(true) {
        r.changed
            .push("The file leaves includeCost off: the cost of these images will not show");
    }
    if task.delivery_method.is_none() {
        r.changed.push(
            "The file names no deliveryMethod: sync, Runware's default (the studio polls by itself)",
        );
    }
    r
}

impl ImportReport {
    /// The report as lines a user reads.
    pub fn lines(&self) -> Vec<String> {
        let mut out = Vec::new();
        if !self.kept.is_empty() {
            out.push(format!("Imported {}.", self.kept.join(", ")));
        }
        // Fields left out for the same reason are said together.
        let mut reasons: Vec<LeftOut> = Vec::new();
        for (_, why) in &self.dropped {
            if !reasons.contains(why) {
                reasons.push(*why);
            }
        }
        for why in reasons {
            let names: Vec<&str> = self
                .dropped
                .iter()
                .filter(|(_, w)| *w == why)
                .map(|(n, _)| n.as_str())
                .collect();
            let list = match names.split_last() {
                Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
                _ => names.concat(),
            };
            out.push(format!("Left out {list}: {}.", why.why(names.len() > 1)));
        }
        out.extend(self.changed.iter().map(|c| format!("{c}.")));
        out
    }
}
