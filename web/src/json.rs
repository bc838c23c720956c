//! JSON in the browser: the browser parses and writes the text (`JSON.parse`, `JSON.stringify`)
//! and each type reads or writes its fields through the result. A JSON parser in Rust (serde_json,
//! straight into each type or through its tree) made every page's download 15–19 KB larger
//! compressed.

use serde::Serialize;
use serde::de::DeserializeOwned;

/// Reads a value of type `T` from JSON; the error says why it could not.
pub fn decode<T: DeserializeOwned>(json: &str) -> Result<T, String> {
    let tree = js_sys::JSON::parse(json).map_err(|e| format!("{e:?}"))?;
    serde_wasm_bindgen::from_value(tree).map_err(|e| e.to_string())
}

/// Writes a value as JSON.
pub fn encode<T: Serialize + ?Sized>(value: &T) -> Result<String, String> {
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    let tree = value.serialize(&serializer).map_err(|e| e.to_string())?;
    js_sys::JSON::stringify(&tree)
        .map(String::from)
        .map_err(|e| format!("{e:?}"))
}
