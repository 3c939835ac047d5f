//! A `.tar.gz` with reproducible bytes: entries in the given order, one timestamp, fixed
//! permissions and owners, and a gzip header without a time or file name.

use std::io::Write;

use anyhow::Result;
use flate2::{Compression, GzBuilder};

/// Writes `entries` (archive path, bytes, executable?) as a gzipped tar to `out`.
pub fn write_tar_gz<W: Write>(out: W, entries: &[(String, Vec<u8>, bool)], epoch: u64) -> Result<W> {
    let gzip = GzBuilder::new().mtime(0).write(out, Compression::new(6));
    let mut tar = tar::Builder::new(gzip);
    tar.mode(tar::HeaderMode::Deterministic);
    for (path, data, executable) in entries {
        let mut header = tar::Header::new_gnu();
        header.set_size(data.len() as u64);
        header.set_mode(if *executable { 0o755 } else { 0o644 });
        header.set_mtime(epoch);
        header.set_uid(0);
        header.set_gid(0);
        header.set_entry_type(tar::EntryType::Regular);
        tar.append_data(&mut header, path, data.as_slice())?;
    }
    Ok(tar.into_inner()?.finish()?)
}
