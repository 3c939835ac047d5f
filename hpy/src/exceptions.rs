//! The builtin exception and warning types, one marker type each.
//!
//! ```ignore
//! use hpy::exceptions::ValueError;
//! return Err(ValueError::new_err("x must be positive"));
//! ```

pub use crate::err::ExcType;

/// A Python exception type known at compile time.
pub trait ExceptionType {
    /// The exception type.
    fn exc_type() -> ExcType;
}

#[path = "generated/exceptions.rs"]
mod generated;
pub use generated::*;
