//! Rich comparison: [`CompareOp`], [`Handle::rich_compare`], [`Handle::compare`].

use crate::{HPyErr, HPyResult, Handle};

/// A comparison operator (`HPy_RichCmpOp`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CompareOp {
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `==`
    Eq,
    /// `!=`
    Ne,
    /// `>`
    Gt,
    /// `>=`
    Ge,
}

impl CompareOp {
    /// The `HPy_RichCmpOp` value (`HPy_LT` = 0 ... `HPy_GE` = 5).
    pub const fn to_raw(self) -> core::ffi::c_int {
        match self {
            CompareOp::Lt => 0,
            CompareOp::Le => 1,
            CompareOp::Eq => 2,
            CompareOp::Ne => 3,
            CompareOp::Gt => 4,
            CompareOp::Ge => 5,
        }
    }

    /// The operator for an `HPy_RichCmpOp` value, as a `tp_richcompare`
    /// slot receives it.
    pub const fn from_raw(op: core::ffi::c_int) -> Option<CompareOp> {
        Some(match op {
            0 => CompareOp::Lt,
            1 => CompareOp::Le,
            2 => CompareOp::Eq,
            3 => CompareOp::Ne,
            4 => CompareOp::Gt,
            5 => CompareOp::Ge,
            _ => return None,
        })
    }

    /// Applies the operator to an ordering, as a `__lt__` & co. written in
    /// Rust does.
    pub fn matches(self, ordering: core::cmp::Ordering) -> bool {
        use core::cmp::Ordering::*;
        match self {
            CompareOp::Lt => ordering == Less,
            CompareOp::Le => ordering != Greater,
            CompareOp::Eq => ordering == Equal,
            CompareOp::Ne => ordering != Equal,
            CompareOp::Gt => ordering == Greater,
            CompareOp::Ge => ordering != Less,
        }
    }
}

impl<'ctx> Handle<'ctx> {
    /// `self <op> other`, whatever object the comparison returns
    /// (`HPy_RichCompare`).
    pub fn rich_compare(&self, other: &Handle<'ctx>, op: CompareOp) -> HPyResult<Handle<'ctx>> {
        let ctx = self.ctx();
        // SAFETY: both handles are open; `op` is a valid HPy_RichCmpOp.
        unsafe {
            ctx.wrap(hpy_sys::HPy_RichCompare(ctx.as_raw(), self.as_raw(), other.as_raw(), op.to_raw()))
        }
    }

    /// `bool(self <op> other)` (`HPy_RichCompareBool`). As in CPython, an
    /// object is equal to itself for `Eq` and `Ne` without being asked (so a
    /// NaN equals itself here).
    pub fn compare(&self, other: &Handle<'ctx>, op: CompareOp) -> HPyResult<bool> {
        // SAFETY: both handles are open; `op` is a valid HPy_RichCmpOp.
        match unsafe {
            hpy_sys::HPy_RichCompareBool(self.ctx().as_raw(), self.as_raw(), other.as_raw(), op.to_raw())
        } {
            result if result < 0 => Err(HPyErr::fetch()),
            result => Ok(result != 0),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::CompareOp;
    use core::cmp::Ordering::*;

    #[test]
    fn raw_values_and_orderings() {
        let all = [CompareOp::Lt, CompareOp::Le, CompareOp::Eq, CompareOp::Ne, CompareOp::Gt, CompareOp::Ge];
        for (raw, op) in all.into_iter().enumerate() {
            assert_eq!(op.to_raw(), raw as core::ffi::c_int);
            assert_eq!(CompareOp::from_raw(raw as core::ffi::c_int), Some(op));
        }
        assert_eq!(CompareOp::from_raw(6), None);
        let table = [
            (Less, [true, true, false, true, false, false]),
            (Equal, [false, true, true, false, false, true]),
        ];
        for (ordering, expected) in table {
            let got: Vec<bool> = all.iter().map(|op| op.matches(ordering)).collect();
            assert_eq!(got, expected);
        }
        assert!(
            CompareOp::Gt.matches(Greater)
                && CompareOp::Ge.matches(Greater)
                && CompareOp::Ne.matches(Greater)
        );
    }
}
