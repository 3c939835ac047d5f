//! A zip archive with reproducible bytes: given entries in a fixed order, a fixed timestamp
//! and fixed permissions, the same inputs always give the same file.

use std::io::{Seek, Write};

use anyhow::{Context, Result};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use crate::timestamp::ZIP_EPOCH;

/// Writes `entries` (archive path, bytes, executable?) in the given order.
pub fn write_zip<W: Write + Seek>(out: W, entries: &[(&str, &[u8], bool)], epoch: u64) -> Result<W> {
    let time = zip_time(epoch)?;
    let mut zip = ZipWriter::new(out);
    for (path, data, executable) in entries {
        let options = SimpleFileOptions::default()
            .compression_method(CompressionMethod::Deflated)
            .compression_level(Some(6))
            .last_modified_time(time)
            .unix_permissions(if *executable { 0o755 } else { 0o644 });
        zip.start_file(*path, options)?;
        zip.write_all(data)?;
    }
    Ok(zip.finish()?)
}

/// The zip timestamp for `epoch` seconds, clamped to the zip range (1980..2107).
fn zip_time(epoch: u64) -> Result<zip::DateTime> {
    let clamped = epoch.clamp(ZIP_EPOCH, 4_354_819_199) as i64;
    let time = time::OffsetDateTime::from_unix_timestamp(clamped)?;
    zip::DateTime::try_from(time).context("timestamp out of the zip range")
}
