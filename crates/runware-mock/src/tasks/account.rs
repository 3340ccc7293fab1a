//! `accountManagement` `getDetails`: the balance, for the studio's connection test.

use super::{string_field, Fail, Outcome};
use crate::Mock;
use runware::ResultItem;
use serde_json::Value;

pub(super) fn account(mock: &Mock, raw: &Value) -> Outcome {
    let task_uuid = string_field(raw, "taskUUID")?;
    if string_field(raw, "operation")? != "getDetails" {
        return Err(Fail::bad(
            "unsupportedOperation",
            "operation",
            "Only operation \"getDetails\" is supported.",
        ));
    }
    Ok(vec![ResultItem {
        task_type: Some("accountManagement".into()),
        task_uuid: Some(task_uuid),
        balance: Some(mock.cfg.balance),
        ..Default::default()
    }])
}
