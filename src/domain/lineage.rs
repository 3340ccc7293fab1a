//! Edit chains: a job made by editing a result records that result as its parent, so an
//! image's lineage (its parent, its children, the original at the root) can be followed.

use serde::{Deserialize, Serialize};

/// The result a job was made from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Parent {
    #[serde(rename = "taskUUID")]
    pub task_uuid: String,
    pub slot: usize,
    #[serde(rename = "imageUUID", default)]
    pub image_uuid: String,
}

/// Each job's taskUUID and parent, as the lineage functions read them.
pub type Tree<'a> = [(&'a str, Option<&'a Parent>)];

fn parent_of<'a>(tree: &'a Tree<'a>, task_uuid: &str) -> Option<&'a Parent> {
    tree.iter()
        .find(|(t, _)| *t == task_uuid)
        .and_then(|(_, p)| *p)
}

/// The original at the root of `task_uuid`'s chain, as (taskUUID, slot); the job itself
/// (slot `slot`) when it has no parent. Stops on a loop or a parent no longer stored.
pub fn root(tree: &Tree<'_>, task_uuid: &str, slot: usize) -> (String, usize) {
    let mut at = (task_uuid.to_owned(), slot);
    let mut seen = vec![at.0.clone()];
    while let Some(p) = parent_of(tree, &at.0) {
        if seen.contains(&p.task_uuid) || !tree.iter().any(|(t, _)| *t == p.task_uuid) {
            break;
        }
        seen.push(p.task_uuid.clone());
        at = (p.task_uuid.clone(), p.slot);
    }
    at
}

/// The jobs made from result `slot` of `task_uuid`.
pub fn children(tree: &Tree<'_>, task_uuid: &str, slot: usize) -> Vec<String> {
    tree.iter()
        .filter(|(_, p)| p.is_some_and(|p| p.task_uuid == task_uuid && p.slot == slot))
        .map(|(t, _)| (*t).to_owned())
        .collect()
}

/// Every job of the chain `task_uuid` belongs to: its root's job and all descended from it.
pub fn chain(tree: &Tree<'_>, task_uuid: &str) -> Vec<String> {
    let (top, _) = root(tree, task_uuid, 0);
    let mut out = vec![top];
    let mut i = 0;
    while i < out.len() {
        let here = out[i].clone();
        for (t, p) in tree {
            if p.is_some_and(|p| p.task_uuid == here) && !out.iter().any(|o| o == t) {
                out.push((*t).to_owned());
            }
        }
        i += 1;
    }
    out
}
