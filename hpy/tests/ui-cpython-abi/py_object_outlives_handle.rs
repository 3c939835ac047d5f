// A `PyObjectRef` lent by a handle cannot outlive the handle.
use hpy::prelude::*;
use hpy::PyObject;

fn dangling(ctx: Ctx<'_>) -> HPyResult<*mut PyObject> {
    let object = {
        let handle = "temporary".into_hpy(ctx)?;
        handle.as_py_object()
    };
    Ok(object.as_ptr())
}

fn main() {}
