//! New exception classes (`HPyErr_NewException[WithDoc]`).

use crate::ffi::c_str::with_c_str_or_err;
use crate::types::{Dict, Type};
use crate::{Ctx, HPyResult, Handle};
use hpy_sys::HPy;

fn raw(h: Option<&Handle<'_>>) -> HPy {
    h.map_or(hpy_sys::HPy_NULL, Handle::as_raw)
}

/// Takes the class HPy made, checked: the class is made by calling the
/// metaclass of the bases, whose `__new__` may return any object.
///
/// # Safety
/// `raw` must be a new handle owned by the caller, or null with an
/// exception set.
unsafe fn checked_class<'ctx>(ctx: Ctx<'ctx>, raw: HPy, function: &str) -> HPyResult<Type<'ctx>> {
    // SAFETY: forwarded from the caller.
    checked(unsafe { ctx.wrap(raw) }?, function)
}

fn checked<'ctx>(class: Handle<'ctx>, function: &str) -> HPyResult<Type<'ctx>> {
    class.downcast::<Type<'ctx>>().map_err(|err| err.with_subject(&format!("the class made by {function}()")))
}

impl<'ctx> Ctx<'ctx> {
    /// A new exception class (`HPyErr_NewException`). `name` is
    /// `"module.Name"` (`SystemError` without a dot); `base` is a class or a
    /// tuple of classes (default `Exception`); `dict` holds class
    /// attributes. Keep the class in a [`Global`](crate::Global) to raise
    /// it later. `TypeError` if the metaclass of `base` makes something
    /// other than a class.
    pub fn new_exception(
        self,
        name: &str,
        base: Option<&Handle<'ctx>>,
        dict: Option<&Dict<'ctx>>,
    ) -> HPyResult<Type<'ctx>> {
        if crate::runtime::is_pypy() {
            let class = crate::runtime::pypy::new_exception(self, name, None, base, dict)?;
            return checked(class, "new_exception");
        }
        let raw = with_c_str_or_err(name, "the name", |name| {
            // SAFETY: `name` is NUL-terminated; the handles are open or null.
            unsafe { hpy_sys::HPyErr_NewException(self.as_raw(), name, raw(base), raw(dict.map(|d| &**d))) }
        })?;
        // SAFETY: a new object or null with an exception set.
        unsafe { checked_class(self, raw, "new_exception") }
    }

    /// [`Ctx::new_exception`] with a docstring (`HPyErr_NewExceptionWithDoc`).
    pub fn new_exception_with_doc(
        self,
        name: &str,
        doc: &str,
        base: Option<&Handle<'ctx>>,
        dict: Option<&Dict<'ctx>>,
    ) -> HPyResult<Type<'ctx>> {
        if crate::runtime::is_pypy() {
            let class = crate::runtime::pypy::new_exception(self, name, Some(doc), base, dict)?;
            return checked(class, "new_exception_with_doc");
        }
        let raw = with_c_str_or_err(name, "the name", |name| {
            with_c_str_or_err(doc, "the docstring", |doc| {
                // SAFETY: the strings are NUL-terminated; the handles are open or null.
                unsafe {
                    hpy_sys::HPyErr_NewExceptionWithDoc(
                        self.as_raw(),
                        name,
                        doc,
                        raw(base),
                        raw(dict.map(|d| &**d)),
                    )
                }
            })
        })??;
        // SAFETY: a new object or null with an exception set.
        unsafe { checked_class(self, raw, "new_exception_with_doc") }
    }
}
