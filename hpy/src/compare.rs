//! [`CompareOp`]: the operator a rich comparison was called for.

use core::cmp::Ordering;
use hpy_sys::HPy_RichCmpOp;

/// The comparison `__richcmp__` is asked for.
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
