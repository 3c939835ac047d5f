//! Calls and tuples with many items, built on the heap.
//!
//! HPy's `HPy_Call` and `HPy_CallMethod`, and in debug mode also
//! `HPyTuple_FromArray`, copy their array of handles into a buffer that
//! they `alloca` on the C stack: enough handles (a million on an 8 MiB main
//! thread, far fewer on a thread with a small stack) overflow the stack and
//! crash the interpreter. Above [`MAX_STACK_ITEMS`] items, the safe API
//! therefore builds the tuple with a [`TupleBuilder`] and calls through
//! `HPy_CallTupleDict`, which uses no stack buffer.

use crate::types::{Dict, Str, Tuple, View};
use crate::{Borrowed, Ctx, HPyResult, Handle, TupleBuilder};
use hpy_sys::HPy;

/// The largest number of handles passed to HPy in one stack buffer.
///
/// 256 handles are 2 KiB, a copy of them or two (debug mode copies the
/// array, then the universal context copies it again) stays well below the
/// 4 KiB guard page that catches a stack overflow (a larger `alloca` could
/// jump over it), and the fast path is kept for every ordinary call: the
/// cost of a tuple is negligible next to converting hundreds of arguments.
pub(crate) const MAX_STACK_ITEMS: usize = 256;

/// Borrows the raw handles of an argument array.
///
/// # Safety
/// Every handle of `raw` must be open in `ctx` for `'a`.
unsafe fn borrow_all<'a, 'ctx: 'a>(
    ctx: Ctx<'ctx>,
    raw: &'a [HPy],
) -> impl Iterator<Item = Borrowed<'a, 'ctx>> + use<'a, 'ctx> {
    // SAFETY: forwarded from the caller.
    raw.iter().map(move |&h| unsafe { Borrowed::from_raw(ctx, h) })
}

/// A tuple of `items`, filled one by one (`HPyTupleBuilder`).
///
/// # Safety
/// Every handle of `items` must be open in `ctx`.
pub(crate) unsafe fn tuple_from_raw<'ctx>(ctx: Ctx<'ctx>, items: &[HPy]) -> HPyResult<Tuple<'ctx>> {
    let mut builder = TupleBuilder::new(ctx, items.len())?;
    // SAFETY: forwarded from the caller.
    for (index, item) in unsafe { borrow_all(ctx, items) }.enumerate() {
        builder.set(index, &item);
    }
    let tuple = builder.build()?;
    // SAFETY: a tuple builder builds a tuple.
    Ok(unsafe { Tuple::from_handle_unchecked(tuple) })
}

/// `callable(*all[..nargs], **kwargs)`, where the keyword values follow the
/// positional arguments in `all` and `names` is null or the tuple of their
/// names (the layout of `HPy_Call`), through `HPy_CallTupleDict`.
/// `function` names the caller in the error for a repeated keyword.
///
/// # Safety
/// Every handle of `all` must be open in `ctx`; `names` must be null or a
/// tuple of `str` as long as `all[nargs..]`, open in `ctx`.
pub(crate) unsafe fn call_through_tuple<'ctx>(
    callable: &Handle<'ctx>,
    all: &[HPy],
    nargs: usize,
    names: HPy,
    function: &str,
) -> HPyResult<Handle<'ctx>> {
    let ctx = callable.ctx();
    let (positional, values) = all.split_at(nargs);
    // SAFETY: forwarded from the caller.
    let args = unsafe { tuple_from_raw(ctx, positional) }?;
    if names.is_null() {
        return callable.call_tuple_dict(&args, None);
    }
    // SAFETY: `names` is open in `ctx` for this call (from the caller).
    let names = unsafe { Borrowed::from_raw(ctx, names) };
    let kwargs = Dict::new(ctx)?;
    // SAFETY: forwarded from the caller.
    for (index, value) in unsafe { borrow_all(ctx, values) }.enumerate() {
        let name = names.get_item(index)?;
        if kwargs.contains(&name)? {
            let name = name.downcast_ref::<Str<'_>>()?.to_str()?;
            return Err(crate::exceptions::TypeError::new_err(format!(
                "{function}() got multiple values for keyword argument '{name}'"
            )));
        }
        kwargs.set_item(&name, &*value)?;
    }
    callable.call_tuple_dict(&args, Some(&kwargs))
}
