//! Which forms keep a draft while they are typed, and the one spelling of
//! each in the journal's draft table.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The forms whose half-typed contents are kept as a draft, one each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DraftKey {
    Entry,
    CheckIn,
    Person,
    Summary,
    OneOnOne,
}

impl DraftKey {
    /// In the order a new start looks for them.
    pub const ALL: [DraftKey; 5] = [
        DraftKey::Entry,
        DraftKey::CheckIn,
        DraftKey::Person,
        DraftKey::Summary,
        DraftKey::OneOnOne,
    ];

    /// The key in the journal's draft table: the only place it is spelled.
    pub const fn as_str(self) -> &'static str {
        match self {
            DraftKey::Entry => "entry",
            DraftKey::CheckIn => "checkin",
            DraftKey::Person => "person",
            DraftKey::Summary => "summary",
            DraftKey::OneOnOne => "one_on_one",
        }
    }

    /// The key a draft row names, if this build knows it.
    pub fn parse(key: &str) -> Option<DraftKey> {
        DraftKey::ALL.into_iter().find(|k| k.as_str() == key)
    }
}

impl Serialize for DraftKey {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for DraftKey {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<DraftKey, D::Error> {
        let key = String::deserialize(deserializer)?;
        DraftKey::parse(&key)
            .ok_or_else(|| serde::de::Error::custom(format!("`{key}` is not a form's draft")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_reads_back_from_its_one_spelling() {
        for key in DraftKey::ALL {
            assert_eq!(DraftKey::parse(key.as_str()), Some(key));
            let json = serde_json::to_string(&key).unwrap_or_default();
            assert_eq!(json, format!("\"{}\"", key.as_str()));
            assert_eq!(serde_json::from_str::<DraftKey>(&json).ok(), Some(key));
        }
        assert_eq!(DraftKey::parse("add"), None, "a newer rapport's form");
    }
}
