//! The `manylinux_2_X_<arch>` platform tag (PEP 600) a shared library qualifies for.
//!
//! A wheel may say `manylinux_2_X` when its binaries need only the libraries every such
//! system has, in versions no newer than glibc 2.X and its companions ship. The versions
//! come from the ELF version needs (`GLIBC_2.17`, `GCC_4.2.0`, `GLIBCXX_3.4.19`, ...).
//! The table below states the policies of auditwheel 6 (`manylinux-policy.json`) as facts:
//! for each glibc, the newest version of each companion library. They are exact for
//! x86_64; other architectures are checked against the same numbers.

use std::path::{Path, PathBuf};

use anyhow::{Result, bail};

use crate::elf::{Import, SharedLibrary};

/// One manylinux policy: the newest symbol versions allowed, per version namespace.
struct Policy {
    /// The glibc minor version: the policy is `manylinux_2_<glibc>`.
    glibc: u32,
    /// Its legacy name (`manylinux2014`, ...), if any.
    alias: Option<&'static str>,
    gcc: &'static str,
    glibcxx: &'static str,
    cxxabi: &'static str,
    libatomic: Option<&'static str>,
    zlib: Option<&'static str>,
}

const fn policy(
    glibc: u32,
    alias: Option<&'static str>,
    gcc: &'static str,
    cxx: [&'static str; 2],
) -> Policy {
    Policy { glibc, alias, gcc, glibcxx: cxx[0], cxxabi: cxx[1], libatomic: Some("1.2"), zlib: Some("1.2.9") }
}

const POLICIES: &[Policy] = &[
    Policy { libatomic: None, zlib: None, ..policy(5, Some("manylinux1"), "4.2.0", ["3.4.8", "1.3.1"]) },
    Policy {
        libatomic: None,
        zlib: Some("1.2.2.4"),
        ..policy(12, Some("manylinux2010"), "4.3.0", ["3.4.13", "1.3.3"])
    },
    Policy {
        libatomic: None,
        zlib: Some("1.2.5.2"),
        ..policy(17, Some("manylinux2014"), "4.8.0", ["3.4.19", "1.3.7"])
    },
    Policy { zlib: Some("1.2.5.2"), ..policy(24, None, "4.8.0", ["3.4.22", "1.3.10"]) },
    Policy { zlib: Some("1.2.5.2"), ..policy(26, None, "4.8.0", ["3.4.22", "1.3.10"]) },
    policy(27, None, "7.0.0", ["3.4.24", "1.3.11"]),
    policy(28, None, "7.0.0", ["3.4.24", "1.3.11"]),
    policy(31, None, "7.0.0", ["3.4.28", "1.3.12"]),
    policy(34, None, "7.0.0", ["3.4.29", "1.3.13"]),
    policy(35, None, "12.0.0", ["3.4.30", "1.3.13"]),
    policy(36, None, "12.0.0", ["3.4.30", "1.3.13"]),
    Policy { zlib: Some("1.2.12"), ..policy(37, None, "12.0.0", ["3.4.30", "1.3.13"]) },
    Policy { zlib: Some("1.2.12"), ..policy(38, None, "12.0.0", ["3.4.30", "1.3.13"]) },
    Policy { zlib: Some("1.2.12"), ..policy(39, None, "14.0.0", ["3.4.33", "1.3.15"]) },
    Policy { zlib: Some("1.2.12"), ..policy(40, None, "14.0.0", ["3.4.33", "1.3.15"]) },
    Policy { zlib: Some("1.2.12"), ..policy(41, None, "14.0.0", ["3.4.33", "1.3.15"]) },
];

/// The libraries every manylinux system provides (`libexpat` from 2_12, `libmvec` from 2_24).
const SYSTEM_LIBRARIES: &[&str] = &[
    "libc.so.6",
    "libm.so.6",
    "libdl.so.2",
    "librt.so.1",
    "libpthread.so.0",
    "libutil.so.1",
    "libnsl.so.1",
    "libresolv.so.2",
    "libanl.so.1",
    "libgcc_s.so.1",
    "libstdc++.so.6",
    "libatomic.so.1",
    "libz.so.1",
    "libGL.so.1",
    "libX11.so.6",
    "libXext.so.6",
    "libXrender.so.1",
    "libICE.so.6",
    "libSM.so.6",
    "libglib-2.0.so.0",
    "libgobject-2.0.so.0",
    "libgthread-2.0.so.0",
    "libexpat.so.1",
    "libmvec.so.1",
];

/// The oldest manylinux policy `library` satisfies, as platform tags (most specific first).
pub fn platform_tags(library: &SharedLibrary) -> Result<Vec<String>> {
    check_libraries(library)?;
    let mut too_new = Vec::new();
    for policy in POLICIES.iter().filter(|p| p.glibc >= 17 || legacy_arch(&library.arch)) {
        too_new = library.imports.iter().filter(|i| !allowed(policy, i)).collect();
        if too_new.is_empty() {
            return Ok(tags(policy, &library.arch));
        }
    }
    let list: Vec<String> = too_new.iter().map(|i| describe(i)).collect();
    bail!(
        "the library needs symbol versions newer than any manylinux policy allows \
         (manylinux_2_{} is the newest cargo-hpy knows): {}",
        POLICIES.last().expect("the table is not empty").glibc,
        list.join(", ")
    )
}

/// The tags of the policy `manylinux_2_<glibc>`, after checking that `library` satisfies it.
pub fn policy_tags(library: &SharedLibrary, glibc: u32) -> Result<Vec<String>> {
    check_libraries(library)?;
    let Some(policy) = POLICIES.iter().find(|p| p.glibc == glibc) else {
        bail!("manylinux_2_{glibc} is not a manylinux policy; the policies are {}", policy_names());
    };
    if glibc < 17 && !legacy_arch(&library.arch) {
        bail!(
            "manylinux_2_{glibc} does not exist for {}: the oldest policy there is manylinux2014",
            library.arch
        );
    }
    let too_new: Vec<String> = library.imports.iter().filter(|i| !allowed(policy, i)).map(describe).collect();
    if !too_new.is_empty() {
        bail!(
            "the library does not satisfy manylinux_2_{glibc}: it needs newer symbol versions: {}",
            too_new.join(", ")
        );
    }
    Ok(tags(policy, &library.arch))
}

/// Whether `glibc` names a manylinux policy (`manylinux_2_<glibc>`).
pub fn is_policy(glibc: u32) -> bool {
    POLICIES.iter().any(|p| p.glibc == glibc)
}

/// The names of the policies, for messages.
pub fn policy_names() -> String {
    let names: Vec<String> = POLICIES
        .iter()
        .map(|p| match p.alias {
            Some(alias) => format!("manylinux_2_{} ({alias})", p.glibc),
            None => format!("manylinux_2_{}", p.glibc),
        })
        .collect();
    names.join(", ")
}

/// Architectures with the policies older than manylinux2014.
fn legacy_arch(arch: &str) -> bool {
    matches!(arch, "x86_64" | "i686")
}

fn tags(policy: &Policy, arch: &str) -> Vec<String> {
    let mut tags = vec![format!("manylinux_2_{}_{arch}", policy.glibc)];
    tags.extend(policy.alias.map(|alias| format!("{alias}_{arch}")));
    tags
}

fn describe(import: &Import) -> String {
    format!("{}@{} (from {})", import.name, import.version.as_deref().unwrap_or("?"), import.library)
}

/// Whether `policy` allows the symbol version that `import` needs.
fn allowed(policy: &Policy, import: &Import) -> bool {
    let Some(version) = &import.version else { return true };
    let Some((namespace, number)) = split_version(version) else { return true };
    match (namespace, number) {
        ("GLIBC", "PRIVATE") => false,
        ("GLIBC", "ABI_DT_RELR") => policy.glibc >= 36,
        ("GLIBC", number) => at_most(number, &format!("2.{}", policy.glibc)),
        ("GCC", number) => at_most(number, policy.gcc),
        ("GLIBCXX", number) => at_most(number, policy.glibcxx),
        ("CXXABI", "TM_1") => policy.glibc >= 17,
        ("CXXABI", "FLOAT128") => policy.glibc >= 24,
        ("CXXABI", number) => at_most(number, policy.cxxabi),
        ("LIBATOMIC", number) => policy.libatomic.is_some_and(|max| at_most(number, max)),
        ("ZLIB", number) => policy.zlib.is_some_and(|max| at_most(number, max)),
        // Versions of other libraries are not limited by the policies.
        _ => true,
    }
}

/// `GLIBC_2.17` -> (`GLIBC`, `2.17`); `CXXABI_TM_1` -> (`CXXABI`, `TM_1`).
fn split_version(version: &str) -> Option<(&str, &str)> {
    let (namespace, rest) = version.split_once('_')?;
    Some((namespace, rest))
}

/// Compares dotted numeric versions (a non-numeric part compares as newer than any number).
fn at_most(version: &str, max: &str) -> bool {
    let parts = |v: &str| v.split('.').map(|p| p.parse::<u64>().unwrap_or(u64::MAX)).collect::<Vec<_>>();
    parts(version) <= parts(max)
}

/// Fails when the library needs a shared library that manylinux systems do not provide.
fn check_libraries(library: &SharedLibrary) -> Result<()> {
    let mut problems = Vec::new();
    for needed in &library.needed {
        if is_dynamic_loader(needed) || SYSTEM_LIBRARIES.contains(&needed.as_str()) {
            continue;
        }
        if needed.starts_with("libc.musl") || needed.starts_with("ld-musl") {
            bail!(
                "the library links musl libc ({needed}): build it with --compatibility musllinux_1_2 \
                 (or a musl --target) for a musllinux wheel"
            );
        }
        let symbols = symbols_from(library, needed);
        let symbols = if symbols.is_empty() {
            String::from("symbols unknown")
        } else {
            format!("uses {}", symbols.join(", "))
        };
        problems.push(format!("{needed} ({symbols})"));
    }
    if !problems.is_empty() {
        bail!(
            "not a manylinux library: it needs shared libraries that no manylinux policy allows: {}\n\
             A wheel may only rely on the system libraries of the manylinux policy; link these \
             statically or drop the dependency.",
            problems.join("; ")
        );
    }
    Ok(())
}

fn is_dynamic_loader(name: &str) -> bool {
    name.starts_with("ld-linux") || name.starts_with("ld64.so") || name == "ld.so.1"
}

/// The imported symbols that come from `needed`: by symbol version, else by looking the
/// library up in the system's library folders and reading its exports.
fn symbols_from(library: &SharedLibrary, needed: &str) -> Vec<String> {
    let mut symbols: Vec<String> =
        library.imports.iter().filter(|i| i.library == needed).map(|i| i.name.clone()).collect();
    if symbols.is_empty()
        && let Some(path) = find_system_library(needed, &library.arch)
        && let Ok(provider) = SharedLibrary::read(&path)
    {
        symbols = library
            .imports
            .iter()
            .filter(|i| i.library.is_empty() && provider.exports.contains(&i.name))
            .map(|i| i.name.clone())
            .collect();
    }
    symbols.sort();
    symbols.dedup();
    symbols
}

fn find_system_library(name: &str, arch: &str) -> Option<PathBuf> {
    let triple = format!("{}-linux-gnu", if arch == "i686" { "i386" } else { arch });
    let dirs = [format!("/lib/{triple}"), format!("/usr/lib/{triple}"), "/lib64".into(), "/usr/lib64".into()];
    dirs.iter().map(|d| Path::new(d).join(name)).find(|p| p.is_file())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn import(name: &str, library: &str, version: &str) -> Import {
        Import { name: name.into(), library: library.into(), version: Some(version.into()) }
    }

    fn library(imports: Vec<Import>, needed: &[&str]) -> SharedLibrary {
        SharedLibrary {
            exports: vec![],
            imports,
            needed: needed.iter().map(ToString::to_string).collect(),
            arch: "x86_64".into(),
        }
    }

    #[test]
    fn the_newest_glibc_version_decides() {
        let lib = library(
            vec![
                import("memcpy", "libc.so.6", "GLIBC_2.14"),
                import("_Unwind_Resume", "libgcc_s.so.1", "GCC_3.0"),
                import("getrandom", "libc.so.6", "GLIBC_2.25"),
            ],
            &["libc.so.6", "libgcc_s.so.1", "ld-linux-x86-64.so.2"],
        );
        assert_eq!(platform_tags(&lib).unwrap(), ["manylinux_2_26_x86_64"]);
    }

    #[test]
    fn legacy_aliases_are_added() {
        let lib = library(vec![import("memcpy", "libc.so.6", "GLIBC_2.14")], &["libc.so.6"]);
        assert_eq!(platform_tags(&lib).unwrap(), ["manylinux_2_17_x86_64", "manylinux2014_x86_64"]);
        let lib = library(vec![import("free", "libc.so.6", "GLIBC_2.2.5")], &["libc.so.6"]);
        assert_eq!(platform_tags(&lib).unwrap(), ["manylinux_2_5_x86_64", "manylinux1_x86_64"]);
    }

    #[test]
    fn aarch64_starts_at_2_17() {
        let mut lib = library(vec![import("free", "libc.so.6", "GLIBC_2.17")], &["libc.so.6"]);
        lib.arch = "aarch64".into();
        assert_eq!(platform_tags(&lib).unwrap(), ["manylinux_2_17_aarch64", "manylinux2014_aarch64"]);
    }

    #[test]
    fn companion_libraries_raise_the_policy() {
        let lib = library(vec![import("f", "libstdc++.so.6", "GLIBCXX_3.4.21")], &["libstdc++.so.6"]);
        assert_eq!(platform_tags(&lib).unwrap(), ["manylinux_2_24_x86_64"]);
    }

    #[test]
    fn a_library_outside_the_policy_is_refused_with_its_symbols() {
        let lib = library(
            vec![import("crypt", "libcrypt.so.1", "XCRYPT_2.0"), import("free", "libc.so.6", "GLIBC_2.2.5")],
            &["libc.so.6", "libcrypt.so.1"],
        );
        let err = platform_tags(&lib).unwrap_err().to_string();
        assert!(err.contains("libcrypt.so.1 (uses crypt)"), "{err}");
    }

    #[test]
    fn too_new_versions_are_named() {
        let lib = library(vec![import("fancy", "libc.so.6", "GLIBC_2.99")], &["libc.so.6"]);
        let err = platform_tags(&lib).unwrap_err().to_string();
        assert!(err.contains("fancy@GLIBC_2.99 (from libc.so.6)"), "{err}");
    }

    #[test]
    fn a_requested_policy_is_checked() {
        let lib = library(vec![import("memcpy", "libc.so.6", "GLIBC_2.14")], &["libc.so.6"]);
        assert_eq!(policy_tags(&lib, 17).unwrap(), ["manylinux_2_17_x86_64", "manylinux2014_x86_64"]);
        assert_eq!(policy_tags(&lib, 28).unwrap(), ["manylinux_2_28_x86_64"]);
        let err = policy_tags(&lib, 12).unwrap_err().to_string();
        assert!(
            err.contains(
                "does not satisfy manylinux_2_12: it needs newer symbol versions: memcpy@GLIBC_2.14"
            )
        );
        assert!(policy_tags(&lib, 18).unwrap_err().to_string().contains("not a manylinux policy"));
    }

    #[test]
    fn versions_compare_numerically() {
        assert!(at_most("2.9", "2.17"));
        assert!(!at_most("2.17.1", "2.17"));
        assert!(at_most("3.4", "3.4.8"));
    }
}
