//! Rich comparison: [`CompareOp`], the operator a comparison is for, and
//! [`Handle::rich_compare`] / [`Handle::compare`].

use crate::{HPyErr, HPyResult, Handle};
use core::cmp::Ordering;
use hpy_sys::HPy_RichCmpOp;

/// A comparison operator (`HPy_RichCmpOp`): what `__richcmp__` is asked
/// for, or what [`Handle::compare`] asks.
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
    /// From HPy's operator code.
    pub fn from_raw(op: HPy_RichCmpOp) -> CompareOp {
        match op {
            hpy_sys::HPy_LT => CompareOp::Lt,
            hpy_sys::HPy_LE => CompareOp::Le,
            hpy_sys::HPy_EQ => CompareOp::Eq,
            hpy_sys::HPy_NE => CompareOp::Ne,
            hpy_sys::HPy_GT => CompareOp::Gt,
            _ => CompareOp::Ge,
        }
    }

    /// HPy's operator code.
    pub fn to_raw(self) -> HPy_RichCmpOp {
        match self {
            CompareOp::Lt => hpy_sys::HPy_LT,
            CompareOp::Le => hpy_sys::HPy_LE,
            CompareOp::Eq => hpy_sys::HPy_EQ,
            CompareOp::Ne => hpy_sys::HPy_NE,
            CompareOp::Gt => hpy_sys::HPy_GT,
            CompareOp::Ge => hpy_sys::HPy_GE,
        }
    }

    /// Whether `ordering` satisfies the operator: `CompareOp::Le.matches(a.cmp(&b))`.
    pub fn matches(self, ordering: Ordering) -> bool {
        match self {
            CompareOp::Lt => ordering == Ordering::Less,
            CompareOp::Le => ordering != Ordering::Greater,
            CompareOp::Eq => ordering == Ordering::Equal,
            CompareOp::Ne => ordering != Ordering::Equal,
            CompareOp::Gt => ordering == Ordering::Greater,
            CompareOp::Ge => ordering != Ordering::Less,
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
            ctx.wrap(hpy_sys::HPy_RichCompare(ctx.as_raw(), self.as_raw(), other.as_raw(), op.to_raw().0))
        }
    }

    /// `bool(self <op> other)` (`HPy_RichCompareBool`). As in CPython, an
    /// object is equal to itself for `Eq` and `Ne` without being asked (so a
    /// NaN equals itself here).
    pub fn compare(&self, other: &Handle<'ctx>, op: CompareOp) -> HPyResult<bool> {
        // SAFETY: both handles are open; `op` is a valid HPy_RichCmpOp.
        match unsafe {
            hpy_sys::HPy_RichCompareBool(self.ctx().as_raw(), self.as_raw(), other.as_raw(), op.to_raw().0)
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
            assert_eq!(op.to_raw(), hpy_sys::HPy_RichCmpOp(raw as core::ffi::c_int));
            assert_eq!(CompareOp::from_raw(op.to_raw()), op);
        }
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
