//! [`Slice`]: a `slice` object, unpacked and adjusted to a length.

use super::view;
use crate::{HPyErr, HPyResult, Handle};

view!(
    /// A `slice` object, as `__getitem__` receives for `obj[a:b:c]`.
    Slice,
    "slice"
);

/// The indices a slice selects in a sequence of a given length, as Python's
/// `slice.indices(length)` gives them, with the number of items.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SliceIndices {
    /// The first index.
    pub start: isize,
    /// The index to stop before.
    pub stop: isize,
    /// The step, never zero.
    pub step: isize,
    /// How many items the slice selects.
    pub len: usize,
}

impl SliceIndices {
    /// The selected indices, in order.
    pub fn iter(&self) -> impl Iterator<Item = usize> + use<> {
        let (start, step) = (self.start, self.step);
        (0..self.len).map(move |i| (start + i as isize * step) as usize)
    }
}

/// Clamps `start` and `stop` (as [`Slice::unpack`] returns them) to a
/// sequence of `length` items, as HPy's `HPySlice_AdjustIndices` does.
///
/// # Panics
/// If `step` is zero (`unpack` never returns that).
pub fn adjust_indices(length: usize, start: isize, stop: isize, step: isize) -> SliceIndices {
    assert!(step != 0, "a slice step cannot be zero");
    let length = isize::try_from(length).unwrap_or(isize::MAX);
    // A negative bound counts from the end; what is still out of range is
    // clamped to just before the start (for a negative step) or to the
    // nearest end.
    let clamp = |bound: isize| -> isize {
        let bound = if bound < 0 { bound.saturating_add(length) } else { bound };
        if bound < 0 {
            if step < 0 { -1 } else { 0 }
        } else if bound >= length {
            if step < 0 { length - 1 } else { length }
        } else {
            bound
        }
    };
    let (start, stop) = (clamp(start), clamp(stop));
    let len = if step > 0 && start < stop {
        (stop - start - 1) / step + 1
    } else if step < 0 && stop < start {
        (start - stop - 1) / step.saturating_neg() + 1
    } else {
        0
    };
    SliceIndices { start, stop, step, len: len as usize }
}

impl<'ctx> Slice<'ctx> {
    /// Whether `obj` is a slice (`HPy_TypeCheck` with `ctx.slice_type()`).
    #[inline]
    pub fn is_type_of(obj: &Handle<'_>) -> bool {
        let ctx = obj.ctx();
        // SAFETY: `obj` is open; the slice type is a type.
        unsafe { hpy_sys::HPy_TypeCheck(ctx.as_raw(), obj.as_raw(), ctx.slice_type().as_raw()) != 0 }
    }

    /// The start, stop and step as integers (`HPySlice_Unpack`): a missing
    /// step is 1, missing bounds are the ends for that step, values beyond
    /// `isize` are clamped. `ValueError` for a zero step, `TypeError` for a
    /// bound that is not an integer.
    pub fn unpack(&self) -> HPyResult<(isize, isize, isize)> {
        let (mut start, mut stop, mut step) = (0, 0, 0);
        // SAFETY: `self` is a slice, as HPy requires; the out-pointers are writable.
        let status = unsafe {
            hpy_sys::HPySlice_Unpack(self.ctx().as_raw(), self.as_raw(), &mut start, &mut stop, &mut step)
        };
        if status < 0 {
            return Err(HPyErr::fetch());
        }
        Ok((start, stop, step))
    }

    /// The indices the slice selects in a sequence of `length` items
    /// (`slice.indices(length)` plus the count).
    pub fn indices(&self, length: usize) -> HPyResult<SliceIndices> {
        let (start, stop, step) = self.unpack()?;
        Ok(adjust_indices(length, start, stop, step))
    }
}

#[cfg(test)]
mod tests {
    use super::{SliceIndices, adjust_indices};
    use proptest::prelude::*;

    /// The indices Python's `range(*slice(start, stop, step).indices(length))`
    /// yields, enumerated one by one in wide arithmetic.
    fn python_indices(length: usize, start: isize, stop: isize, step: isize) -> Vec<usize> {
        let (length, step) = (length as i128, step as i128);
        let (low, high) = if step < 0 { (-1, length - 1) } else { (0, length) };
        let clamp = |bound: isize| {
            let bound = bound as i128;
            let bound = if bound < 0 { bound + length } else { bound };
            bound.clamp(low, high)
        };
        let (mut index, stop) = (clamp(start), clamp(stop));
        let mut out = Vec::new();
        while (step > 0 && index < stop) || (step < 0 && index > stop) {
            out.push(index as usize);
            index += step;
        }
        out
    }

    fn steps() -> impl Strategy<Value = isize> {
        prop_oneof![-20isize..=-1, 1isize..=20, Just(isize::MIN), Just(isize::MAX)]
    }

    fn bounds() -> impl Strategy<Value = isize> {
        prop_oneof![-400isize..400, Just(isize::MIN), Just(isize::MAX), Just(isize::MIN + 1)]
    }

    proptest! {
        /// Short sequences: exactly the indices Python selects.
        #[test]
        fn selects_what_python_selects(length in 0usize..300, start in bounds(), stop in bounds(), step in steps()) {
            let adjusted = adjust_indices(length, start, stop, step);
            prop_assert_eq!(adjusted.iter().collect::<Vec<_>>(), python_indices(length, start, stop, step));
        }

        /// Any length, bound and step: no overflow, and the first and last
        /// indices are in the sequence.
        #[test]
        fn stays_in_range_at_every_edge(
            length in prop_oneof![any::<usize>(), Just(usize::MAX), Just(isize::MAX as usize)],
            start in any::<isize>(),
            stop in any::<isize>(),
            step in any::<isize>().prop_filter("a slice step is never zero", |&s| s != 0),
        ) {
            let adjusted = adjust_indices(length, start, stop, step);
            prop_assert!(adjusted.len <= length);
            if adjusted.len > 0 {
                let last = adjusted.start as i128 + (adjusted.len as i128 - 1) * step as i128;
                for index in [adjusted.start as i128, last] {
                    prop_assert!((0..length as i128).contains(&index));
                }
            }
        }
    }

    #[test]
    fn adjusts_as_python_slice_indices() {
        // (length, unpacked start/stop/step) -> Python's slice.indices(length) and len(range(..))
        let cases = [
            (7, (5, 1, -2), (5, 1, -2, 2)),
            (0, (isize::MAX, isize::MIN, -1), (-1, -1, -1, 0)),
            (5, (-100, 100, 3), (0, 5, 3, 2)),
            (3, (10, 20, 1), (3, 3, 1, 0)),
            (4, (isize::MAX, -20, -1), (3, -1, -1, 4)),
            (6, (-2, isize::MAX, 1), (4, 6, 1, 2)),
            (6, (1, -1, 2), (1, 5, 2, 2)),
        ];
        for (length, (start, stop, step), (s, e, st, len)) in cases {
            assert_eq!(
                adjust_indices(length, start, stop, step),
                SliceIndices { start: s, stop: e, step: st, len }
            );
        }
        let every_other = adjust_indices(7, isize::MAX, isize::MIN, -2);
        assert_eq!(every_other.iter().collect::<Vec<_>>(), [6, 4, 2, 0]);
    }

    #[test]
    #[should_panic(expected = "a slice step cannot be zero")]
    fn zero_step_panics() {
        adjust_indices(3, 0, 3, 0);
    }
}
