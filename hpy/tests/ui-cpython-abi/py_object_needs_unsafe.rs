// Turning a `PyObject *` into a handle trusts the pointer: it needs `unsafe`.
use hpy::prelude::*;
use hpy::PyObject;

fn adopt(ctx: Ctx<'_>, object: *mut PyObject) -> HPyResult<Handle<'_>> {
    ctx.from_owned_py_object(object)
}

fn share(ctx: Ctx<'_>, object: *mut PyObject) -> HPyResult<Handle<'_>> {
    ctx.from_borrowed_py_object(object)
}

fn main() {}
