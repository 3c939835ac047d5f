//! `run(steps)`: calls context functions raw, one after the other, in one
//! call from Python, and reports what each returned and whether an
//! exception is pending at the end.
//!
//! A step is `(name, args, errno)`: a context function's public name
//! (`HPyLong_AsInt32_t`), a handle constant's field (`h_None`, returned
//! through `HPy_Dup`) or a scenario (`@type_from_spec`, see `scenarios`);
//! `args` as described in `args`; `errno` an int to set right before the
//! call, or `None`.
//!
//! Without an exception pending at the end, `run` returns, for every step,
//! `((kind, value), [(kind, value), ...])`: its result and out-values. With
//! one pending, the results are kept (every handle among them closed, so
//! only its kind remains) and the exception is raised; `take_pending()`
//! then returns them. This is how a value returned together with an
//! exception, or an error value without one, shows.

use crate::args::{Arg, Args, harness};
use crate::value::{Recorded, Value};
use core::cell::RefCell;
use hpy::prelude::*;
use hpy::sys::{HPy_Dup, HPyErr_Occurred};

std::thread_local! {
    /// The results of the last run that ended with an exception pending.
    static PENDING: RefCell<Option<Vec<Recorded>>> = const { RefCell::new(None) };
}

struct Step<'ctx> {
    name: String,
    args: Vec<Arg<'ctx>>,
    errno: Option<i32>,
}

fn decode<'ctx>(step: &Handle<'ctx>) -> HPyResult<Step<'ctx>> {
    let (name, args, errno): (String, Vec<Handle<'ctx>>, Option<i32>) = step.extract()?;
    let args = args.iter().map(Arg::decode).collect::<HPyResult<_>>()?;
    Ok(Step { name, args, errno })
}

fn call_one(ctx: Ctx<'_>, step: &Step<'_>, done: &mut [Recorded]) -> HPyResult<Recorded> {
    let mut args = Args::new(&step.name, &step.args, done, step.errno);
    let value = if let Some(result) = crate::generated::members::call(ctx.as_raw(), &step.name, &mut args) {
        result?
    } else if step.name.starts_with("h_") {
        // SAFETY: a live context.
        let h = unsafe { crate::generated::members::constant(ctx.as_raw(), &step.name) }
            .ok_or_else(|| harness(format!("no handle constant {}", step.name)))?;
        args.before_call();
        // SAFETY: a context constant is open for the whole call.
        Value::Handle(unsafe { HPy_Dup(ctx.as_raw(), h) })
    } else if let Some(result) = crate::scenarios::call(ctx, &step.name, &mut args) {
        result?
    } else {
        return Err(harness(format!("no step named {:?}", step.name)));
    };
    let mut outs = args.finish();
    // SAFETY: querying the error indicator needs only a live context.
    if unsafe { HPyErr_Occurred(ctx.as_raw()) } != 0 {
        // A handle written into an out-slot by a call that failed is not
        // trusted to be a handle: it is reported, never closed.
        for out in &mut outs {
            if let Value::Handle(h) = out
                && !h.is_null()
            {
                *out = Value::Unowned;
            }
        }
    }
    Ok(Recorded { value, outs })
}

/// Runs `steps` (a sequence of `(name, args, errno)`).
#[hpy_function]
pub fn run<'ctx>(ctx: Ctx<'ctx>, steps: Vec<Handle<'ctx>>) -> HPyResult<Vec<Handle<'ctx>>> {
    PENDING.with(|p| p.borrow_mut().take());
    // Every argument is read before the first step: reading calls HPy,
    // which must not happen with an exception pending.
    let steps: Vec<Step<'ctx>> = steps.iter().map(decode).collect::<HPyResult<_>>()?;
    let mut done: Vec<Recorded> = Vec::with_capacity(steps.len());
    for step in &steps {
        match call_one(ctx, step, &mut done) {
            Ok(recorded) => done.push(recorded),
            Err(e) => {
                done.iter_mut().for_each(|r| r.close(ctx));
                return Err(e);
            }
        }
    }
    // SAFETY: querying the error indicator needs only a live context.
    if unsafe { HPyErr_Occurred(ctx.as_raw()) } != 0 {
        done.iter_mut().for_each(|r| r.close(ctx));
        PENDING.with(|p| *p.borrow_mut() = Some(done));
        return Err(HPyErr::fetch());
    }
    // Converting the results calls HPy again: if the runtime fails now (a
    // call returns an error without an exception, after a step broke
    // something), the results are kept as if the exception came from a step.
    let record: Vec<Recorded> = done.iter().map(Recorded::described).collect();
    let mut converted = Vec::with_capacity(done.len());
    let mut rest = done.into_iter();
    for r in rest.by_ref() {
        match r.into_py(ctx) {
            Ok(h) => converted.push(h),
            Err(e) => {
                rest.for_each(|mut r| r.close(ctx));
                PENDING.with(|p| *p.borrow_mut() = Some(record));
                return Err(e);
            }
        }
    }
    Ok(converted)
}

/// The results of the last `run` that raised because a step left an
/// exception pending (`None`: it raised for another reason, a harness error).
#[hpy_function]
pub fn take_pending<'ctx>(ctx: Ctx<'ctx>) -> HPyResult<Option<Vec<Handle<'ctx>>>> {
    let Some(done) = PENDING.with(|p| p.borrow_mut().take()) else { return Ok(None) };
    done.into_iter().map(|r| r.into_py(ctx)).collect::<HPyResult<_>>().map(Some)
}
