//! [`Buffer`]: Rust data shown to Python through the buffer protocol
//! (`memoryview(obj)`, `bytes(obj)`, NumPy...).

use crate::{HPyErr, HPyResult};
use core::cell::Cell;
use core::ffi::CStr;
use core::marker::PhantomData;

/// A number type a buffer can hold, with its `struct` format code.
///
/// # Safety
/// `FORMAT` must describe `Self`'s memory exactly (native order).
pub unsafe trait Element: Copy + 'static {
    /// The `struct` module format code.
    const FORMAT: &'static CStr;
}

macro_rules! elements {
    ($($t:ty => $f:literal),*) => {$(
        // SAFETY: the format code is the native C type of the same size.
        unsafe impl Element for $t {
            const FORMAT: &'static CStr = $f;
        }
    )*};
}

elements!(u8 => c"B", i8 => c"b", u16 => c"H", i16 => c"h", u32 => c"I", i32 => c"i", u64 => c"Q", i64 => c"q",
          f32 => c"f", f64 => c"d", bool => c"?");

/// What `__getbuffer__` returns: a view of data owned by the object.
///
/// The object stays borrowed while Python holds the view, so `&mut self`
/// methods fail until the view is released (as `bytearray` refuses to resize
/// while exported). Read-only buffers come from slices; writable ones from
/// slices of `Cell`s, since Python writes into them while Rust may read.
pub struct Buffer<'a> {
    pub(crate) data: *mut u8,
    pub(crate) count: usize,
    pub(crate) itemsize: usize,
    pub(crate) format: &'static CStr,
    pub(crate) shape: Vec<isize>,
    pub(crate) readonly: bool,
    _borrow: PhantomData<&'a [u8]>,
}

impl<'a> Buffer<'a> {
    /// A read-only, one-dimensional buffer over `data`.
    pub fn from_slice<E: Element>(data: &'a [E]) -> Buffer<'a> {
        Buffer::one_dimensional::<E>(data.as_ptr().cast_mut().cast(), data.len(), true)
    }

    /// A writable, one-dimensional buffer over `data`.
    pub fn from_cells<E: Element>(data: &'a [Cell<E>]) -> Buffer<'a> {
        // `Cell<E>` has the layout of `E`.
        Buffer::one_dimensional::<E>(data.as_ptr().cast_mut().cast(), data.len(), false)
    }

    fn one_dimensional<E: Element>(data: *mut u8, count: usize, readonly: bool) -> Buffer<'a> {
        Buffer {
            data,
            count,
            itemsize: core::mem::size_of::<E>(),
            format: E::FORMAT,
            shape: vec![count as isize],
            readonly,
            _borrow: PhantomData,
        }
    }

    /// The same data seen as a C-ordered (row-major) array of `shape`; the
    /// product of `shape` must be the number of items.
    pub fn with_shape(mut self, shape: &[usize]) -> HPyResult<Buffer<'a>> {
        let product: Option<usize> = shape.iter().try_fold(1usize, |acc, &n| acc.checked_mul(n));
        if product != Some(self.count) {
            return Err(HPyErr::new_type::<crate::exceptions::ValueError>(format!(
                "shape {shape:?} does not hold {} items",
                self.count
            )));
        }
        self.shape = shape.iter().map(|&n| n as isize).collect();
        Ok(self)
    }

    /// Makes the buffer read-only.
    pub fn readonly(mut self) -> Buffer<'a> {
        self.readonly = true;
        self
    }

    /// The strides of a C-ordered array of this shape.
    pub(crate) fn strides(&self) -> Vec<isize> {
        let mut strides = vec![0isize; self.shape.len()];
        let mut step = self.itemsize as isize;
        for (stride, &dim) in strides.iter_mut().zip(&self.shape).rev() {
            *stride = step;
            step *= dim.max(1);
        }
        strides
    }
}
