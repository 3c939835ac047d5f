// `into_py_object` gives the reference away: the handle is gone.
use hpy::prelude::*;

fn twice(ctx: Ctx<'_>) -> HPyResult<()> {
    let handle = 1.into_hpy(ctx)?;
    let _object = handle.into_py_object();
    handle.close();
    Ok(())
}

fn main() {}
