// A handle borrowed from a tracker cannot be used once the tracker closed
// it, nor after its handles were given back.
use hpy::prelude::*;
use hpy::Tracker;

fn dangling(ctx: Ctx<'_>) -> HPyResult<bool> {
    let mut tracker = Tracker::new(ctx, 0)?;
    let item = tracker.track(1i64.into_hpy(ctx)?)?;
    let handles = tracker.forget_all();
    drop(handles);
    Ok(item.is_none())
}

fn main() {}
