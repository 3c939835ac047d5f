//! The work PyPy 7.3.19's HPy does differently from CPython's, done another
//! way on PyPy only, so that the safe API answers the same on both. Each
//! function here is called from the method it corrects, behind
//! [`is_pypy`](super::is_pypy); `docs/runtimes.md` lists the differences.

mod attributes;
mod buffers;
mod capsules;
mod classes;
mod errors;
mod numbers;
mod reflected;
mod strings;

pub(crate) use attributes::{add_attribute_method, install_attributes};
pub(crate) use buffers::{keep_view, take_view};
pub(crate) use capsules::NO_DESTRUCTOR;
pub(crate) use classes::{
    add_pickling_refusal, check_new_subtype, finalizer_bug, not_a_base, refuse_builtin_base,
    refuse_python_subclasses, strip_method_signatures,
};
pub(crate) use errors::{check_exception_class, new_exception};
pub(crate) use numbers::{
    as_f64, as_i32, as_i64, as_u32, as_u32_mask, as_u64_mask, as_void_ptr, is_number, long_as_f64,
};
pub(crate) use reflected::add_reflected;
pub(crate) use strings::{checked_utf8, decode_invalid_utf8, decode_object};

/// The most items PyPy's list and tuple builders are asked for: beyond,
/// PyPy 7.3.19 aborts (an RPython `AssertionError` in a later builder
/// call) where CPython raises `MemoryError`; 2**31 items would need 16 GiB.
pub(crate) const MAX_ITEMS: usize = 1 << 31;

/// The alignment PyPy 7.3.19 gives the data of an HPy object: its storage
/// is an 8-byte header followed by the data, in a block `malloc` aligns to
/// 16 bytes.
pub(crate) const PAYLOAD_ALIGN: usize = 8;

/// The error for a class whose value needs more alignment than PyPy gives.
pub(crate) fn over_aligned(class: &str) -> crate::HPyErr {
    crate::HPyErr::new_type::<crate::exceptions::TypeError>(format!(
        "{class} needs more than 8-byte alignment, more than PyPy 7.3.19's HPy gives an object's data: \
         keep the over-aligned data behind a `Box` to use it on PyPy"
    ))
}
