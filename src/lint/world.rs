//! What the exhaustive check renders against: the jurisdictions, every link resolved and
//! judged for each of them, and the guard with the library's rules.

use crate::library::jurisdictions::Jurisdiction;
use crate::reply::guard::Guard;

use super::link_table::LinkTable;

/// What the exhaustive check renders against.
pub struct World<'a> {
    pub jurisdictions: &'a [Jurisdiction],
    pub links: &'a LinkTable,
    pub guard: Guard<'a>,
}
