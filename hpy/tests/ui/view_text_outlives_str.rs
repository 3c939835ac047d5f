// Text borrowed from a `Str` view cannot outlive it either.
use hpy::prelude::*;

fn dangling(ctx: Ctx<'_>) -> HPyResult<usize> {
    let text: &str = {
        let view = Str::new(ctx, "temporary")?;
        view.to_str()?
    };
    Ok(text.len())
}

fn main() {}
