//! [`Tuple`]: a `tuple`, with HPy's tuple functions.

use super::{View, view};
use crate::object::call_tuple::{MAX_STACK_ITEMS, tuple_from_raw};
use crate::{Ctx, HPyResult, Handle, IntoArgs};

view!(
    /// A `tuple` object (or an instance of a subclass).
    Tuple,
    "tuple"
);

impl<'ctx> Tuple<'ctx> {
    /// Whether `obj` is a tuple (`HPyTuple_Check`).
    #[inline]
    pub fn is_type_of(obj: &Handle<'_>) -> bool {
        // SAFETY: `obj` is open in its context.
        unsafe { hpy_sys::HPyTuple_Check(obj.ctx().as_raw(), obj.as_raw()) != 0 }
    }

    /// A tuple of `items` (`HPyTuple_FromArray`): Rust values
    /// (`Tuple::new(ctx, (1, "a"))`, like HPy's `HPyTuple_Pack`) or handles
    /// (`Tuple::new(ctx, &[&a, &b][..])`).
    ///
    /// Any number of items works: above a few hundred, the tuple is filled
    /// with a [`TupleBuilder`](crate::TupleBuilder), since HPy's debug mode
    /// copies the array of `HPyTuple_FromArray` to the C stack.
    pub fn new(ctx: Ctx<'ctx>, items: impl IntoArgs<'ctx>) -> HPyResult<Tuple<'ctx>> {
        items.with_args(ctx, |items| {
            if items.len() > MAX_STACK_ITEMS {
                // SAFETY: the items are open in `ctx`.
                return unsafe { tuple_from_raw(ctx, items) };
            }
            // SAFETY: the items are open in `ctx`; FromArray only reads them
            // (its C parameter lacks `const`) and takes new references.
            let raw = unsafe {
                hpy_sys::HPyTuple_FromArray(ctx.as_raw(), items.as_ptr().cast_mut(), items.len() as isize)
            };
            // SAFETY: a new tuple or null with an exception set.
            let obj = unsafe { ctx.wrap(raw) }?;
            // SAFETY: the result is a tuple.
            Ok(unsafe { Tuple::from_handle_unchecked(obj) })
        })?
    }

    /// The empty tuple.
    pub fn empty(ctx: Ctx<'ctx>) -> HPyResult<Tuple<'ctx>> {
        Tuple::new(ctx, ())
    }
}
