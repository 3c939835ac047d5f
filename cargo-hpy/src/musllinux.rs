//! The `musllinux_1_X_<arch>` platform tag (PEP 656) of a library built for musl libc.
//!
//! musl has no symbol versions, so the policy cannot be read from the binary: the tag is the
//! one asked for (`musllinux_1_2` by default, the musl that zig links against), after checking
//! that the library needs only what every musllinux system has (musl's libc and zlib, as in
//! auditwheel's musllinux policies) and nothing from glibc.

use anyhow::{Result, bail};

use crate::elf::SharedLibrary;

/// The musl minor versions with a musllinux policy (`musllinux_1_1`, `musllinux_1_2`).
pub const MINORS: &[u32] = &[1, 2];

/// The tags of `musllinux_1_<minor>` for `library`.
pub fn musllinux_tags(library: &SharedLibrary, minor: u32) -> Result<Vec<String>> {
    if !MINORS.contains(&minor) {
        bail!("musllinux_1_{minor} is not a musllinux policy: use musllinux_1_1 or musllinux_1_2");
    }
    let glibc: Vec<String> = library
        .imports
        .iter()
        .filter(|i| i.version.as_deref().is_some_and(|v| v.starts_with("GLIBC_")))
        .map(|i| format!("{}@{}", i.name, i.version.as_deref().unwrap_or_default()))
        .collect();
    if !glibc.is_empty() {
        bail!(
            "not a musl library: it needs glibc symbols ({}); build it for a musl target",
            glibc.join(", ")
        );
    }
    let outside: Vec<&str> = library
        .needed
        .iter()
        .map(String::as_str)
        .filter(|n| {
            !(*n == "libc.so"
                || *n == "libz.so.1"
                || n.starts_with("libc.musl-")
                || n.starts_with("ld-musl-"))
        })
        .collect();
    if !outside.is_empty() {
        bail!(
            "not a musllinux library: it needs shared libraries that no musllinux policy allows: {}",
            outside.join(", ")
        );
    }
    Ok(vec![format!("musllinux_1_{minor}_{}", library.arch)])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::elf::Import;

    fn library(needed: &[&str], version: Option<&str>) -> SharedLibrary {
        SharedLibrary {
            exports: vec![],
            imports: vec![Import {
                name: "malloc".into(),
                library: String::new(),
                version: version.map(Into::into),
            }],
            needed: needed.iter().map(ToString::to_string).collect(),
            arch: "x86_64".into(),
        }
    }

    #[test]
    fn musl_libraries_get_the_requested_policy() {
        assert_eq!(musllinux_tags(&library(&["libc.so"], None), 2).unwrap(), ["musllinux_1_2_x86_64"]);
        assert_eq!(
            musllinux_tags(&library(&["libc.musl-x86_64.so.1"], None), 1).unwrap(),
            ["musllinux_1_1_x86_64"]
        );
    }

    #[test]
    fn glibc_and_other_libraries_are_refused() {
        let err = musllinux_tags(&library(&["libc.so.6"], Some("GLIBC_2.2.5")), 2).unwrap_err().to_string();
        assert!(err.contains("needs glibc symbols (malloc@GLIBC_2.2.5)"), "{err}");
        let err = musllinux_tags(&library(&["libc.so", "libssl.so.3"], None), 2).unwrap_err().to_string();
        assert!(err.contains("no musllinux policy allows: libssl.so.3"), "{err}");
        assert!(musllinux_tags(&library(&["libc.so"], None), 3).is_err());
    }
}
