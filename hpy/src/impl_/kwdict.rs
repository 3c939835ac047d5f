//! Keyword arguments given as a dict (`tp_new`, `tp_init`), put in the
//! vectorcall layout the argument parser reads: values after the positional
//! arguments, names in a tuple.
//!
//! PyPy's HPy already passes them in that layout (the names in a tuple
//! where HPy 0.9 specifies a dict): they are then read as they are.

use crate::{Ctx, HPyResult, Handle};
use hpy_sys::HPy;

/// The arguments of a call that received a keyword dict.
pub struct DictArgs<'ctx> {
    /// The caller's arguments, used as they are when no keyword is given
    /// (the common case: nothing is copied) or when PyPy gave them in the
    /// vectorcall layout; null when they were copied into `all`.
    given: *const HPy,
    /// With a keyword dict: the positional arguments, then the keyword values.
    all: Vec<HPy>,
    nargs: usize,
    kwnames: Option<Handle<'ctx>>,
    _held: Vec<Handle<'ctx>>,
}

impl<'ctx> DictArgs<'ctx> {
    /// Reads `kw` (null or a dict) into the vectorcall layout.
    ///
    /// # Safety
    /// `args` must point to `nargs` handles open for the call, and `kw` must
    /// be null or a dict open for the call (on PyPy: or a tuple of keyword
    /// names whose values follow the `nargs` positional arguments).
    #[inline]
    pub unsafe fn new(ctx: Ctx<'ctx>, args: *const HPy, nargs: isize, kw: HPy) -> HPyResult<DictArgs<'ctx>> {
        let nargs = nargs.max(0) as usize;
        let raw = ctx.as_raw();
        // SAFETY: `kw` is null or an open dict.
        if kw.is_null() || unsafe { hpy_sys::HPy_Length(raw, kw) } <= 0 {
            return Ok(DictArgs { given: args, all: Vec::new(), nargs, kwnames: None, _held: Vec::new() });
        }
        // SAFETY: `kw` is open.
        if crate::runtime::is_pypy() && unsafe { hpy_sys::HPyTuple_Check(raw, kw) } != 0 {
            // SAFETY: forwarded from the caller; `kw` is a tuple of names.
            return Ok(unsafe { Self::vectorcall(ctx, args, nargs, kw) });
        }
        // SAFETY: forwarded from the caller; `kw` is a dict.
        unsafe { Self::with_keywords(ctx, args, nargs, kw) }
    }

    /// [`DictArgs::new`] when `kw` is a non-empty dict.
    ///
    /// # Safety
    /// As for [`DictArgs::new`]; `kw` is not null.
    #[inline(never)]
    unsafe fn with_keywords(
        ctx: Ctx<'ctx>,
        args: *const HPy,
        nargs: usize,
        kw: HPy,
    ) -> HPyResult<DictArgs<'ctx>> {
        let raw = ctx.as_raw();
        let mut all = Vec::new();
        if nargs > 0 {
            // SAFETY: forwarded from the caller.
            all.extend_from_slice(unsafe { core::slice::from_raw_parts(args, nargs) });
        }
        // SAFETY: `kw` is an open dict: Keys returns a new list.
        let keys = unsafe { ctx.wrap(hpy_sys::HPyDict_Keys(raw, kw)) }?;
        let len = keys.len()?;
        let mut held = Vec::with_capacity(2 * len);
        let mut names = Vec::with_capacity(len);
        for index in 0..len {
            // SAFETY: `keys` is a list of `len` items; the items are new handles.
            let key = unsafe { ctx.wrap(hpy_sys::HPy_GetItem_i(raw, keys.as_raw(), index as isize)) }?;
            // SAFETY: `key` comes from the dict, so the lookup finds a value.
            let value = unsafe { ctx.wrap(hpy_sys::HPy_GetItem(raw, kw, key.as_raw())) }?;
            names.push(key.as_raw());
            all.push(value.as_raw());
            held.push(key);
            held.push(value);
        }
        // SAFETY: the names are open (held); FromArray only reads them.
        let kwnames =
            unsafe { ctx.wrap(hpy_sys::HPyTuple_FromArray(raw, names.as_mut_ptr(), len as isize)) }?;
        Ok(DictArgs { given: core::ptr::null(), all, nargs, kwnames: Some(kwnames), _held: held })
    }

    /// The argument array (positional arguments, then keyword values).
    #[inline]
    pub fn args(&self) -> *const HPy {
        if self.given.is_null() { self.all.as_ptr() } else { self.given }
    }

    /// The number of positional arguments.
    #[inline]
    pub fn nargs(&self) -> usize {
        self.nargs
    }

    /// The tuple of keyword names, or null.
    #[inline]
    pub fn kwnames(&self) -> HPy {
        self.kwnames.as_ref().map_or(hpy_sys::HPy_NULL, Handle::as_raw)
    }

    /// PyPy's layout: `args` holds the keyword values after the positional
    /// arguments, `kwnames` is a tuple of their names.
    ///
    /// # Safety
    /// As for [`DictArgs::new`], with `kwnames` an open tuple.
    #[inline(never)]
    unsafe fn vectorcall(ctx: Ctx<'ctx>, args: *const HPy, nargs: usize, kwnames: HPy) -> DictArgs<'ctx> {
        // SAFETY: `kwnames` is open for the call.
        let kwnames = unsafe { crate::Borrowed::from_raw(ctx, kwnames) }.to_owned();
        DictArgs { given: args, all: Vec::new(), nargs, kwnames: Some(kwnames), _held: Vec::new() }
    }
}
