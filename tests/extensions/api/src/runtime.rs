//! The tracker, globals, imports, capsules, context variables,
//! compile/eval, and leaving Python execution.

use hpy::prelude::*;
use hpy::{Capsule, Code, ContextVar, SourceKind, Tracker};
use std::ffi::CStr;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// Tracks `n` new objects and `extra`, then either keeps them (returns
/// them, through `forget_all`) or closes them all with the tracker, which
/// starts with room for `capacity` handles (default 0: HPy's default).
#[hpy_function]
pub fn track<'ctx>(
    ctx: Ctx<'ctx>,
    n: usize,
    extra: &Handle<'ctx>,
    keep: bool,
    capacity: Option<usize>,
) -> HPyResult<Vec<Handle<'ctx>>> {
    let mut tracker = Tracker::new(ctx, capacity.unwrap_or(0))?;
    assert!(tracker.is_empty());
    let mut total = 0i64;
    for i in 0..n {
        let item = tracker.track((i as i64).into_hpy(ctx)?)?;
        total += item.extract::<i64>()?;
    }
    let extra = tracker.track(extra.dup())?;
    assert!(extra.is_instance_of::<Str<'_>>() || !extra.is_none() || extra.is_none());
    assert_eq!(tracker.len(), n + 1);
    assert_eq!(total, (0..n as i64).sum::<i64>());
    if keep { Ok(tracker.forget_all()) } else { Ok(Vec::new()) }
}

/// Stores `obj` in a global (`None`: just loads) and returns what was there.
#[hpy_function]
pub fn global_swap<'ctx>(ctx: Ctx<'ctx>, obj: Option<&Handle<'ctx>>) -> Option<Handle<'ctx>> {
    let previous = crate::api::STORED.load(ctx);
    if let Some(obj) = obj {
        crate::api::STORED.store(obj);
    }
    previous
}

/// `import name`.
#[hpy_function]
pub fn import_module<'ctx>(ctx: Ctx<'ctx>, name: &str) -> HPyResult<Handle<'ctx>> {
    ctx.import(name)
}

/// The dict of builtins, from the context.
#[hpy_function]
pub fn builtins(ctx: Ctx<'_>) -> Borrowed<'_, '_> {
    ctx.builtins()
}

/// How many `Counted` values have been dropped.
static DROPPED: AtomicUsize = AtomicUsize::new(0);

/// A value that counts its drops.
struct Counted(u64);

impl Drop for Counted {
    fn drop(&mut self) {
        DROPPED.fetch_add(1, Ordering::SeqCst);
    }
}

const NAME: &CStr = c"api.counted";

/// A capsule named `api.counted` holding `value` (or nameless).
#[hpy_function]
pub fn capsule_new(ctx: Ctx<'_>, value: u64, named: bool) -> HPyResult<Capsule<'_>> {
    Capsule::new(ctx, Counted(value), named.then_some(NAME))
}

/// The value of a capsule made by `capsule_new`, as a `Counted` or, if
/// `as_other`, as another type, read with `name` (`None` for none).
#[hpy_function]
pub fn capsule_get(capsule: &Capsule<'_>, as_other: bool, name: Option<&str>) -> HPyResult<u64> {
    let name = name.map(|n| std::ffi::CString::new(n).expect("no NUL"));
    if as_other {
        return capsule.get::<u64>(name.as_deref()).copied();
    }
    Ok(capsule.get::<Counted>(name.as_deref())?.0)
}

/// `(name, is_valid(name), pointer is not null, context is not null)` of any capsule.
#[hpy_function]
pub fn capsule_info(
    capsule: &Capsule<'_>,
    name: Option<&str>,
) -> HPyResult<(Option<String>, bool, bool, bool)> {
    let c_name = name.map(|n| std::ffi::CString::new(n).expect("no NUL"));
    let pointer = capsule.pointer(c_name.as_deref())?;
    let stored = capsule.name()?.map(|n| n.to_string_lossy().into_owned());
    Ok((stored, capsule.is_valid(c_name.as_deref()), !pointer.is_null(), !capsule.context()?.is_null()))
}

/// Renames a capsule to `api.renamed`.
#[hpy_function]
pub fn capsule_rename(capsule: &Capsule<'_>) -> HPyResult<()> {
    capsule.set_name(Some(c"api.renamed"))
}

/// The raw setters on a capsule made by `capsule_new`: the context is
/// replaced and put back (the value is unreachable meanwhile), the pointer
/// is set to itself, and the destructor is removed, so that the value is
/// never dropped (it leaks). Returns whether `get` failed with the foreign
/// context.
#[hpy_function]
pub fn capsule_raw_setters(capsule: &Capsule<'_>) -> HPyResult<bool> {
    let ctx = capsule.ctx();
    let original = capsule.context()?;
    let pointer = capsule.pointer(Some(NAME))?;
    let mut marker = 0u8;
    // SAFETY: the capsule's destructor ignores its context, and the original
    // is put back before anything else reads it.
    unsafe { capsule.set_context((&raw mut marker).cast()) }?;
    let foreign = capsule.get::<Counted>(Some(NAME)).map_err(|e| e.clear(ctx)).is_err();
    // SAFETY: the capsule's own context, as `Capsule::new` set it.
    unsafe { capsule.set_context(original) }?;
    // SAFETY: the capsule's own pointer.
    unsafe { capsule.set_pointer(pointer) }?;
    // SAFETY: without a destructor, the value is leaked, never freed twice.
    unsafe { capsule.set_destructor(None) }?;
    Ok(foreign)
}

/// How many `Counted` values have been dropped so far.
#[hpy_function]
pub fn dropped() -> usize {
    DROPPED.load(Ordering::SeqCst)
}

/// A new context variable.
#[hpy_function]
pub fn context_var<'ctx>(
    ctx: Ctx<'ctx>,
    name: &str,
    default: Option<&Handle<'ctx>>,
) -> HPyResult<ContextVar<'ctx>> {
    ContextVar::new(ctx, name, default)
}

/// `(var.get() or None, var.get(default))`.
#[hpy_function]
pub fn context_var_get<'ctx>(
    var: ContextVar<'ctx>,
    default: &Handle<'ctx>,
) -> HPyResult<(Option<Handle<'ctx>>, Handle<'ctx>)> {
    Ok((var.get()?, var.get_or(default)?))
}

/// `var.set(value)`: the token.
#[hpy_function]
pub fn context_var_set<'ctx>(var: Handle<'ctx>, value: &Handle<'ctx>) -> HPyResult<Handle<'ctx>> {
    ContextVar::from_handle(var).set(value)
}

fn kind(mode: &str) -> HPyResult<SourceKind> {
    Ok(match mode {
        "eval" => SourceKind::Expr,
        "exec" => SourceKind::File,
        "single" => SourceKind::Single,
        _ => return Err(hpy::exceptions::ValueError::new_err("unknown mode")),
    })
}

/// `compile(source, filename, mode)`, then `eval(code, globals, locals)`.
#[hpy_function]
pub fn compile_eval<'ctx>(
    ctx: Ctx<'ctx>,
    source: &str,
    mode: &str,
    globals: &Dict<'ctx>,
    locals: Option<&Handle<'ctx>>,
) -> HPyResult<Handle<'ctx>> {
    ctx.compile(source, "<api>", kind(mode)?)?.eval(globals, locals)
}

/// `compile(...)` alone: the code object.
#[hpy_function]
pub fn compile<'ctx>(ctx: Ctx<'ctx>, source: &str, filename: &str, mode: &str) -> HPyResult<Code<'ctx>> {
    ctx.compile(source, filename, kind(mode)?)
}

/// Evaluates a code object made in Python (checked to be one), as
/// `eval(code, globals, locals)`.
#[hpy_function]
pub fn eval_code<'ctx>(
    code: Handle<'ctx>,
    globals: &Dict<'ctx>,
    locals: Option<&Handle<'ctx>>,
) -> HPyResult<Handle<'ctx>> {
    Code::from_handle(code)?.eval(globals, locals)
}

static FLAG: AtomicBool = AtomicBool::new(false);

/// Sets the flag that `wait_for_flag` waits for (needs the GIL, like any
/// extension call).
#[hpy_function]
pub fn set_flag() {
    FLAG.store(true, Ordering::SeqCst);
}

/// Clears the flag.
#[hpy_function]
pub fn clear_flag() {
    FLAG.store(false, Ordering::SeqCst);
}

/// Leaves Python execution and waits up to `timeout` seconds for another
/// thread to call `set_flag` (which it can only do while the GIL is
/// released). Also sums `data` meanwhile, borrowed from a `bytes` object.
#[hpy_function]
pub fn wait_for_flag(ctx: Ctx<'_>, timeout: f64, data: &[u8]) -> (bool, u64) {
    ctx.allow_threads(|| {
        let deadline = Instant::now() + Duration::from_secs_f64(timeout);
        let sum = data.iter().map(|&b| u64::from(b)).sum();
        while Instant::now() < deadline {
            if FLAG.load(Ordering::SeqCst) {
                return (true, sum);
            }
            std::thread::sleep(Duration::from_millis(1));
        }
        (false, sum)
    })
}

/// Panics while outside Python execution: Python is re-entered, and the
/// panic becomes `PanicException`.
#[hpy_function]
pub fn panic_without_gil(ctx: Ctx<'_>, message: &str) {
    let message = message.to_string();
    ctx.allow_threads(move || panic!("{message}"))
}
