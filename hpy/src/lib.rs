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

mod attr;
mod borrowed;
mod builder;
mod c_str;
mod call;
mod call_tuple;
pub mod class;
mod compare;
pub mod conversion;
mod ctx;
mod err;
mod errno;
pub mod exceptions;
mod fatal;
mod global;
mod handle;
mod import;
mod item;
mod iter;
mod kwargs;
mod module;
mod new_exception;
mod number;
mod object;
mod raise;
mod runtime;
mod special;
mod threads;
mod tracker;
pub mod types;
mod void_p;
mod warn;

#[doc(hidden)]
pub mod impl_;

mod generated {
    pub mod constants;
    pub mod number;
}

pub use attr::{AttrName, Name};
pub use borrowed::Borrowed;
pub use builder::{ListBuilder, TupleBuilder};
pub use call::IntoArgs;
pub use class::{Buffer, Field, HPyClass, Instance, Traverse};
pub use compare::CompareOp;
pub use conversion::{FromHPy, FromHPyOwned, IntoHPy};
pub use ctx::Ctx;
pub use err::{ExcType, HPyErr, HPyResult};
pub use errno::set_errno;
pub use global::Global;
pub use handle::Handle;
pub use item::{ItemKey, Key};
pub use iter::Iter;
pub use kwargs::IntoKwargs;
pub use module::Module;
pub use tracker::Tracker;
pub use types::{Bytes, Capsule, Code, ContextVar, Dict, List, Slice, SourceKind, Str, Tuple, Type, View};

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
