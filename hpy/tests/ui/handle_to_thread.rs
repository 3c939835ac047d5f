// Handles and contexts belong to the thread that holds the interpreter.
use hpy::prelude::*;

fn send(ctx: Ctx<'_>) -> HPyResult<()> {
    let handle = 1i64.into_hpy(ctx)?;
    std::thread::scope(|s| {
        s.spawn(move || drop(handle));
    });
    Ok(())
}

fn main() {}
