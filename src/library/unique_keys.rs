//! A key given twice in one mapping is an error in every file the program reads. serde fills
//! a map with the last of two equal keys and says nothing (a second `safety-tips:` in
//! `links.yaml`, or a slug twice under `by_state`, silently replaced the first); a struct's
//! derive refuses a repeated field, but points at the start of its mapping. So every document
//! is walked once before it is deserialized, and the walk stops at the second key itself:
//! the parser's error then carries that key's line and column, in block and flow style alike.
//!
//! The walk knows nothing of YAML: `yaml.rs` hands it the parser.

use std::cell::RefCell;
use std::collections::HashSet;

use serde::de::{
    self, DeserializeSeed, Deserializer, EnumAccess, IgnoredAny, MapAccess, SeqAccess,
    VariantAccess, Visitor,
};

/// What the error says of a repeated key. It names no key: the file may be one the advocate
/// wrote, whose text no message repeats (`yaml.rs` adds the key for library files).
pub const REPEATED_KEY: &str = "a key may be given only once in a mapping";

/// Walks the whole document of `d`. Fails at the first key given twice in one mapping, and
/// then `repeated` holds that key (trimmed, as readers compare keys). Fails without setting
/// it when the document does not parse, or has a key that is not text, such as a list: the
/// deserialization that follows reports that in its own words.
pub fn walk<'de, D: Deserializer<'de>>(
    d: D,
    repeated: &RefCell<Option<String>>,
) -> Result<(), D::Error> {
    Node { repeated }.deserialize(d)
}

/// Any value: walked for the mappings inside it.
#[derive(Clone, Copy)]
struct Node<'a> {
    repeated: &'a RefCell<Option<String>>,
}

impl<'de> DeserializeSeed<'de> for Node<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Node<'_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("any value")
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        Ok(())
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        Ok(())
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        Ok(())
    }

    fn visit_i128<E: de::Error>(self, _: i128) -> Result<(), E> {
        Ok(())
    }

    fn visit_u128<E: de::Error>(self, _: u128) -> Result<(), E> {
        Ok(())
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        Ok(())
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        Ok(())
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        self.deserialize(d)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element_seed(self)?.is_some() {}
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut seen = HashSet::new();
        while map
            .next_key_seed(Key {
                seen: &mut seen,
                repeated: self.repeated,
            })?
            .is_some()
        {
            map.next_value_seed(self)?;
        }
        Ok(())
    }

    /// A tagged value (`!tag x`): what is inside the tag.
    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<(), A::Error> {
        let (IgnoredAny, variant) = data.variant()?;
        variant.newtype_variant_seed(self)
    }
}

/// A mapping's key, compared with the keys before it in the same mapping.
struct Key<'a, 'b> {
    seen: &'b mut HashSet<String>,
    repeated: &'a RefCell<Option<String>>,
}

impl<'de> DeserializeSeed<'de> for Key<'_, '_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        // As written: `1` and `0x1` are two keys to a map of strings, as to the reader.
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for Key<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a key")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<(), E> {
        let key = key.trim();
        if self.seen.insert(key.to_owned()) {
            return Ok(());
        }
        // Raised while the parser stands on this key, so the error is located at it.
        *self.repeated.borrow_mut() = Some(key.to_owned());
        Err(E::custom(REPEATED_KEY))
    }
}

#[cfg(test)]
mod tests {
    // The walk through the real parser is tested in `yaml.rs`, where the parser is.
    use super::*;

    /// Keys as a plain map deserializer gives them.
    fn walked(keys: &[&str]) -> Option<String> {
        use serde::de::value::{Error, MapDeserializer};
        let map = MapDeserializer::<_, Error>::new(keys.iter().map(|k| (*k, 1u8)));
        let repeated = RefCell::new(None);
        let _ = walk(map, &repeated);
        repeated.into_inner()
    }

    #[test]
    fn the_second_of_two_equal_keys_is_named() {
        assert_eq!(walked(&["a", "b", "c"]), None);
        assert_eq!(walked(&["a", "b", " a"]), Some("a".to_owned()));
    }
}
