//! Steps for the members whose parameters a generic call cannot build:
//! type specs with their definitions, a capsule destructor, a per-object
//! call function, leaving and re-entering Python, the CPython trampoline
//! entry point; and a few helpers (memory reads and writes, the address of
//! a module global, the context slots that are null).
//!
//! Every step calls the member under test raw and records its result like a
//! generic call, so a value returned with an exception still shows.

use crate::args::{Args, harness};
use crate::value::Value;
use core::ffi::{CStr, c_char, c_int, c_void};
use core::sync::atomic::{AtomicUsize, Ordering};
use hpy::impl_::erase;
use hpy::impl_::sig;
use hpy::impl_::slot_def;
use hpy::impl_::trampolines::{Signature, Target, capsule_destructor, keywords};
use hpy::prelude::*;
use hpy::sys::*;

/// Runs scenario `name` (they start with `@`); `None` for another name.
pub fn call(ctx: Ctx<'_>, name: &str, args: &mut Args<'_, '_>) -> Option<HPyResult<Value>> {
    let raw = ctx.as_raw();
    Some(match name {
        "@peek" => args.address::<isize>(0).map(|p| {
            // SAFETY: the case passes the address of a word it owns.
            Value::Int(unsafe { p.read() } as i128)
        }),
        "@poke" => (|| {
            let p = args.address::<isize>(0)?;
            let value = args.int::<isize>(1)?;
            // SAFETY: the case passes the address of a word it owns.
            unsafe { p.write(value) };
            Ok(Value::Void)
        })(),
        "@global" => Ok(Value::Pointer(crate::conformance::GLOBAL.as_ptr() as usize)),
        "@null_slots" => Ok(null_slots(raw)),
        "@type_from_spec" => crate::specs::type_from_spec(ctx, args),
        "@capsule_destructor" => capsule_with_destructor(raw, args),
        "@destructor_calls" => Ok(Value::Int(DESTRUCTOR_CALLS.load(Ordering::SeqCst) as i128)),
        "@set_call_function" => args.handle(0).map(|h| {
            args.before_call();
            // SAFETY: a live context and an open handle; the call function is static.
            let r = unsafe { HPy_SetCallFunction(raw, h, (&raw const OBJECT_CALL).cast_mut()) };
            Value::Int(r as i128)
        }),
        "@leave_reenter" => {
            args.before_call();
            // SAFETY: nothing touches Python between leaving and re-entering.
            let state = unsafe { HPy_LeavePythonExecution(raw) };
            // SAFETY: the state the matching leave returned.
            unsafe { HPy_ReenterPythonExecution(raw, state) };
            Ok(Value::Int((state._i != 0) as i128))
        }
        "@trampoline" => trampoline(raw, args),
        _ => return None,
    })
}

/// The function members whose slot is null in the context, comma-separated.
fn null_slots(ctx: *mut HPyContext) -> Value {
    let layout = hpy::sys::layout::current();
    let index = hpy::sys::layout::KNOWN.iter().position(|l| l.name == layout.name).unwrap_or(0);
    let mut null = Vec::new();
    for (field, offset) in crate::generated::members::OFFSETS {
        let offset =
            hpy::sys::layout::MOVED.iter().find(|(f, _)| f == field).map_or(*offset, |(_, o)| o[index]);
        // SAFETY: `offset` is a member's offset in the layout of this live context.
        let slot = unsafe { ctx.cast::<u8>().add(offset).cast::<usize>().read() };
        if slot == 0 {
            null.push(*field);
        }
    }
    Value::CStr(Some(null.join(",").into_bytes()))
}

/// How many times the destructor of `@capsule_destructor` ran.
static DESTRUCTOR_CALLS: AtomicUsize = AtomicUsize::new(0);

unsafe extern "C" fn count_destruction(_name: *const c_char, _pointer: *mut c_void, _context: *mut c_void) {
    DESTRUCTOR_CALLS.fetch_add(1, Ordering::SeqCst);
}

struct CountDestruction;
// SAFETY: the implementation has the capsule-destructor signature.
unsafe impl Target for CountDestruction {
    type Sig = sig::CapsuleDestructor;
    const IMPL: <Self::Sig as Signature>::Impl = count_destruction;
}

static DESTRUCTOR: HPyCapsule_Destructor = HPyCapsule_Destructor {
    cpy_trampoline: Some(capsule_destructor::<CountDestruction>),
    impl_: Some(count_destruction),
};

/// A capsule of `(pointer, name)` whose destructor counts its calls.
fn capsule_with_destructor(ctx: *mut HPyContext, args: &mut Args<'_, '_>) -> HPyResult<Value> {
    let pointer = args.address::<c_void>(0)?;
    // The capsule keeps the name pointer: it must outlive the capsule.
    let name: *const c_char = match args.payload(1)? {
        Some(p) => {
            let bytes = p.bytes.clone().ok_or_else(|| harness("the name must be bytes".into()))?;
            let name = std::ffi::CString::new(bytes).map_err(|_| harness("a NUL in the name".into()))?;
            Box::leak(name.into_boxed_c_str()).as_ptr()
        }
        None => core::ptr::null(),
    };
    args.before_call();
    // SAFETY: a live context; the name and the destructor outlive the capsule.
    Ok(Value::Handle(unsafe { HPyCapsule_New(ctx, pointer, name, (&raw const DESTRUCTOR).cast_mut()) }))
}

/// What `@set_call_function` installs: a call answering `"object call"`.
unsafe extern "C" fn object_call(
    ctx: *mut HPyContext,
    _callable: HPy,
    _args: *const HPy,
    _n: usize,
    _kw: HPy,
) -> HPy {
    // SAFETY: the context of this call.
    unsafe { HPyUnicode_FromString(ctx, c"object call".as_ptr()) }
}

struct ObjectCall;
// SAFETY: the implementation has the keywords signature.
unsafe impl Target for ObjectCall {
    type Sig = sig::Keywords;
    const IMPL: <Self::Sig as Signature>::Impl = object_call;
}

static OBJECT_CALL: HPyCallFunction =
    HPyCallFunction { cpy_trampoline: Some(keywords::<ObjectCall>), impl_: Some(object_call) };

/// The implementation `@trampoline` asks the runtime to call: returns its
/// argument.
unsafe extern "C" fn identity(ctx: *mut HPyContext, this: HPy) -> HPy {
    // SAFETY: the context and argument of this call.
    unsafe { HPy_Dup(ctx, this) }
}

/// `_HPy_CallRealFunctionFromTrampoline` with `HPyFunc_NOARGS`, as a CPython
/// trampoline calls it, with `self` the `PyObject *` at the given address
/// (from `HPy_AsPyObject`); returns the `PyObject *` result.
fn trampoline(ctx: *mut HPyContext, args: &mut Args<'_, '_>) -> HPyResult<Value> {
    let this = args.address::<cpy_PyObject>(0)?;
    let mut packed = _HPyFunc_args_NOARGS { self_: this, result: core::ptr::null_mut() };
    args.before_call();
    // SAFETY: a live context; the argument struct matches the signature.
    unsafe {
        _HPy_CallRealFunctionFromTrampoline(
            ctx,
            HPyFunc_NOARGS,
            erase::<sig::Noargs>(identity),
            (&raw mut packed).cast(),
        )
    };
    Ok(Value::Pointer(packed.result as usize))
}

/// A `const char *` from a `CStr` literal, for the specs.
pub const fn c(text: &'static CStr) -> *const c_char {
    text.as_ptr()
}

/// The keywords implementation of the `call` spec's `HPy_tp_call`.
pub unsafe extern "C" fn type_call(
    ctx: *mut HPyContext,
    _callable: HPy,
    _args: *const HPy,
    _n: usize,
    _kw: HPy,
) -> HPy {
    // SAFETY: the context of this call.
    unsafe { HPyUnicode_FromString(ctx, c"type call".as_ptr()) }
}

pub struct TypeCall;
// SAFETY: the implementation has the keywords signature.
unsafe impl Target for TypeCall {
    type Sig = sig::Keywords;
    const IMPL: <Self::Sig as Signature>::Impl = type_call;
}

/// The traverse implementation of the `data` spec: one field at offset 0.
pub unsafe extern "C" fn traverse_field(
    this: *mut c_void,
    visit: HPyFunc_visitproc,
    arg: *mut c_void,
) -> c_int {
    let field = this.cast::<HPyField>();
    // SAFETY: `this` is the object's data, whose first word is an `HPyField`.
    if unsafe { field.read() }.is_null() {
        return 0;
    }
    // SAFETY: the visitor the runtime passed.
    visit.map_or(0, |visit| unsafe { visit(field, arg) })
}

pub struct TraverseField;
// SAFETY: the implementation has the traverseproc signature.
unsafe impl Target for TraverseField {
    type Sig = sig::Traverseproc;
    const IMPL: <Self::Sig as Signature>::Impl = traverse_field;
}

/// The slot definitions the specs use.
pub static CALL_DEF: HPyDef = slot_def::<hpy::impl_::slot::HPy_tp_call, TypeCall>();
pub static TRAVERSE_DEF: HPyDef = slot_def::<hpy::impl_::slot::HPy_tp_traverse, TraverseField>();
