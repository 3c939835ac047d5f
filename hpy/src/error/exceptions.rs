//! The builtin exception and warning types, one marker type each.
//!
//! ```
//! use hpy::HPyResult;
//! use hpy::exceptions::ValueError;
//!
//! fn check(x: i64) -> HPyResult<i64> {
//!     if x < 0 {
//!         return Err(ValueError::new_err("x must be positive"));
//!     }
//!     Ok(x)
//! }
//! assert!(check(-1).is_err());
//! ```

pub use crate::error::hpy_err::ExcType;

/// A Python exception type known at compile time.
pub trait ExceptionType {
    /// The type's Python name, for generated stubs (`Exception` unless
    /// the type says better).
    const NAME: &'static str = "Exception";

    /// The exception type.
    fn exc_type() -> ExcType;
}

pub use crate::generated::exceptions::*;
