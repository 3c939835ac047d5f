//! Members and getsets. PyPy 7.3.19's HPy ignores the result of a getset's
//! setter (an exception it raises stays pending and surfaces at a later,
//! unrelated call), aborts the interpreter (`NotImplementedError` in
//! `W_HPyGetSetProperty.readonly_attribute`) when a getset without a setter
//! is assigned, and writes integer members without range checks (`i8` 300
//! becomes 44, `u64` refuses 2**63 and more).
//!
//! PyPy also loses the errors of getters (a getter that raises reads as
//! `None`, its exception left pending).
//!
//! On PyPy, each member and getset of a Rust class is replaced, once the
//! type exists, by a Python `property` whose setter and deleter go through
//! the methods `__hpy_rs_set__(index, value)` and `__hpy_rs_del__(index)`,
//! which run the getset's own setter, or write the member as CPython's
//! `PyMember_SetOne` does. A member is read by PyPy's own descriptor, which
//! does it right (and fast); a getset's getter runs through
//! `__hpy_rs_get__(index)`.

use crate::class::HPyClass;
use crate::exceptions::{AttributeError, TypeError};
use crate::ffi::shell::{Body, Shell};
use crate::impl_::sig;
use crate::impl_::trampolines::Target;
use crate::types::{Dict, SourceKind};
use crate::{Ctx, HPyErr, HPyResult, Handle, IntoHPy};
use core::ffi::{CStr, c_void};
use core::marker::PhantomData;
use hpy_sys::{HPy, HPyContext, HPyDef, HPyGetSet, HPyMember};

/// The attribute definitions of a class, in list order: their index is the
/// key the `__hpy_rs_*__` methods take.
fn attributes<T: HPyClass>() -> impl Iterator<Item = &'static HPyDef> {
    T::defines()
        .iter()
        .filter(|def| def.kind == hpy_sys::HPyDef_Kind_Member || def.kind == hpy_sys::HPyDef_Kind_GetSet)
}

const GET: i64 = 0;
const SET: i64 = 1;
const DELETE: i64 = 2;

/// Runs `mode` on attribute `index` of `this` (`value` null but to set).
///
/// # Safety
/// `this`, `index` and `value` (unless null) must be handles open for the
/// call, `this` an instance of `T`.
unsafe fn access<T: HPyClass>(ctx: Ctx<'_>, this: HPy, index: HPy, mode: i64, value: HPy) -> HPyResult<HPy> {
    // SAFETY: forwarded from the caller.
    let index: usize = unsafe { crate::Borrowed::from_raw(ctx, index) }.extract()?;
    let def = attributes::<T>()
        .nth(index)
        .ok_or_else(|| HPyErr::new_type::<TypeError>("no attribute with this index"))?;
    // SAFETY: as above.
    let this = unsafe { crate::Borrowed::from_raw(ctx, this) };
    if def.kind == hpy_sys::HPyDef_Kind_GetSet {
        // SAFETY: the definition is a getset.
        return getset::<T>(ctx, unsafe { &def.u.getset }, &this, mode, value);
    }
    // SAFETY: the definition is a member.
    member::<T>(ctx, unsafe { &def.u.member }, &this, mode, value)
}

/// The raw handle a method of `__hpy_rs_*__` returns to HPy.
fn returned(value: Handle<'_>) -> HPy {
    // SAFETY: the handle goes back to HPy, which takes ownership of the
    // result of a method; nothing else uses or closes it.
    unsafe { value.into_raw() }
}

/// Runs a getset's getter or setter (a null value deletes).
fn getset<T: HPyClass>(
    ctx: Ctx<'_>,
    def: &HPyGetSet,
    this: &Handle<'_>,
    mode: i64,
    value: HPy,
) -> HPyResult<HPy> {
    if mode == GET {
        let getter =
            def.getter_impl.ok_or_else(|| HPyErr::new_type::<AttributeError>("unreadable attribute"))?;
        // SAFETY: a getset's getter has the `HPyFunc_GETTER` signature.
        let getter: unsafe extern "C" fn(*mut HPyContext, HPy, *mut c_void) -> HPy =
            unsafe { core::mem::transmute(getter) };
        // SAFETY: the getter of `T`'s type, called with an instance of it.
        let value = unsafe { ctx.wrap(getter(ctx.as_raw(), this.as_raw(), def.closure)) }?;
        return Ok(returned(value));
    }
    let Some(setter) = def.setter_impl else {
        // SAFETY: a definition's name is a NUL-terminated static string.
        let name = unsafe { CStr::from_ptr(def.name) }.to_string_lossy();
        let ty = crate::class::type_object::<T>(ctx)?;
        let module: String = ty.getattr("__module__")?.extract()?;
        return Err(HPyErr::new_type::<AttributeError>(format!(
            "attribute '{name}' of '{module}.{}' objects is not writable",
            T::NAME
        )));
    };
    // SAFETY: a getset's setter has the `HPyFunc_SETTER` signature.
    let setter: unsafe extern "C" fn(*mut HPyContext, HPy, HPy, *mut c_void) -> core::ffi::c_int =
        unsafe { core::mem::transmute(setter) };
    // SAFETY: the setter of `T`'s type, with an instance and a value (or null).
    if unsafe { setter(ctx.as_raw(), this.as_raw(), value, def.closure) } < 0 {
        return Err(HPyErr::fetch());
    }
    Ok(returned(ctx.none().to_owned()))
}

/// Reads or writes a member as CPython does.
fn member<T: HPyClass>(
    ctx: Ctx<'_>,
    def: &HPyMember,
    this: &Handle<'_>,
    mode: i64,
    value: HPy,
) -> HPyResult<HPy> {
    // SAFETY: `this` is an instance of `T`, whose payload the member's
    // offset is relative to.
    let payload = unsafe { crate::class::payload::payload::<T>(this) }?;
    // SAFETY: the offset of a member of `T` lies in its payload.
    let at = unsafe { payload.cast::<u8>().offset(def.offset) };
    if mode == GET {
        // SAFETY: the member's type describes the memory at its offset.
        return unsafe { read_member(ctx, def.type_, at) }.map(returned);
    }
    if def.readonly != 0 {
        return Err(HPyErr::new_type::<AttributeError>("readonly attribute"));
    }
    if value.is_null() {
        return Err(HPyErr::new_type::<TypeError>("can't delete numeric/char attribute"));
    }
    // SAFETY: the value is open for the call.
    let value = unsafe { crate::Borrowed::from_raw(ctx, value) };
    // SAFETY: as for reading; members are only written through cells.
    unsafe { write_member(def.type_, at, &value) }?;
    Ok(returned(ctx.none().to_owned()))
}

/// The value of a member of type `kind` at `at`.
///
/// # Safety
/// `at` must point to a value of the member type `kind`.
unsafe fn read_member<'ctx>(
    ctx: Ctx<'ctx>,
    kind: hpy_sys::HPyMember_FieldType,
    at: *const u8,
) -> HPyResult<Handle<'ctx>> {
    // SAFETY: forwarded from the caller, for each kind.
    unsafe {
        match kind {
            hpy_sys::HPyMember_BYTE => at.cast::<i8>().read().into_hpy(ctx),
            hpy_sys::HPyMember_UBYTE => at.read().into_hpy(ctx),
            hpy_sys::HPyMember_SHORT => at.cast::<i16>().read_unaligned().into_hpy(ctx),
            hpy_sys::HPyMember_USHORT => at.cast::<u16>().read_unaligned().into_hpy(ctx),
            hpy_sys::HPyMember_INT => at.cast::<i32>().read_unaligned().into_hpy(ctx),
            hpy_sys::HPyMember_UINT => at.cast::<u32>().read_unaligned().into_hpy(ctx),
            hpy_sys::HPyMember_LONGLONG => at.cast::<i64>().read_unaligned().into_hpy(ctx),
            hpy_sys::HPyMember_ULONGLONG => at.cast::<u64>().read_unaligned().into_hpy(ctx),
            hpy_sys::HPyMember_HPYSSIZET => at.cast::<isize>().read_unaligned().into_hpy(ctx),
            hpy_sys::HPyMember_FLOAT => f64::from(at.cast::<f32>().read_unaligned()).into_hpy(ctx),
            hpy_sys::HPyMember_DOUBLE => at.cast::<f64>().read_unaligned().into_hpy(ctx),
            hpy_sys::HPyMember_BOOL => (at.read() != 0).into_hpy(ctx),
            _ => Err(HPyErr::new_type::<TypeError>("a member type the crate does not define")),
        }
    }
}

/// Warns as CPython does when a member write truncates.
fn truncated(value: &Handle<'_>, message: &'static str) -> HPyResult<()> {
    let ctx = value.ctx();
    let category = ctx.runtime_warning().to_owned().downcast::<crate::types::Type<'_>>()?;
    ctx.warn(&category, message, 1)
}

/// The native bytes of a value, for a member of its size.
fn bytes<const N: usize>(value: [u8; N]) -> ([u8; 8], usize) {
    let mut out = [0; 8];
    out[..N].copy_from_slice(&value);
    (out, N)
}

/// Converts `value` for a member of type `kind`, truncating and warning as
/// CPython 3.11's `PyMember_SetOne` does: the bytes to store.
fn member_bytes(kind: hpy_sys::HPyMember_FieldType, value: &Handle<'_>) -> HPyResult<([u8; 8], usize)> {
    let ctx = value.ctx();
    macro_rules! narrow {
        ($t:ty, $what:literal) => {{
            let long = value.as_i64()?;
            if <$t>::try_from(long).is_err() {
                truncated(value, concat!("Truncation of value to ", $what))?;
            }
            bytes((long as $t).to_ne_bytes())
        }};
    }
    Ok(match kind {
        hpy_sys::HPyMember_BOOL => {
            if !value.is(&ctx.true_()) && !value.is(&ctx.false_()) {
                return Err(HPyErr::new_type::<TypeError>("attribute value type must be bool"));
            }
            bytes([u8::from(value.is(&ctx.true_()))])
        }
        hpy_sys::HPyMember_BYTE => narrow!(i8, "char"),
        hpy_sys::HPyMember_UBYTE => narrow!(u8, "unsigned char"),
        hpy_sys::HPyMember_SHORT => narrow!(i16, "short"),
        hpy_sys::HPyMember_USHORT => narrow!(u16, "unsigned short"),
        hpy_sys::HPyMember_INT => narrow!(i32, "int"),
        hpy_sys::HPyMember_UINT => {
            let long = match value.as_u64() {
                Ok(v) => v,
                Err(err) => {
                    err.clear(ctx);
                    let v = value.as_i64()?;
                    truncated(value, "Writing negative value into unsigned field")?;
                    v as u64
                }
            };
            if u32::try_from(long).is_err() {
                truncated(value, "Truncation of value to unsigned int")?;
            }
            bytes((long as u32).to_ne_bytes())
        }
        hpy_sys::HPyMember_LONGLONG => bytes(value.as_i64()?.to_ne_bytes()),
        hpy_sys::HPyMember_ULONGLONG => match value.is_int_instance() {
            true => bytes(value.as_u64()?.to_ne_bytes()),
            false => bytes((value.as_i64()? as u64).to_ne_bytes()),
        },
        hpy_sys::HPyMember_HPYSSIZET => bytes(value.as_isize()?.to_ne_bytes()),
        hpy_sys::HPyMember_FLOAT => bytes((value.as_f64()? as f32).to_ne_bytes()),
        hpy_sys::HPyMember_DOUBLE => bytes(value.as_f64()?.to_ne_bytes()),
        _ => return Err(HPyErr::new_type::<TypeError>("a member type the crate does not define")),
    })
}

/// Writes `value` into a member of type `kind` at `at`.
///
/// # Safety
/// `at` must point to a value of the member type `kind` that only cells
/// (never references) give Rust code access to.
unsafe fn write_member(kind: hpy_sys::HPyMember_FieldType, at: *mut u8, value: &Handle<'_>) -> HPyResult<()> {
    let (data, len) = member_bytes(kind, value)?;
    // SAFETY: forwarded from the caller: `len` is the size of the member.
    unsafe { core::ptr::copy_nonoverlapping(data.as_ptr(), at, len) };
    Ok(())
}

/// `self.__hpy_rs_get__(index)`.
struct Get<T>(PhantomData<T>);

/// `self.__hpy_rs_del__(index)`.
struct Delete<T>(PhantomData<T>);

/// `self.__hpy_rs_set__(index, value)`.
struct Set<T>(PhantomData<T>);

// SAFETY: the body returns a new handle (`returned`) or an error.
unsafe impl<T: HPyClass> Body<sig::O> for Get<T> {
    unsafe fn call(ctx: Ctx<'_>, (this, index): (HPy, HPy)) -> HPyResult<HPy> {
        // SAFETY: the method's own arguments.
        unsafe { access::<T>(ctx, this, index, GET, hpy_sys::HPy_NULL) }
    }
}

// SAFETY: as above.
unsafe impl<T: HPyClass> Body<sig::O> for Delete<T> {
    unsafe fn call(ctx: Ctx<'_>, (this, index): (HPy, HPy)) -> HPyResult<HPy> {
        // SAFETY: the method's own arguments.
        unsafe { access::<T>(ctx, this, index, DELETE, hpy_sys::HPy_NULL) }
    }
}

// SAFETY: as above.
unsafe impl<T: HPyClass> Body<sig::Varargs> for Set<T> {
    unsafe fn call(ctx: Ctx<'_>, (this, args, nargs): (HPy, *const HPy, usize)) -> HPyResult<HPy> {
        if nargs != 2 {
            return Err(HPyErr::new_type::<TypeError>("__hpy_rs_set__(index, value)"));
        }
        // SAFETY: the method's own arguments: `args` holds two handles.
        unsafe { access::<T>(ctx, this, *args, SET, *args.add(1)) }
    }
}

// SAFETY: the implementations are the shells running the bodies above.
unsafe impl<T: HPyClass> Target for Get<T> {
    type Sig = sig::O;
    const IMPL: <sig::O as crate::impl_::Signature>::Impl = <sig::O as Shell<Self>>::SHELL;
}

// SAFETY: as above.
unsafe impl<T: HPyClass> Target for Delete<T> {
    type Sig = sig::O;
    const IMPL: <sig::O as crate::impl_::Signature>::Impl = <sig::O as Shell<Self>>::SHELL;
}

// SAFETY: as above.
unsafe impl<T: HPyClass> Target for Set<T> {
    type Sig = sig::Varargs;
    const IMPL: <sig::Varargs as crate::impl_::Signature>::Impl = <sig::Varargs as Shell<Self>>::SHELL;
}

/// The methods `__hpy_rs_get__`, `__hpy_rs_set__` and `__hpy_rs_del__`,
/// for a class with members or getsets.
pub(crate) fn add_attribute_method<T: HPyClass>(list: &mut Vec<&'static HPyDef>) {
    let needed = list
        .iter()
        .any(|def| def.kind == hpy_sys::HPyDef_Kind_Member || def.kind == hpy_sys::HPyDef_Kind_GetSet);
    if needed {
        let defs = [
            crate::impl_::meth_def::<Get<T>>(c"__hpy_rs_get__", None),
            crate::impl_::meth_def::<Set<T>>(c"__hpy_rs_set__", None),
            crate::impl_::meth_def::<Delete<T>>(c"__hpy_rs_del__", None),
        ];
        list.extend(defs.into_iter().map(|def| &*Box::leak(Box::new(def))));
    }
}

// A member is read by PyPy's own descriptor (`native`), which reads it right
// (and fast); a getset's getter, whose errors PyPy loses, through the crate.
const HELPER: &str = "\
def attribute(index, doc, readable, native):
    if native is not None:
        getter = native.__get__
    elif readable:
        getter = lambda obj: obj.__hpy_rs_get__(index)
    else:
        getter = None
    return property(
        getter,
        lambda obj, value: obj.__hpy_rs_set__(index, value),
        lambda obj: obj.__hpy_rs_del__(index),
        doc,
    )
";

/// Replaces PyPy's descriptors of `T`'s members and getsets on its type
/// `ty`.
pub(crate) fn install_attributes<T: HPyClass>(ty: &Handle<'_>) -> HPyResult<()> {
    let ctx = ty.ctx();
    let mut helper = None;
    for (index, def) in attributes::<T>().enumerate() {
        let helper = match &mut helper {
            Some(helper) => helper,
            none => none.insert(make_helper(ctx)?),
        };
        // SAFETY: the kind says which member of the union is set.
        let (name, doc, readable) = unsafe {
            match def.kind == hpy_sys::HPyDef_Kind_Member {
                true => (def.u.member.name, def.u.member.doc, true),
                false => (def.u.getset.name, def.u.getset.doc, def.u.getset.getter_impl.is_some()),
            }
        };
        // SAFETY: definitions hold NUL-terminated static strings (or null docs).
        let (name, doc) = unsafe { (CStr::from_ptr(name), (!doc.is_null()).then(|| CStr::from_ptr(doc))) };
        let doc = match doc {
            Some(doc) => doc.to_str().unwrap_or_default().into_hpy(ctx)?,
            None => ctx.none().to_owned(),
        };
        let native = match def.kind == hpy_sys::HPyDef_Kind_Member {
            true => ty.getattr("__dict__")?.get_item(name.to_str().unwrap_or_default())?,
            false => ctx.none().to_owned(),
        };
        let property = helper.call((index, &doc, readable, &native))?;
        ty.setattr(name.to_str().unwrap_or_default(), &property)?;
    }
    Ok(())
}

fn make_helper<'ctx>(ctx: Ctx<'ctx>) -> HPyResult<Handle<'ctx>> {
    let globals = Dict::new(ctx)?;
    globals.set_item("__builtins__", ctx.builtins())?;
    ctx.compile(HELPER, "<hpy-rs: PyPy attributes>", SourceKind::File)?.eval(&globals, None)?;
    globals.get_item("attribute")
}
