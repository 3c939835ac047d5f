//! Runtime support for the code that `hpy-macros` generates.
//!
//! Not a public API: anything here may change in any release. It holds the
//! CPython trampolines, the entry point that turns errors and panics into
//! Python exceptions, argument parsing, and the module glue.

mod args;
mod defs;
mod entry;
mod module;
mod trampoline_ctx;

pub use args::{
    Extra, FunctionDescription, borrow_arg, empty_kwargs, extract_argument, extract_named, extract_required,
    extract_varargs,
};
pub use defs::{erase, meth_def, slot_def};
pub use entry::{IntoReturn, ReturnValue, run};
pub use module::{DefList, GlobalList, ModuleItem, module_exec, panic_exception, panic_exception_global};
pub use trampoline_ctx::set_trampoline_context;

pub mod trampolines;
