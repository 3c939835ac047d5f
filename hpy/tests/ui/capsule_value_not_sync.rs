// A capsule's value can be reached from any thread that holds the
// interpreter, and is dropped by whichever thread frees the capsule: it
// must be `Send` and `Sync`.
use hpy::prelude::*;
use hpy::Capsule;
use std::cell::Cell;

fn make(ctx: Ctx<'_>) -> HPyResult<Capsule<'_>> {
    Capsule::new(ctx, Cell::new(1u64), None)
}

fn main() {}
