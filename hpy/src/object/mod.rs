//! The object protocol on handles: attributes, items, calls, comparison,
//! iteration, numbers, and the rest of what any object supports (`repr`,
//! `type`, `hash`, ...). Each file adds methods to
//! [`Handle`](crate::Handle) for one family of the C API.

pub(crate) mod attr;
pub(crate) mod call;
pub(crate) mod call_tuple;
pub(crate) mod compare;
pub(crate) mod item;
pub(crate) mod iter;
pub(crate) mod kwargs;
mod number;
mod protocol;
pub(crate) mod special;
