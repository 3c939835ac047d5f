//! The buffer slots (`bf_getbuffer`, `bf_releasebuffer`) of a class with
//! `__getbuffer__`.

use crate::class::{Buffer, HPyClass};
use crate::{Ctx, HPyErr, HPyResult};
use core::ffi::c_int;
use hpy_sys::{HPy, HPy_buffer};

const WRITABLE: c_int = 0x0001;
const FORMAT: c_int = 0x0004;
const ND: c_int = 0x0008;
const STRIDES: c_int = 0x0010 | ND;
const F_CONTIGUOUS: c_int = 0x0040 | STRIDES;

/// The shape and strides a view points to, freed on release.
struct ViewData {
    shape: Vec<isize>,
    strides: Vec<isize>,
}

/// `bf_getbuffer` (the body its shell runs): fills `view` with the buffer
/// `get` returns, keeping the object shared-borrowed until the view is
/// released.
///
/// # Safety
/// The arguments must be those HPy passed to the slot of `T`'s type.
pub unsafe fn get_buffer<T: HPyClass>(
    ctx: Ctx<'_>,
    raw_self: HPy,
    view: *mut HPy_buffer,
    flags: c_int,
    get: impl for<'a> FnOnce(&'a T) -> HPyResult<Buffer<'a>>,
) -> HPyResult<c_int> {
    // SAFETY: HPy passes an instance of the class.
    let this = unsafe { super::receiver::<T>(ctx, raw_self) }?;
    let guard = this.borrow()?;
    let buffer = get(&guard)?;
    if flags & WRITABLE != 0 && buffer.readonly {
        return Err(HPyErr::new_type::<crate::exceptions::BufferError>("Object is not writable."));
    }
    if flags & F_CONTIGUOUS == F_CONTIGUOUS && buffer.shape.len() > 1 {
        return Err(HPyErr::new_type::<crate::exceptions::BufferError>(
            "the buffer is C-contiguous, not Fortran-contiguous",
        ));
    }
    let data = Box::new(ViewData { strides: buffer.strides(), shape: buffer.shape.clone() });
    // SAFETY: `view` is the struct HPy gave us to fill.
    let view = unsafe { &mut *view };
    view.buf = buffer.data.cast();
    // SAFETY: the view owns this handle; HPy closes it when the view is released.
    view.obj = unsafe { this.dup().into_raw() };
    view.len = (buffer.count * buffer.itemsize) as isize;
    view.itemsize = buffer.itemsize as isize;
    view.readonly = c_int::from(buffer.readonly);
    // Without a shape (no PyBUF_ND), the consumer sees `len` bytes in one
    // dimension (PEP 3118); PyPy crashes on more dimensions and no shape.
    view.ndim = if flags & ND == ND { buffer.shape.len() as c_int } else { 1 };
    view.format = if flags & FORMAT != 0 { buffer.format.as_ptr().cast_mut() } else { core::ptr::null_mut() };
    view.shape = if flags & ND == ND { data.shape.as_ptr().cast_mut() } else { core::ptr::null_mut() };
    view.strides =
        if flags & STRIDES == STRIDES { data.strides.as_ptr().cast_mut() } else { core::ptr::null_mut() };
    view.suboffsets = core::ptr::null_mut();
    let internal = Box::into_raw(data).cast();
    if crate::runtime::is_pypy() {
        // PyPy releases another `HPy_buffer` than this one.
        crate::runtime::pypy::keep_view(view.buf, internal);
    } else {
        view.internal = internal;
    }
    // The view keeps the object borrowed: released by `release_buffer`.
    guard.leak();
    Ok(0)
}

/// `bf_releasebuffer` (the body its shell runs): frees what the view
/// pointed to and ends its borrow.
///
/// # Safety
/// The arguments must be those HPy passed to the slot, for a view filled by
/// [`get_buffer`].
pub unsafe fn release_buffer<T: HPyClass>(ctx: Ctx<'_>, raw_self: HPy, view: *mut HPy_buffer) {
    // SAFETY: as above; `self` is an instance of the class, with a payload
    // since `get_buffer` succeeded on it.
    let Ok(this) = (unsafe { super::receiver::<T>(ctx, raw_self) }) else { return };
    let internal = match crate::runtime::is_pypy() {
        // SAFETY: HPy passes a readable view; PyPy sets its `buf`.
        true => crate::runtime::pypy::take_view(unsafe { (*view).buf }),
        // SAFETY: `internal` was set by `get_buffer` to a leaked `ViewData`.
        false => unsafe { core::mem::replace(&mut (*view).internal, core::ptr::null_mut()) },
    };
    if !internal.is_null() {
        // SAFETY: created by `Box::into_raw` in `get_buffer`, freed once.
        drop(unsafe { Box::from_raw(internal.cast::<ViewData>()) });
        // SAFETY: `get_buffer` leaked exactly one shared borrow for this view.
        unsafe { this.cell().release_leaked_borrow() };
    }
}
