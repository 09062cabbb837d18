//! JSON Schemas for snippet files and `links.yaml`, generated from the very types serde reads
//! them into, so an editor (through yaml-language-server) completes and flags exactly what
//! the program accepts. The checked-in copies under `schema/` are kept in sync by a test.

use schemars::JsonSchema;
use schemars::generate::SchemaSettings;

use crate::library::registry::LinkRegistry;
use crate::library::snippet::Snippet;

/// The schema of a snippet file, as pretty JSON with a final newline.
pub fn snippet() -> String {
    generate::<Snippet>()
}

/// The schema of `rules.yaml`.
pub fn rules() -> String {
    generate::<crate::library::rules::RulesFile>()
}

/// The schema of `links.yaml`.
pub fn links() -> String {
    generate::<LinkRegistry>()
}

fn generate<T: JsonSchema>() -> String {
    // Draft 7: the newest draft editors' YAML and JSON language servers fully support.
    let schema = SchemaSettings::draft07()
        .into_generator()
        .into_root_schema_for::<T>();
    let mut json =
        serde_json::to_string_pretty(&schema).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    json.push('\n');
    json
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_keys_are_refused_and_answers_take_three_types() {
        let schema: serde_json::Value = serde_json::from_str(&snippet()).unwrap();
        assert_eq!(schema["additionalProperties"], false);
        assert_eq!(
            schema["required"],
            serde_json::json!(["title", "category", "blocks"])
        );
        let answer = &schema["definitions"]["Answer"]["type"];
        assert_eq!(*answer, serde_json::json!(["boolean", "number", "string"]));
        let kinds = &schema["definitions"]["QuestionKind"]["enum"];
        assert_eq!(*kinds, serde_json::json!(["yes-no", "choice", "text"]));
    }

    #[test]
    fn link_entries_refuse_unknown_keys() {
        let schema: serde_json::Value = serde_json::from_str(&links()).unwrap();
        assert_eq!(schema["type"], "object");
        assert_eq!(
            schema["additionalProperties"]["$ref"],
            "#/definitions/LinkEntry"
        );
        assert_eq!(
            schema["definitions"]["LinkEntry"]["additionalProperties"],
            false
        );
    }
}
