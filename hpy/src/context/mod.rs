//! The services of the running interpreter: the context of a call
//! ([`Ctx`](ctx::Ctx)), objects kept across calls ([`Global`](global::Global)),
//! the module being executed, imports, and leaving Python while Rust runs.

pub(crate) mod ctx;
pub(crate) mod global;
mod import;
pub(crate) mod module;
mod threads;
