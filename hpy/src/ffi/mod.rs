//! The boundary with C: the entry point of every implementation (errors and
//! panics become Python exceptions, never unwinding into C), the traits of
//! the implementation shells (a body run by a generic `extern "C"` function
//! per signature), the target a CPython trampoline calls, `HPyDef`s built in
//! constant context, and C strings. The shells and the trampolines
//! themselves are generated (`generated/shells.rs`,
//! `generated/trampolines.rs`).

pub(crate) mod c_str;
pub(crate) mod defs;
pub(crate) mod entry;
pub(crate) mod shell;
pub(crate) mod target;

pub(crate) use target::{Erased, MethodSignature, Signature, Slot, Target, call_real};
