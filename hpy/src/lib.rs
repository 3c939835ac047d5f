//! Write [HPy](https://hpyproject.org) extensions for Python in safe Rust.
//!
//! One universal binary (`name.hpy0.so`) runs on every CPython (through the
//! `hpy` package), on PyPy and on GraalPy, and HPy's debug mode checks it for
//! leaked and misused handles without a rebuild. This crate makes the handle
//! rules part of the types:
//!
//! - [`Ctx`]: the context of the current call, a token with a lifetime;
//! - [`Handle`]: an owned handle, closed when dropped, tied to the call;
//!   arguments arrive as `&Handle` and cannot be closed;
//! - [`Borrowed`]: a handle someone else closes (constants, views);
//! - [`FromHPy`] / [`IntoHPy`]: conversions between Rust values and objects;
//! - [`HPyErr`] / [`HPyResult`]: Python exceptions as Rust errors; a panic
//!   becomes a Python exception too;
//! - [`Global`]: an object kept in a static across calls;
//! - [`hpy_function`] and [`hpy_module`]: the macros that make a module.
//!
//! The user guide, from a first module to packaging and migrating from
//! PyO3, is [`guide/`](https://github.com/hpy-rs/hpy-rs/blob/main/guide/src/introduction.md) in the repository (an mdBook:
//! `cargo xtask guide` builds it).
//!
//! ```no_run
//! use hpy::prelude::*;
//!
//! #[hpy_module]
//! mod hello {
//!     use hpy::prelude::*;
//!
//!     /// Greets someone.
//!     #[hpy_function]
//!     fn greet(name: &str) -> String {
//!         format!("Hello, {name}!")
//!     }
//! }
//! # fn main() {}
//! ```

// The crate by concept; each folder's `mod.rs` says what it holds, and
// ARCHITECTURE.md walks a call through them.
mod context;
mod error;
mod ffi;
mod generated;
mod handle;
mod object;
mod runtime;

pub mod class;
pub mod conversion;
pub mod types;

#[doc(hidden)]
pub mod impl_;

pub use class::{Buffer, Field, HPyClass, Instance, Traverse};
pub use context::ctx::Ctx;
pub use context::global::Global;
pub use context::module::Module;
pub use conversion::{FromHPy, FromHPyOwned, IntoHPy, TypeHint};
pub use error::exceptions;
pub use error::hpy_err::{ExcType, HPyErr, HPyResult};
pub use error::set_errno;
pub use handle::borrowed::Borrowed;
pub use handle::owned::Handle;
#[cfg(feature = "cpython-abi")]
pub use handle::py_object::{PyObject, PyObjectRef};
pub use handle::tracker::Tracker;
pub use object::attr::{AttrName, Name};
pub use object::call::IntoArgs;
pub use object::compare::CompareOp;
pub use object::item::{ItemKey, Key};
pub use object::iter::Iter;
pub use object::kwargs::IntoKwargs;
pub use types::{
    Bytes, Capsule, Code, ContextVar, Dict, List, ListBuilder, Slice, SourceKind, Str, Tuple, TupleBuilder,
    Type, View,
};

/// The raw ABI (`hpy-sys`), for what the safe API does not cover.
pub use hpy_sys as sys;

#[cfg(feature = "macros")]
pub use hpy_macros::{Traverse, hpy_exception, hpy_function, hpy_methods, hpy_module, hpy_type};

/// The names most extensions need: `use hpy::prelude::*;`.
pub mod prelude {
    pub use crate::class::Visit;
    pub use crate::exceptions::ExceptionType;
    pub use crate::types::{Bytes, Dict, List, Str, Tuple, Type};
    pub use crate::{
        Borrowed, Buffer, CompareOp, Ctx, Field, FromHPy, Global, HPyClass, HPyErr, HPyResult, Handle,
        Instance, IntoHPy, Module, Traverse,
    };
    #[cfg(feature = "macros")]
    pub use crate::{hpy_exception, hpy_function, hpy_methods, hpy_module, hpy_type};
}
