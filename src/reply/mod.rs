//! The reply: answers → render → paragraphs → guard → output.

pub mod answers;
pub mod compose;
pub mod guard;
pub mod output;
pub mod paragraphs;
pub mod render;
pub mod review;
