//! The dunder methods that fill a slot: which slot, of which kind.
//!
//! As for Python classes, `__getitem__`, `__setitem__`/`__delitem__` and
//! `__len__` fill both the mapping and the sequence slots (so iteration
//! works through the sequence protocol), and a binary operator with its
//! reflected form share one number slot.

/// What a dunder method is.
#[derive(Debug, PartialEq, Eq)]
pub enum SlotKind {
    /// `(&self) -> R`, in `slot` (its signature is the slot's, from the
    /// generated `hpy::impl_::slot` types).
    Unary {
        slot: &'static str,
    },
    Bool,
    Len,
    Hash,
    /// A binary operator (`group` names the number slot) or its reflection.
    Binary {
        group: &'static str,
        reflected: bool,
    },
    /// An in-place operator.
    InPlace {
        slot: &'static str,
        ternary: bool,
    },
    /// `__richcmp__` (`None`) or one comparison (`HPy_EQ`, ...).
    Compare(Option<&'static str>),
    GetItem,
    SetItem,
    DelItem,
    Contains,
    Call,
    Init,
    Del,
    Buffer,
}

/// A dunder method name and its kind.
#[derive(Debug)]
pub struct SlotInfo {
    pub name: &'static str,
    pub kind: SlotKind,
}

macro_rules! slot_table {
    ($($name:literal => $kind:expr),* $(,)?) => {
        const SLOTS: &[SlotInfo] = &[$(SlotInfo { name: $name, kind: $kind }),*];
    };
}

use SlotKind::*;

slot_table! {
    "__repr__" => Unary { slot: "HPy_tp_repr" },
    "__str__" => Unary { slot: "HPy_tp_str" },
    "__neg__" => Unary { slot: "HPy_nb_negative" },
    "__pos__" => Unary { slot: "HPy_nb_positive" },
    "__abs__" => Unary { slot: "HPy_nb_absolute" },
    "__invert__" => Unary { slot: "HPy_nb_invert" },
    "__int__" => Unary { slot: "HPy_nb_int" },
    "__float__" => Unary { slot: "HPy_nb_float" },
    "__index__" => Unary { slot: "HPy_nb_index" },
    "__bool__" => Bool,
    "__len__" => Len,
    "__hash__" => Hash,
    "__add__" => Binary { group: "add", reflected: false },
    "__radd__" => Binary { group: "add", reflected: true },
    "__sub__" => Binary { group: "subtract", reflected: false },
    "__rsub__" => Binary { group: "subtract", reflected: true },
    "__mul__" => Binary { group: "multiply", reflected: false },
    "__rmul__" => Binary { group: "multiply", reflected: true },
    "__matmul__" => Binary { group: "matrix_multiply", reflected: false },
    "__rmatmul__" => Binary { group: "matrix_multiply", reflected: true },
    "__truediv__" => Binary { group: "true_divide", reflected: false },
    "__rtruediv__" => Binary { group: "true_divide", reflected: true },
    "__floordiv__" => Binary { group: "floor_divide", reflected: false },
    "__rfloordiv__" => Binary { group: "floor_divide", reflected: true },
    "__mod__" => Binary { group: "remainder", reflected: false },
    "__rmod__" => Binary { group: "remainder", reflected: true },
    "__divmod__" => Binary { group: "divmod", reflected: false },
    "__rdivmod__" => Binary { group: "divmod", reflected: true },
    "__lshift__" => Binary { group: "lshift", reflected: false },
    "__rlshift__" => Binary { group: "lshift", reflected: true },
    "__rshift__" => Binary { group: "rshift", reflected: false },
    "__rrshift__" => Binary { group: "rshift", reflected: true },
    "__and__" => Binary { group: "and", reflected: false },
    "__rand__" => Binary { group: "and", reflected: true },
    "__or__" => Binary { group: "or", reflected: false },
    "__ror__" => Binary { group: "or", reflected: true },
    "__xor__" => Binary { group: "xor", reflected: false },
    "__rxor__" => Binary { group: "xor", reflected: true },
    "__pow__" => Binary { group: "power", reflected: false },
    "__rpow__" => Binary { group: "power", reflected: true },
    "__iadd__" => InPlace { slot: "HPy_nb_inplace_add", ternary: false },
    "__isub__" => InPlace { slot: "HPy_nb_inplace_subtract", ternary: false },
    "__imul__" => InPlace { slot: "HPy_nb_inplace_multiply", ternary: false },
    "__imatmul__" => InPlace { slot: "HPy_nb_inplace_matrix_multiply", ternary: false },
    "__itruediv__" => InPlace { slot: "HPy_nb_inplace_true_divide", ternary: false },
    "__ifloordiv__" => InPlace { slot: "HPy_nb_inplace_floor_divide", ternary: false },
    "__imod__" => InPlace { slot: "HPy_nb_inplace_remainder", ternary: false },
    "__ilshift__" => InPlace { slot: "HPy_nb_inplace_lshift", ternary: false },
    "__irshift__" => InPlace { slot: "HPy_nb_inplace_rshift", ternary: false },
    "__iand__" => InPlace { slot: "HPy_nb_inplace_and", ternary: false },
    "__ior__" => InPlace { slot: "HPy_nb_inplace_or", ternary: false },
    "__ixor__" => InPlace { slot: "HPy_nb_inplace_xor", ternary: false },
    "__ipow__" => InPlace { slot: "HPy_nb_inplace_power", ternary: true },
    "__richcmp__" => Compare(None),
    "__lt__" => Compare(Some("HPy_LT")),
    "__le__" => Compare(Some("HPy_LE")),
    "__eq__" => Compare(Some("HPy_EQ")),
    "__ne__" => Compare(Some("HPy_NE")),
    "__gt__" => Compare(Some("HPy_GT")),
    "__ge__" => Compare(Some("HPy_GE")),
    "__getitem__" => GetItem,
    "__setitem__" => SetItem,
    "__delitem__" => DelItem,
    "__contains__" => Contains,
    "__call__" => Call,
    "__init__" => Init,
    "__del__" => Del,
    "__getbuffer__" => Buffer,
}

/// The slot kind of a dunder method name, if it has one.
pub fn find(name: &str) -> Option<&'static SlotInfo> {
    SLOTS.iter().find(|s| s.name == name)
}
