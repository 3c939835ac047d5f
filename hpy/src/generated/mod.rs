//! Everything generated from the ABI table (`hpy-sys/abi/hpy-0.9.0.abi`) by
//! `cargo xtask codegen`: the context's constants, the builtin exception
//! types, the number protocol, the implementation shells and the CPython
//! trampolines.

pub(crate) mod constants;
pub(crate) mod exceptions;
pub(crate) mod number;
pub(crate) mod shells;
pub(crate) mod trampolines;
