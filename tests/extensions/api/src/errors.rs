//! Raising, the error indicator, errno, warnings, new exception classes,
//! unraisable errors and the fatal error.

use hpy::prelude::*;
use std::path::Path;

/// `raise ty(message)` through `HPyErr_SetString`.
#[hpy_function]
pub fn raise_message(ty: &Handle<'_>, message: &str) -> HPyResult<()> {
    Err(HPyErr::raise(ty, message))
}

/// `raise ty(value)` (or `ty(*value)`, or `value`) through `HPyErr_SetObject`.
#[hpy_function]
pub fn raise_object(ty: &Handle<'_>, value: &Handle<'_>) -> HPyResult<()> {
    Err(HPyErr::raise_object(ty, value))
}

/// `MemoryError`.
#[hpy_function]
pub fn raise_no_memory(ctx: Ctx<'_>) -> HPyResult<()> {
    Err(HPyErr::no_memory(ctx))
}

/// Calls `f()`, then reports what the error indicator says: whether an
/// exception is set, whether it matches `ty`, and clears it. Returns
/// `(occurred, matches, occurred after clearing)`.
#[hpy_function]
pub fn error_indicator(ctx: Ctx<'_>, f: &Handle<'_>, ty: &Handle<'_>) -> (bool, bool, bool) {
    let failed = f.call(()).is_err();
    let occurred = ctx.err_occurred();
    assert_eq!(failed, occurred);
    let matches = ctx.err_matches(ty);
    ctx.err_clear();
    (occurred, matches, ctx.err_occurred())
}

/// `ty` from the OS error `code`, by the route named `how`: `errno`,
/// `filename`, `objects` (with two file names) or `os_error`. The file name
/// is given as bytes (`os.fsencode(name)`).
#[hpy_function]
pub fn raise_errno(ty: &Handle<'_>, how: &str, code: i32, filename: Option<&[u8]>) -> HPyResult<()> {
    use std::os::unix::ffi::OsStrExt;
    let ctx = ty.ctx();
    let path = filename.map(|f| Path::new(std::ffi::OsStr::from_bytes(f)));
    Err(match how {
        "errno" => {
            hpy::set_errno(code);
            HPyErr::from_errno(ty)
        }
        "filename" => {
            hpy::set_errno(code);
            HPyErr::from_errno_with_filename(ty, path.unwrap_or(Path::new("")))
        }
        "objects" => {
            let first = Str::decode_fs(ctx, filename.unwrap_or(b""))?;
            let second = "second".into_hpy(ctx)?;
            hpy::set_errno(code);
            HPyErr::from_errno_with_filenames(ty, Some(&first), Some(&second))
        }
        "os_error" => HPyErr::from_os_error(ty, code, path),
        _ => hpy::exceptions::ValueError::new_err("unknown route"),
    })
}

/// Opens `path` with Rust's `std::fs`, raising the `OSError` (with errno and
/// file name) it fails with.
#[hpy_function]
pub fn open_file(ctx: Ctx<'_>, path: &str) -> HPyResult<usize> {
    let path = Path::new(path);
    match std::fs::read(path) {
        Ok(data) => Ok(data.len()),
        Err(err) => Err(HPyErr::from_io_error(ctx, &err, Some(path))),
    }
}

/// `warnings.warn(message, category, stacklevel)`.
#[hpy_function]
pub fn warn(ctx: Ctx<'_>, category: &Type<'_>, message: &str, stack_level: isize) -> HPyResult<()> {
    ctx.warn(category, message, stack_level)
}

/// A new exception class, with an optional docstring, base and dict.
#[hpy_function]
pub fn new_exception<'ctx>(
    ctx: Ctx<'ctx>,
    name: &str,
    doc: Option<&str>,
    base: Option<&Handle<'ctx>>,
    dict: Option<&Dict<'ctx>>,
) -> HPyResult<Type<'ctx>> {
    match doc {
        Some(doc) => ctx.new_exception_with_doc(name, doc, base, dict),
        None => ctx.new_exception(name, base, dict),
    }
}

/// Calls `f()`; if it raises, reports the exception as unraisable (with
/// `obj` as the context) instead of propagating it.
#[hpy_function]
pub fn call_unraisable(ctx: Ctx<'_>, f: &Handle<'_>, obj: Option<&Handle<'_>>) -> bool {
    match f.call(()) {
        Ok(_) => false,
        Err(err) => {
            err.write_unraisable(ctx, obj);
            true
        }
    }
}

/// Aborts the process with `message`.
#[hpy_function]
pub fn fatal_error(ctx: Ctx<'_>, message: &str) -> HPyResult<()> {
    ctx.fatal_error(message)
}
