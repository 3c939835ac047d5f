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
    /// product of `shape` must be the number of items (and, for an empty
    /// array, the strides must fit in an `isize`).
    pub fn with_shape(mut self, shape: &[usize]) -> HPyResult<Buffer<'a>> {
        let product: Option<usize> = shape.iter().try_fold(1usize, |acc, &n| acc.checked_mul(n));
        // The largest stride, `itemsize` times every dimension (at least 1).
        let extent = shape.iter().try_fold(self.itemsize, |acc, &n| acc.checked_mul(n.max(1)));
        if product != Some(self.count) || extent.is_none_or(|e| isize::try_from(e).is_err()) {
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

#[cfg(test)]
mod tests {
    use super::Buffer;
    use proptest::collection::vec;
    use proptest::prelude::*;

    proptest! {
        /// A shape is accepted iff it holds the items and its strides fit;
        /// the strides are then those of a C-ordered array.
        #[test]
        fn shapes_hold_the_items_with_c_ordered_strides(
            items in prop_oneof![Just(0usize), 1usize..64],
            shape in vec(prop_oneof![3 => 0usize..9, 1 => Just(usize::MAX), 1 => Just(isize::MAX as usize)], 0..5),
        ) {
            let data = vec![0f64; items];
            let product = shape.iter().try_fold(1usize, |acc, &n| acc.checked_mul(n));
            let extent = shape.iter().try_fold(8u128, |acc, &n| acc.checked_mul(n.max(1) as u128));
            let fits = extent.is_some_and(|e| e <= isize::MAX as u128);
            match Buffer::from_slice(&data).with_shape(&shape) {
                Ok(buffer) => {
                    prop_assert!(product == Some(items) && fits);
                    let strides = buffer.strides();
                    prop_assert_eq!(strides.len(), shape.len());
                    for (i, &stride) in strides.iter().enumerate() {
                        let expected = shape[i + 1..].iter().map(|&n| n.max(1)).product::<usize>() * 8;
                        prop_assert_eq!(stride as usize, expected);
                    }
                    prop_assert!(buffer.shape.iter().all(|&n| n >= 0));
                }
                Err(_) => prop_assert!(product != Some(items) || !fits),
            }
        }
    }
}
