//! Test extension: Rust errors as Python exceptions, and misuse that must
//! stay safe.

use hpy::prelude::*;

#[hpy_module]
mod errors {
    use hpy::prelude::*;
    use hpy::{ListBuilder, TupleBuilder};

    /// Opens a file: std::io errors become OSError with errno and strerror.
    #[hpy_function]
    fn open_file(path: &str) -> HPyResult<usize> {
        Ok(std::fs::read(path)?.len())
    }

    /// Parses an integer: ParseIntError becomes ValueError.
    #[hpy_function]
    fn parse_int(text: &str) -> HPyResult<i64> {
        Ok(text.parse::<i64>()?)
    }

    /// Narrows an integer: TryFromIntError becomes OverflowError.
    #[hpy_function]
    fn narrow(value: i64) -> HPyResult<u8> {
        Ok(u8::try_from(value)?)
    }

    /// Raises with a message holding any text, NUL included.
    #[hpy_function]
    fn raise_message(message: String) -> HPyResult<()> {
        Err(hpy::exceptions::ValueError::new_err(message))
    }

    /// A builder with an item never set fails instead of building a broken list.
    #[hpy_function]
    fn incomplete_list(ctx: Ctx<'_>) -> HPyResult<Handle<'_>> {
        let mut builder = ListBuilder::new(ctx, 2)?;
        builder.set(0, &1i64.into_hpy(ctx)?);
        builder.build()
    }

    /// Setting an item twice is a bug in the extension: it panics.
    #[hpy_function]
    fn tuple_item_twice(ctx: Ctx<'_>) -> HPyResult<Handle<'_>> {
        let mut builder = TupleBuilder::new(ctx, 1)?;
        let item = 1i64.into_hpy(ctx)?;
        builder.set(0, &item);
        builder.set(0, &item);
        builder.build()
    }

    /// A complete tuple builds.
    #[hpy_function]
    fn pair<'ctx>(ctx: Ctx<'ctx>, a: &Handle<'ctx>, b: &Handle<'ctx>) -> HPyResult<Handle<'ctx>> {
        let mut builder = TupleBuilder::new(ctx, 2)?;
        builder.set(0, a);
        builder.set(1, b);
        builder.build()
    }

    /// Returns an error that claims an exception is pending when none is.
    #[hpy_function]
    fn false_pending() -> HPyResult<()> {
        Err(HPyErr::fetch())
    }

    /// Drops a pending error and returns success (a bug, reported in debug builds).
    #[hpy_function]
    fn drops_pending_error(obj: &Handle<'_>) -> i64 {
        let _ = obj.getattr("no_such_attribute");
        1
    }
}
