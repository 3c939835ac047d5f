//! Test extension: proves that the test harness catches what it must.

use hpy::prelude::*;

#[hpy_module]
mod harness {
    use hpy::prelude::*;

    /// Leaks one handle on purpose (safe Rust can leak with `mem::forget`,
    /// as with any resource); debug mode must report it.
    #[hpy_function]
    fn leak_one(ctx: Ctx<'_>) -> HPyResult<()> {
        let handle = "leaked on purpose".into_hpy(ctx)?;
        std::mem::forget(handle);
        Ok(())
    }

    /// A capsule named `harness.foreign`, made by this binary: foreign to
    /// every other extension (PyPy has no `datetime.datetime_CAPI`).
    #[hpy_function]
    fn foreign_capsule(ctx: Ctx<'_>) -> HPyResult<hpy::Capsule<'_>> {
        hpy::Capsule::new(ctx, 7u32, Some(c"harness.foreign"))
    }
}
