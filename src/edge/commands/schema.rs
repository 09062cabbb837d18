//! `schema`: the JSON Schema an editor uses to complete and check library files.

use anyhow::Result;

use crate::edge::args::SchemaKind;
use crate::library::json_schema as schema;

use super::print;

pub fn run(kind: SchemaKind) -> Result<i32> {
    print(&match kind {
        SchemaKind::Snippet => schema::snippet(),
        SchemaKind::Links => schema::links(),
        SchemaKind::Rules => schema::rules(),
    })
}
