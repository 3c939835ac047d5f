//! Errors: [`HPyErr`](hpy_err::HPyErr) (a Python exception as a Rust
//! error), the builtin exception types, raising now and reading the
//! interpreter's error indicator, new exception classes, `errno`, warnings
//! and fatal errors.

mod errno;
pub mod exceptions;
mod fatal;
pub(crate) mod hpy_err;
mod new_exception;
mod raise;
mod warn;

pub use errno::set_errno;
