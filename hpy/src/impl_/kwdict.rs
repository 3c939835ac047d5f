//! Keyword arguments given as a dict (`tp_new`, `tp_init`), put in the
//! vectorcall layout the argument parser reads: values after the positional
//! arguments, names in a tuple.

use crate::{Ctx, HPyResult, Handle};
use hpy_sys::HPy;

/// The arguments of a call that received a keyword dict.
pub struct DictArgs<'ctx> {
    /// The caller's positional arguments, used as they are when no keyword
    /// is given (the common case: nothing is copied).
    given: *const HPy,
    /// With keywords: the positional arguments, then the keyword values.
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
    /// be null or a dict open for the call.
    #[inline]
    pub unsafe fn new(ctx: Ctx<'ctx>, args: *const HPy, nargs: isize, kw: HPy) -> HPyResult<DictArgs<'ctx>> {
        let nargs = nargs.max(0) as usize;
        let raw = ctx.as_raw();
        // SAFETY: `kw` is null or an open dict.
        if kw.is_null() || unsafe { hpy_sys::HPy_Length(raw, kw) } <= 0 {
            return Ok(DictArgs { given: args, all: Vec::new(), nargs, kwnames: None, _held: Vec::new() });
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
        if self.kwnames.is_some() { self.all.as_ptr() } else { self.given }
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
}
