//! The `RECORD` file of a wheel: every file with its sha256 hash and size (PEP 376/427).

use anyhow::Result;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sha2::{Digest, Sha256};

/// The `sha256=<urlsafe base64, no padding>` digest of `data`, as RECORD spells it.
pub fn hash(data: &[u8]) -> String {
    format!("sha256={}", URL_SAFE_NO_PAD.encode(Sha256::digest(data)))
}

/// The RECORD contents for `files` (archive path, bytes), listing itself last with no hash.
pub fn record<'a>(files: impl IntoIterator<Item = (&'a str, &'a [u8])>, record_path: &str) -> Result<String> {
    let mut writer =
        csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n')).from_writer(Vec::new());
    for (path, data) in files {
        writer.write_record([path, &hash(data), &data.len().to_string()])?;
    }
    writer.write_record([record_path, "", ""])?;
    Ok(String::from_utf8(writer.into_inner()?)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_urlsafe_base64_without_padding() {
        // sha256("") in the RECORD encoding.
        assert_eq!(hash(b""), "sha256=47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU");
    }

    #[test]
    fn paths_with_commas_are_quoted() {
        let text = record([("a,b.txt", &b"x"[..]), ("m.py", b"")], "d-1.dist-info/RECORD").unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], format!("\"a,b.txt\",{},1", hash(b"x")));
        assert_eq!(lines[1], format!("m.py,{},0", hash(b"")));
        assert_eq!(lines[2], "d-1.dist-info/RECORD,,");
    }
}
