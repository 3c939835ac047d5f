// A borrowed `PyObject *` cannot move to another thread, which may not hold
// the interpreter's lock.
use hpy::prelude::*;

fn send(ctx: Ctx<'_>) -> HPyResult<()> {
    let handle = 1.into_hpy(ctx)?;
    let object = handle.as_py_object();
    std::thread::scope(|s| {
        s.spawn(move || {
            let _moved = object;
        });
    });
    Ok(())
}

fn main() {}
