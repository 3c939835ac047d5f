//! Member and getset definitions for the fields of a `#[hpy_type]`.

use super::trampolines::{Erased, getter, setter};
use crate::class::{ClassCell, ClassLayout, HPyClass};
use crate::{Borrowed, Ctx, FromHPy, HPyErr, HPyResult, Handle};
use core::cell::Cell;
use core::ffi::CStr;
use hpy_sys::*;

/// The offset of a class's Rust value inside its instances' payload.
pub const fn value_offset<T: HPyClass>() -> usize {
    core::mem::offset_of!(ClassLayout<T>, cell) + ClassCell::<T>::VALUE_OFFSET
}

/// A field type that a member definition can read and write directly:
/// a `Cell` of a number (Python writes through the cell, so Rust code never
/// holds a plain reference to a value that changes under it).
///
/// # Safety
/// `KIND` must describe the memory of `Self` exactly.
pub unsafe trait SharedMemberField {
    /// The member type code.
    const KIND: HPyMember_FieldType;
}

/// A plain number field: only a read-only member of a `frozen` class (never
/// written by anyone, so sharing it with Python is sound).
///
/// # Safety
/// `KIND` must describe the memory of `Self` exactly.
pub unsafe trait MemberField {
    /// The member type code.
    const KIND: HPyMember_FieldType;
}

macro_rules! member_kinds {
    ($($t:ty => $kind:ident),* $(,)?) => {$(
        // SAFETY: the C member type has the size and representation of the Rust type.
        unsafe impl MemberField for $t {
            const KIND: HPyMember_FieldType = $kind;
        }
        // SAFETY: `Cell<T>` has the representation of `T`.
        unsafe impl SharedMemberField for Cell<$t> {
            const KIND: HPyMember_FieldType = $kind;
        }
    )*};
}

member_kinds! {
    i8 => HPyMember_BYTE,
    u8 => HPyMember_UBYTE,
    i16 => HPyMember_SHORT,
    u16 => HPyMember_USHORT,
    i32 => HPyMember_INT,
    u32 => HPyMember_UINT,
    i64 => HPyMember_LONGLONG,
    u64 => HPyMember_ULONGLONG,
    isize => HPyMember_HPYSSIZET,
    f32 => HPyMember_FLOAT,
    f64 => HPyMember_DOUBLE,
    bool => HPyMember_BOOL,
}

#[cfg(target_pointer_width = "64")]
member_kinds! { usize => HPyMember_ULONGLONG }
#[cfg(target_pointer_width = "32")]
member_kinds! { usize => HPyMember_UINT }

const fn c_ptr(text: Option<&'static CStr>) -> *const core::ffi::c_char {
    match text {
        Some(text) => text.as_ptr(),
        None => core::ptr::null(),
    }
}

/// A member definition.
///
/// # Safety
/// `offset` must be the payload offset of a field whose memory `kind`
/// describes.
pub const unsafe fn member_def(
    name: &'static CStr,
    kind: HPyMember_FieldType,
    offset: usize,
    readonly: bool,
    doc: Option<&'static CStr>,
) -> HPyDef {
    HPyDef {
        kind: HPyDef_Kind_Member,
        u: HPyDef_u {
            member: HPyMember {
                name: name.as_ptr(),
                type_: kind,
                offset: offset as isize,
                readonly: readonly as core::ffi::c_int,
                doc: c_ptr(doc),
            },
        },
    }
}

/// The target of a getset without a getter or without a setter.
pub struct NoImpl;

impl Erased for NoImpl {
    const ERASED: HPyCFunction = None;
    const SIG: Option<HPyFunc_Signature> = None;
}

/// Whether `sig` is `None` or `Some(expected)`.
const fn is_none_or(sig: Option<HPyFunc_Signature>, expected: HPyFunc_Signature) -> bool {
    match sig {
        None => true,
        Some(sig) => sig.0 == expected.0,
    }
}

/// A getset definition with getter `G` and setter `S` (either may be
/// [`NoImpl`]).
///
/// A getter of another signature than `HPyFunc_GETTER`, or a setter of
/// another than `HPyFunc_SETTER`, fails to compile.
pub const fn getset_def<G: Erased, S: Erased>(name: &'static CStr, doc: Option<&'static CStr>) -> HPyDef {
    assert!(is_none_or(G::SIG, HPyFunc_GETTER), "a getter must have the HPyFunc_GETTER signature");
    assert!(is_none_or(S::SIG, HPyFunc_SETTER), "a setter must have the HPyFunc_SETTER signature");
    HPyDef {
        kind: HPyDef_Kind_GetSet,
        u: HPyDef_u {
            getset: HPyGetSet {
                name: name.as_ptr(),
                getter_impl: G::ERASED,
                setter_impl: S::ERASED,
                getter_cpy_trampoline: if G::ERASED.is_some() { Some(getter::<G>) } else { None },
                setter_cpy_trampoline: if S::ERASED.is_some() { Some(setter::<S>) } else { None },
                doc: c_ptr(doc),
                closure: core::ptr::null_mut(),
            },
        },
    }
}

/// The value a setter received, borrowed for the call (`AttributeError`
/// on `del obj.name`).
///
/// # Safety
/// `raw` must be null or the value HPy passed to the setter.
pub unsafe fn setter_handle<'ctx>(ctx: Ctx<'ctx>, raw: HPy, name: &str) -> HPyResult<Borrowed<'ctx, 'ctx>> {
    if raw.is_null() {
        return Err(HPyErr::new_type::<crate::exceptions::AttributeError>(format!(
            "cannot delete attribute '{name}'"
        )));
    }
    // SAFETY: forwarded from the caller; the value is open for the call.
    Ok(unsafe { ctx.borrow_raw(raw) })
}

/// Converts the value a setter received (what [`setter_handle`] returned),
/// naming the attribute in the error; the result may borrow from it
/// (`&str`, `&Handle`).
pub fn setter_extract<'a, 'ctx, T: FromHPy<'a, 'ctx>>(value: &'a Handle<'ctx>, name: &str) -> HPyResult<T> {
    T::from_hpy(value).map_err(|e| e.with_subject(&format!("attribute '{name}'")))
}
