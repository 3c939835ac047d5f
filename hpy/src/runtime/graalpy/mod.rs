//! The work GraalPy 24.2's HPy does differently from CPython's, done another
//! way on GraalPy only, so that the safe API answers the same on both. Each
//! function here is called from the method it corrects, behind
//! [`is_graalpy`](super::is_graalpy); `docs/runtimes.md` lists the
//! differences.

mod bools;
mod classes;
mod items;
mod strings;

pub(crate) use bools::is_bool;
pub(crate) use classes::no_payload;
pub(crate) use items::index_as_object;
pub(crate) use strings::checked_utf8;
