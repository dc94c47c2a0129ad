//! rapport's own JSON export read from arbitrary bytes, then imported into
//! an in-memory journal: never a panic, and the journal stays sound.

#![no_main]

use libfuzzer_sys::fuzz_target;
use rapport::store::{Store, document_from_value, parse_json_value};

fuzz_target!(|text: &str| {
    let Ok(value) = parse_json_value(text) else {
        return;
    };
    let Ok(doc) = document_from_value(&value) else {
        return;
    };
    let Ok(mut store) = Store::open_in_memory() else {
        return;
    };
    let _ = store.import_document(&doc, false);
    assert_eq!(
        store.integrity_check().ok(),
        Some(vec!["ok".to_string()])
    );
});
