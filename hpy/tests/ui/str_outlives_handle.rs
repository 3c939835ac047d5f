// A `&str` borrowed from a string object cannot outlive its handle.
use hpy::prelude::*;

fn dangling(ctx: Ctx<'_>) -> HPyResult<usize> {
    let text: &str = {
        let handle = "temporary".into_hpy(ctx)?;
        handle.extract()?
    };
    Ok(text.len())
}

fn main() {}
