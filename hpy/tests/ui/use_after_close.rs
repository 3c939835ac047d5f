// A closed handle cannot be used again, nor closed twice.
use hpy::prelude::*;

fn twice(ctx: Ctx<'_>) -> HPyResult<()> {
    let handle = 1i64.into_hpy(ctx)?;
    handle.close();
    handle.close();
    Ok(())
}

fn main() {}
