//! The arguments of a step: decoded from Python before any step runs (an
//! earlier step may leave an exception pending, and decoding calls HPy),
//! then turned into C values without calling HPy.
//!
//! From Python each argument is a pair `(tag, payload)`:
//! - `("v", obj)`: a value, read according to the parameter's C type;
//! - `("n", None)`: `NULL` (a null handle, pointer or zero);
//! - `("r", (step, out))`: the value (`out == -1`) or out-value `out` of an
//!   earlier step of the same run, borrowed;
//! - `("m", (step, out))`: the same, but the callee takes the handle over
//!   (`HPy_Close`, `HPyTracker_Add`), so the run will not close it.

use crate::value::{Recorded, Value};
use core::ffi::{c_char, c_void};
use hpy::prelude::*;
use hpy::sys::{HPy, HPy_NULL, HPy_ssize_t, wchar_t};

/// A Python value, read in every way a parameter might need it.
pub struct Payload<'ctx> {
    pub obj: Handle<'ctx>,
    pub int: Option<i128>,
    pub float: Option<f64>,
    pub bytes: Option<Vec<u8>>,
    pub items: Option<Vec<Payload<'ctx>>>,
}

impl<'ctx> Payload<'ctx> {
    pub fn decode(obj: Handle<'ctx>) -> HPyResult<Payload<'ctx>> {
        let ctx = obj.ctx();
        // An int too wide for any C parameter is only ever passed as an object.
        let int = if obj.is_instance(&ctx.long_type()) {
            obj.extract::<i128>().map_err(|e| e.clear(ctx)).ok()
        } else {
            None
        };
        let float = if obj.is_instance(&ctx.float_type()) { Some(obj.extract::<f64>()?) } else { None };
        let bytes =
            if obj.is_instance(&ctx.bytes_type()) { Some(obj.extract::<&[u8]>()?.to_vec()) } else { None };
        let items = if obj.is_instance(&ctx.tuple_type()) || obj.is_instance(&ctx.list_type()) {
            let handles: Vec<Handle<'ctx>> = obj.extract()?;
            Some(handles.into_iter().map(Payload::decode).collect::<HPyResult<_>>()?)
        } else {
            None
        };
        Ok(Payload { obj, int, float, bytes, items })
    }
}

/// One argument of a step.
pub enum Arg<'ctx> {
    Null,
    Ref { step: usize, out: Option<usize>, moved: bool },
    Value(Payload<'ctx>),
}

impl<'ctx> Arg<'ctx> {
    pub fn decode(pair: &Handle<'ctx>) -> HPyResult<Arg<'ctx>> {
        let (tag, payload): (String, Handle<'ctx>) = pair.extract()?;
        Ok(match tag.as_str() {
            "v" => Arg::Value(Payload::decode(payload)?),
            "n" => Arg::Null,
            "r" | "m" => {
                let (step, out): (usize, i64) = payload.extract()?;
                Arg::Ref { step, out: usize::try_from(out).ok(), moved: tag == "m" }
            }
            other => return Err(harness(format!("unknown argument tag {other:?}"))),
        })
    }
}

/// A harness error: the case asked for something the extension cannot do.
pub fn harness(message: String) -> HPyErr {
    hpy::exceptions::RuntimeError::new_err(format!("conformance harness: {message}"))
}

/// A buffer an out-parameter points to, read back after the call.
enum Out {
    /// A null pointer was passed: nothing to read.
    Null,
    Ssize(Box<HPy_ssize_t>),
    Pointer(Box<*mut c_void>),
    /// A handle array and the values it held before the call.
    Handles(Vec<HPy>, Vec<HPy>),
}

/// The arguments of one step, converted to C values on demand; the buffers
/// they point to live here until the step is recorded.
pub struct Args<'a, 'ctx> {
    step: &'a str,
    args: &'a [Arg<'ctx>],
    done: &'a mut [Recorded],
    errno: Option<i32>,
    wides: Vec<Vec<wchar_t>>,
    outs: Vec<Out>,
}

impl<'a, 'ctx> Args<'a, 'ctx> {
    pub fn new(step: &'a str, args: &'a [Arg<'ctx>], done: &'a mut [Recorded], errno: Option<i32>) -> Self {
        Args { step, args, done, errno, wides: Vec::new(), outs: Vec::new() }
    }

    fn error(&self, index: usize, what: &str) -> HPyErr {
        harness(format!("argument {index} of {}: {what}", self.step))
    }

    fn arg(&self, index: usize) -> HPyResult<&'a Arg<'ctx>> {
        self.args.get(index).ok_or_else(|| self.error(index, "missing"))
    }

    /// The payload of a value argument (for scenarios).
    pub fn payload(&self, index: usize) -> HPyResult<Option<&'a Payload<'ctx>>> {
        match self.arg(index)? {
            Arg::Value(p) => Ok(Some(p)),
            Arg::Null => Ok(None),
            Arg::Ref { .. } => Err(self.error(index, "a scenario takes no reference here")),
        }
    }

    /// A copy of the earlier result an argument refers to; a moved handle
    /// is no longer closed by the run.
    fn resolve(&mut self, index: usize, step: usize, out: Option<usize>, moved: bool) -> HPyResult<Resolved> {
        let missing = self.error(index, "refers to no earlier result");
        let recorded = self.done.get_mut(step).ok_or(missing)?;
        let value = match out {
            None => Some(&mut recorded.value),
            Some(k) => recorded.outs.get_mut(k),
        };
        let Some(value) = value else { return Err(self.error(index, "refers to no such out-value")) };
        let resolved = match &*value {
            Value::Handle(h) => Resolved::Handle(*h),
            Value::Int(i) => Resolved::Int(*i),
            Value::Float(f) => Resolved::Float(*f),
            Value::Pointer(p) => Resolved::Int(*p as i128),
            Value::CStr(Some(bytes)) => Resolved::Bytes(bytes.clone()),
            Value::CStr(None) => Resolved::Int(0),
            _ => return Err(self.error(index, "refers to a result with no value")),
        };
        if moved {
            if !matches!(resolved, Resolved::Handle(_)) {
                return Err(self.error(index, "only a handle can be moved"));
            }
            *value = Value::Moved;
        }
        Ok(resolved)
    }

    fn resolved(&mut self, index: usize) -> HPyResult<Option<Resolved>> {
        match self.arg(index)? {
            Arg::Ref { step, out, moved } => self.resolve(index, *step, *out, *moved).map(Some),
            _ => Ok(None),
        }
    }

    /// An `HPy` parameter: the object, `HPy_NULL` or an earlier handle.
    pub fn handle(&mut self, index: usize) -> HPyResult<HPy> {
        match self.resolved(index)? {
            Some(Resolved::Handle(h)) => return Ok(h),
            Some(_) => return Err(self.error(index, "an HPy parameter needs a handle")),
            None => {}
        }
        Ok(match self.arg(index)? {
            Arg::Value(p) => p.obj.as_raw(),
            _ => HPy_NULL,
        })
    }

    /// An integer parameter (also an enum or a one-word opaque value).
    pub fn int<T: TryFrom<i128>>(&mut self, index: usize) -> HPyResult<T> {
        let value = match self.resolved(index)? {
            Some(Resolved::Int(i)) => i,
            Some(Resolved::Handle(h)) => h._i as i128,
            Some(_) => return Err(self.error(index, "an integer parameter needs an int")),
            None => match self.arg(index)? {
                Arg::Value(Payload { int: Some(i), .. }) => *i,
                Arg::Value(_) => return Err(self.error(index, "an integer parameter needs an int")),
                _ => 0,
            },
        };
        T::try_from(value).map_err(|_| self.error(index, "out of the parameter's range"))
    }

    /// A `double` parameter (an int is converted).
    pub fn float(&mut self, index: usize) -> HPyResult<f64> {
        if let Some(Resolved::Float(f)) = self.resolved(index)? {
            return Ok(f);
        }
        match self.arg(index)? {
            Arg::Value(Payload { float: Some(f), .. }) => Ok(*f),
            Arg::Value(Payload { int: Some(i), .. }) => Ok(*i as f64),
            _ => Err(self.error(index, "a double parameter needs a float")),
        }
    }

    /// A `bool` parameter.
    pub fn boolean(&mut self, index: usize) -> HPyResult<bool> {
        Ok(self.int::<i128>(index)? != 0)
    }

    /// A `const char *` parameter: a NUL-terminated copy of bytes.
    pub fn c_str(&mut self, index: usize) -> HPyResult<*const c_char> {
        let bytes = match self.resolved(index)? {
            Some(Resolved::Bytes(b)) => b,
            Some(Resolved::Int(p)) => return Ok(p as usize as *const c_char),
            Some(_) => return Err(self.error(index, "a char * parameter needs bytes")),
            None => match self.arg(index)? {
                Arg::Value(Payload { bytes: Some(b), .. }) => b.clone(),
                Arg::Value(_) => return Err(self.error(index, "a char * parameter needs bytes")),
                _ => return Ok(core::ptr::null()),
            },
        };
        let mut buffer = bytes;
        buffer.push(0);
        // Leaked on purpose: a callee may keep the pointer (a capsule keeps
        // its name, a type its spec's strings).
        Ok(Box::leak(buffer.into_boxed_slice()).as_ptr().cast())
    }

    /// An `HPy *` parameter: a sequence of objects (an input array), or an
    /// int n (n null out-slots).
    pub fn handles(&mut self, index: usize) -> HPyResult<*mut HPy> {
        let slots: Vec<HPy> = match self.arg(index)? {
            Arg::Null => return Ok(core::ptr::null_mut()),
            Arg::Value(Payload { items: Some(items), .. }) => items.iter().map(|p| p.obj.as_raw()).collect(),
            Arg::Value(Payload { int: Some(n), .. }) => {
                vec![HPy_NULL; usize::try_from(*n).map_err(|_| self.error(index, "negative slot count"))?]
            }
            _ => return Err(self.error(index, "an HPy * parameter needs a sequence or a slot count")),
        };
        self.outs.push(Out::Handles(slots.clone(), slots));
        match self.outs.last_mut() {
            Some(Out::Handles(slots, _)) => Ok(slots.as_mut_ptr()),
            _ => unreachable!("just pushed"),
        }
    }

    /// An `HPy_ssize_t *` in/out parameter: its initial value.
    pub fn ssize_cell(&mut self, index: usize) -> HPyResult<*mut HPy_ssize_t> {
        if let Arg::Null = self.arg(index)? {
            self.outs.push(Out::Null);
            return Ok(core::ptr::null_mut());
        }
        let mut cell = Box::new(self.int::<HPy_ssize_t>(index)?);
        let p: *mut HPy_ssize_t = &mut *cell;
        self.outs.push(Out::Ssize(cell));
        Ok(p)
    }

    /// A `void **` in/out parameter: its initial value.
    pub fn ptr_cell(&mut self, index: usize) -> HPyResult<*mut *mut c_void> {
        if let Arg::Null = self.arg(index)? {
            self.outs.push(Out::Null);
            return Ok(core::ptr::null_mut());
        }
        let mut cell = Box::new(self.int::<usize>(index)? as *mut c_void);
        let p: *mut *mut c_void = &mut *cell;
        self.outs.push(Out::Pointer(cell));
        Ok(p)
    }

    /// A `const wchar_t *` parameter: a NUL-terminated array of code units.
    pub fn wide(&mut self, index: usize) -> HPyResult<*const wchar_t> {
        let units: Vec<wchar_t> = match self.arg(index)? {
            Arg::Null => return Ok(core::ptr::null()),
            Arg::Value(Payload { items: Some(items), .. }) => items
                .iter()
                .map(|p| p.int.and_then(|i| wchar_t::try_from(i).ok()))
                .collect::<Option<_>>()
                .ok_or_else(|| self.error(index, "code units must be ints in range"))?,
            _ => return Err(self.error(index, "a wchar_t * parameter needs a sequence of ints")),
        };
        let mut buffer = units;
        buffer.push(0);
        self.wides.push(buffer);
        Ok(self.wides.last().expect("just pushed").as_ptr())
    }

    /// Any other pointer parameter: an address (an int).
    pub fn address<T>(&mut self, index: usize) -> HPyResult<*mut T> {
        Ok(self.int::<usize>(index)? as *mut T)
    }

    /// Sets `errno` if the step asks for it, right before the raw call.
    pub fn before_call(&self) {
        if let Some(code) = self.errno {
            hpy::set_errno(code);
        }
    }

    /// The out-values, read back after the call; a changed handle slot is
    /// a new handle the run owns.
    pub fn finish(self) -> Vec<Value> {
        let mut values = Vec::new();
        for out in self.outs {
            match out {
                Out::Null => values.push(Value::Void),
                Out::Ssize(cell) => values.push(Value::Int(*cell as i128)),
                Out::Pointer(cell) => values.push(Value::Pointer(*cell as usize)),
                Out::Handles(after, before) => values.extend(
                    after
                        .into_iter()
                        .zip(before)
                        .map(|(a, b)| if a._i == b._i { Value::Unchanged } else { Value::Handle(a) }),
                ),
            }
        }
        values
    }
}

/// A copy of an earlier result.
enum Resolved {
    Handle(HPy),
    Int(i128),
    Float(f64),
    Bytes(Vec<u8>),
}
