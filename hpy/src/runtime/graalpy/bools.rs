//! `bool`. GraalPy 24.2's `HPy_Is` answers true for the int `0` and
//! `False` (and `1` and `True`): it compares the values, not the objects.
//! Its `HPy_TypeCheck` cannot tell either (it answers 0 for `5` and `int`),
//! so the type itself is compared.

use crate::Handle;

/// Whether `obj`'s type is `bool` (which has no subclasses), to check
/// besides `HPy_Is` with `True` or `False` on GraalPy.
pub(crate) fn is_bool(obj: &Handle<'_>) -> bool {
    let ctx = obj.ctx();
    obj.get_type().is(&ctx.bool_type())
}
