//! The one timestamp written into every archive entry, for reproducible archives.

use anyhow::{Context, Result};

/// Seconds since the Unix epoch of 1980-01-01T00:00:00Z, the earliest time a zip file can hold.
pub const ZIP_EPOCH: u64 = 315_532_800;

/// The archive timestamp: `SOURCE_DATE_EPOCH` when set (see reproducible-builds.org),
/// else 1980-01-01, so that two builds of the same sources are byte-identical.
pub fn source_date_epoch() -> Result<u64> {
    match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(value) => value.trim().parse().with_context(|| {
            format!("SOURCE_DATE_EPOCH must be a number of seconds since 1970, not '{value}'")
        }),
        Err(_) => Ok(ZIP_EPOCH),
    }
}
