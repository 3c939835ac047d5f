//! Calls with positional and keyword arguments, methods, and iteration.

use hpy::prelude::*;

/// `f(1, "a", x)` with Rust values, and `f(x, x)` with owned and with
/// borrowed handles.
#[hpy_function]
pub fn call_positional<'ctx>(
    f: &Handle<'ctx>,
    x: &Handle<'ctx>,
) -> HPyResult<(Handle<'ctx>, Handle<'ctx>, Handle<'ctx>, Handle<'ctx>)> {
    Ok((f.call(())?, f.call((1, "a", x))?, f.call(&[x.dup(), x.dup()][..])?, f.call(&[x, x][..])?))
}

/// `f(1, *, sep="-", end=x)`, with keywords as Rust pairs, as a slice of
/// handle pairs, as a dict (typed and untyped) and as `None`.
#[hpy_function]
pub fn call_keywords<'ctx>(
    f: &Handle<'ctx>,
    x: &Handle<'ctx>,
    kwargs: &Dict<'ctx>,
) -> HPyResult<Vec<Handle<'ctx>>> {
    let ctx = f.ctx();
    let pairs: &[(&str, Handle<'ctx>)] = &[("sep", "-".into_hpy(ctx)?), ("end", x.dup())];
    let none: Option<&Dict<'ctx>> = None;
    Ok(vec![
        f.call_kw((1,), (("sep", "-"), ("end", x)))?,
        f.call_kw((1,), pairs)?,
        f.call_kw((1,), kwargs)?,
        f.call_kw((1,), kwargs.as_handle())?,
        f.call_kw((1,), Some(kwargs))?,
        f.call_kw((1,), none)?,
        f.call_kw((), ())?,
    ])
}

/// `f(*args, **kwargs)` with a tuple and a dict (or `None`).
#[hpy_function]
pub fn call_tuple_dict<'ctx>(
    f: &Handle<'ctx>,
    args: &Handle<'ctx>,
    kwargs: Option<&Handle<'ctx>>,
) -> HPyResult<Handle<'ctx>> {
    f.call_tuple_dict(args, kwargs)
}

/// `obj.name(*args)` with the name as text and as an object, and
/// `obj.name(*args, **kwargs)` with a tuple and a dict.
#[hpy_function]
pub fn call_methods<'ctx>(
    obj: &Handle<'ctx>,
    name: &Str<'ctx>,
    arg: &Handle<'ctx>,
    kwargs: &Dict<'ctx>,
) -> HPyResult<(Handle<'ctx>, Handle<'ctx>, Handle<'ctx>, Handle<'ctx>)> {
    let args = Tuple::new(obj.ctx(), (arg,))?;
    Ok((
        obj.call_method(name.to_str()?, (arg,))?,
        obj.call_method(name, (arg,))?,
        obj.call_method_kw(name.to_str()?, (arg,), kwargs)?,
        obj.call_method_tuple_dict(name, &args, Some(kwargs))?,
    ))
}

/// `callable(obj)`.
#[hpy_function]
pub fn is_callable(obj: &Handle<'_>) -> bool {
    obj.is_callable()
}

/// `list(obj)`, through the Rust iterator; stops at the first error.
#[hpy_function]
pub fn iterate<'ctx>(obj: &Handle<'ctx>) -> HPyResult<Vec<Handle<'ctx>>> {
    obj.iter()?.collect()
}

/// The items of `obj` until an error, and the error: `(items, error)`.
/// The iterator yields the error once and then ends.
#[hpy_function]
pub fn iterate_until_error<'ctx>(obj: &Handle<'ctx>) -> HPyResult<(Vec<Handle<'ctx>>, bool)> {
    let mut items = Vec::new();
    let mut iter = obj.iter()?;
    while let Some(item) = iter.next() {
        match item {
            Ok(item) => items.push(item),
            Err(err) => {
                assert!(iter.next().is_none(), "the iteration ends after an error");
                err.clear(obj.ctx());
                return Ok((items, true));
            }
        }
    }
    Ok((items, false))
}

/// Calls with many arguments: `f(0, 1, ..., n-1, **{names[i]: i})` through
/// `call_kw` (`f.<method>(...)` through `call_method_kw` when `method` is
/// given), the same without keywords through `call` (`call_method`), and
/// the tuple `(0, ..., n-1)` from `Tuple::new`.
#[hpy_function]
pub fn call_many<'ctx>(
    f: &Handle<'ctx>,
    n: usize,
    names: Vec<String>,
    method: Option<&str>,
) -> HPyResult<(Handle<'ctx>, Handle<'ctx>, Tuple<'ctx>)> {
    let ctx = f.ctx();
    let args = (0..n).map(|i| i.into_hpy(ctx)).collect::<HPyResult<Vec<_>>>()?;
    let kwargs = names
        .iter()
        .enumerate()
        .map(|(i, name)| Ok((name.as_str(), i.into_hpy(ctx)?)))
        .collect::<HPyResult<Vec<_>>>()?;
    let (with_keywords, without) = match method {
        Some(method) => {
            (f.call_method_kw(method, &args[..], &kwargs[..])?, f.call_method(method, &args[..])?)
        }
        None => (f.call_kw(&args[..], &kwargs[..])?, f.call(&args[..])?),
    };
    Ok((with_keywords, without, Tuple::new(ctx, &args[..])?))
}
