// The value borrowed from a capsule cannot outlive the capsule's handle.
use hpy::prelude::*;
use hpy::Capsule;

fn dangling(ctx: Ctx<'_>) -> HPyResult<u64> {
    let value: &u64 = {
        let capsule = Capsule::new(ctx, 7u64, None)?;
        capsule.get::<u64>(None)?
    };
    Ok(*value)
}

fn main() {}
