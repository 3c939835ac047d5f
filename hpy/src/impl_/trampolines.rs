//! The CPython trampolines (`trampolines::keywords::<T>` and friends), the
//! trampoline for each signature, and the type erasure of implementations.

pub use super::trampoline_ctx::{Target, call_real};

#[path = "../generated/trampolines.rs"]
mod generated;
pub use generated::*;
