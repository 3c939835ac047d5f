//! What a raw call gave back, recorded without calling HPy, so that it can
//! be recorded while an exception is pending.

use core::ffi::{CStr, c_char};
use hpy::prelude::*;
use hpy::sys::{HPy, HPy_Close};

/// One result or out-value of a raw call.
#[derive(Debug, Clone)]
pub enum Value {
    /// The function returns nothing.
    Void,
    /// A handle the caller owns (null: `HPy_NULL`).
    Handle(HPy),
    /// A handle the callee took over (`HPy_Close`, `HPyTracker_Add`): no longer ours.
    Moved,
    /// An owned handle closed before its object could be seen (an
    /// exception was pending).
    Closed,
    /// A handle a failing call wrote into an out-slot: not trusted, not closed.
    Unowned,
    /// An input slot of a handle array that the call left alone.
    Unchanged,
    Int(i128),
    Float(f64),
    /// A copy of a C string (`None`: a null `char *`).
    CStr(Option<Vec<u8>>),
    /// An address (null: 0).
    Pointer(usize),
}

impl Value {
    /// Copies the C string a function returned.
    ///
    /// # Safety
    /// `p` must be null or point to a NUL-terminated string (what every
    /// function returning `const char *` promises).
    pub unsafe fn c_str(p: *const c_char) -> Value {
        if p.is_null() {
            return Value::CStr(None);
        }
        // SAFETY: non-null and NUL-terminated, by the caller's contract.
        Value::CStr(Some(unsafe { CStr::from_ptr(p) }.to_bytes().to_vec()))
    }

    /// The kind Python sees, and whether the value is a live handle.
    fn kind(&self) -> &'static str {
        match self {
            Value::Void => "void",
            Value::Handle(h) if h.is_null() => "null",
            Value::Handle(_) => "handle",
            Value::Closed => "closed",
            Value::Unowned => "unowned",
            Value::Moved => "moved",
            Value::Unchanged => "same",
            Value::Int(_) => "int",
            Value::Float(_) => "float",
            Value::CStr(None) => "cnull",
            Value::CStr(Some(_)) => "bytes",
            Value::Pointer(_) => "pointer",
        }
    }

    /// Closes an owned handle (allowed with an exception pending) and
    /// forgets it; the Python side then sees only that it was a handle.
    pub fn close(&mut self, ctx: Ctx<'_>) {
        if let Value::Handle(h) = *self
            && !h.is_null()
        {
            // SAFETY: an open handle this extension owns, closed once.
            unsafe { HPy_Close(ctx.as_raw(), h) };
            *self = Value::Closed;
        }
    }

    /// A copy for the record, without the handle (which stays with `self`).
    fn described(&self) -> Value {
        match self {
            Value::Handle(h) if !h.is_null() => Value::Closed,
            other => other.clone(),
        }
    }

    /// `(kind, value)` for Python; a handle is handed over (or, after
    /// [`Value::close`], given as `None`).
    pub fn into_py<'ctx>(self, ctx: Ctx<'ctx>) -> HPyResult<Handle<'ctx>> {
        let kind = self.kind();
        let value: Handle<'ctx> = match self {
            Value::Handle(h) if !h.is_null() => {
                // SAFETY: an open handle this extension owns; the `Handle` closes it.
                unsafe { Handle::from_raw(ctx, h) }
            }
            Value::Int(i) => i.into_hpy(ctx)?,
            Value::Float(f) => f.into_hpy(ctx)?,
            Value::CStr(Some(bytes)) => hpy::Bytes::new(ctx, &bytes)?.into_hpy(ctx)?,
            Value::Pointer(p) => p.into_hpy(ctx)?,
            _ => ().into_hpy(ctx)?,
        };
        (kind, value).into_hpy(ctx)
    }
}

/// The result of one step: its value and its out-values.
#[derive(Debug)]
pub struct Recorded {
    pub value: Value,
    pub outs: Vec<Value>,
}

impl Recorded {
    /// Closes every owned handle.
    pub fn close(&mut self, ctx: Ctx<'_>) {
        self.value.close(ctx);
        for out in &mut self.outs {
            out.close(ctx);
        }
    }

    /// A copy for the record, without its handles.
    pub fn described(&self) -> Recorded {
        Recorded { value: self.value.described(), outs: self.outs.iter().map(Value::described).collect() }
    }

    /// `(value, outs)` for Python.
    pub fn into_py<'ctx>(self, ctx: Ctx<'ctx>) -> HPyResult<Handle<'ctx>> {
        let Recorded { value, mut outs } = self;
        let value = match value.into_py(ctx) {
            Ok(v) => v,
            Err(e) => {
                outs.iter_mut().for_each(|o| o.close(ctx));
                return Err(e);
            }
        };
        let mut converted = Vec::with_capacity(outs.len());
        let mut rest = outs.into_iter();
        for out in rest.by_ref() {
            match out.into_py(ctx) {
                Ok(h) => converted.push(h),
                Err(e) => {
                    rest.for_each(|mut o| o.close(ctx));
                    return Err(e);
                }
            }
        }
        (value, converted).into_hpy(ctx)
    }
}
