//! The platform a wheel is built for: the Rust target, the policy its tag claims
//! (`--compatibility`), and whether cargo-zigbuild links it.
//!
//! - `native` (the default): build for this machine; the tag is the oldest manylinux policy
//!   the binary satisfies, so it follows the glibc it was linked against.
//! - `manylinux2014`, `manylinux_2_X`: link against glibc 2.X with zig; the binary is checked
//!   against that policy and the wheel is tagged with it.
//! - `musllinux_1_1`, `musllinux_1_2`: build for the musl target of the architecture.
//!
//! `--target` cross-compiles with zig too, `manylinux2014` for glibc targets and
//! `musllinux_1_2` for musl targets unless `--compatibility` says otherwise.

use std::path::PathBuf;
use std::process::Command;
use std::str::FromStr;

use anyhow::{Context, Result, bail};

use crate::cli::PlatformOptions;
use crate::elf::SharedLibrary;
use crate::manylinux::{is_policy, platform_tags, policy_names, policy_tags};
use crate::musllinux::{MINORS, musllinux_tags};

/// The policy a wheel's platform tag claims.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compatibility {
    /// Whatever the binary satisfies (manylinux, from its glibc symbol versions).
    Native,
    /// `manylinux_2_<glibc>`.
    Manylinux(u32),
    /// `musllinux_1_<minor>`.
    Musllinux(u32),
}

impl FromStr for Compatibility {
    type Err = anyhow::Error;

    fn from_str(text: &str) -> Result<Compatibility> {
        let policy = match text {
            "native" => Some(Compatibility::Native),
            "manylinux1" => Some(Compatibility::Manylinux(5)),
            "manylinux2010" => Some(Compatibility::Manylinux(12)),
            "manylinux2014" => Some(Compatibility::Manylinux(17)),
            _ => text
                .strip_prefix("manylinux_2_")
                .and_then(|n| n.parse().ok())
                .filter(|n| is_policy(*n))
                .map(Compatibility::Manylinux)
                .or_else(|| {
                    let minor = text.strip_prefix("musllinux_1_")?.parse().ok()?;
                    MINORS.contains(&minor).then_some(Compatibility::Musllinux(minor))
                }),
        };
        policy.with_context(|| {
            format!(
                "unknown compatibility '{text}': use native, manylinux2014, manylinux_2_X ({}), \
                 musllinux_1_1 or musllinux_1_2",
                policy_names()
            )
        })
    }
}

/// How one build is made and tagged.
#[derive(Debug, Clone)]
pub struct Platform {
    /// The Rust target triple, when not building for this machine's default.
    pub target: Option<String>,
    pub compatibility: Compatibility,
    /// The cargo-zigbuild program, when zig links the library.
    pub zigbuild: Option<PathBuf>,
}

impl Platform {
    /// The platform of a build: `options` from the command line, else `configured` (the
    /// `[tool.cargo-hpy] compatibility`, which applies to release builds only).
    pub fn resolve(options: &PlatformOptions, configured: Option<&str>, release: bool) -> Result<Platform> {
        let requested = match (&options.compatibility, configured) {
            (Some(text), _) => Some(text.parse::<Compatibility>()?),
            (None, Some(text)) if release => Some(
                text.parse::<Compatibility>().context("pyproject.toml: [tool.cargo-hpy] compatibility")?,
            ),
            _ => None,
        };
        let musl_target = options.target.as_deref().is_some_and(is_musl);
        let compatibility = match requested {
            Some(c) => c,
            None if musl_target => Compatibility::Musllinux(2),
            None if options.target.is_some() => Compatibility::Manylinux(17),
            None => Compatibility::Native,
        };
        let target = match (&compatibility, &options.target) {
            (Compatibility::Musllinux(_), Some(t)) if !is_musl(t) => {
                bail!("--compatibility musllinux needs a musl target, not --target {t}")
            }
            (Compatibility::Manylinux(_), Some(t)) if is_musl(t) => {
                bail!("--target {t} is a musl target: use --compatibility musllinux_1_2, not manylinux")
            }
            (Compatibility::Musllinux(_), None) => Some(host_triple()?.replace("-gnu", "-musl")),
            (_, target) => target.clone(),
        };
        let zig = options.zig || compatibility != Compatibility::Native;
        let zigbuild = if zig {
            let why = match (&options.compatibility, &options.target) {
                (Some(c), _) => format!("--compatibility {c}"),
                (None, Some(t)) => format!("--target {t}"),
                (None, None) if options.zig => "--zig".to_string(),
                (None, None) => "[tool.cargo-hpy] compatibility".to_string(),
            };
            Some(crate::zig::cargo_zigbuild(&why)?)
        } else {
            None
        };
        Ok(Platform { target, compatibility, zigbuild })
    }

    /// The `--target` to give cargo, or cargo-zigbuild (always a triple, with the glibc
    /// version appended for a manylinux policy: zig links only what it is given a target for).
    pub fn cargo_target(&self) -> Result<Option<String>> {
        if self.zigbuild.is_none() {
            return Ok(self.target.clone());
        }
        let triple = match &self.target {
            Some(t) => t.clone(),
            None => host_triple()?,
        };
        Ok(Some(match self.compatibility {
            Compatibility::Manylinux(glibc) => format!("{triple}.2.{glibc}"),
            _ => triple,
        }))
    }

    /// `--config` values for cargo: musl targets link libc dynamically, as a Python
    /// extension must (Rust links musl statically by default, which cannot make a cdylib).
    pub fn cargo_config(&self) -> Vec<String> {
        match &self.target {
            Some(t) if is_musl(t) => {
                vec![format!("target.{t}.rustflags=[\"-C\", \"target-feature=-crt-static\"]")]
            }
            _ => vec![],
        }
    }

    /// The wheel's platform tags for `library`, checked against the policy.
    pub fn tags(&self, library: &SharedLibrary) -> Result<Vec<String>> {
        match self.compatibility {
            Compatibility::Native => platform_tags(library),
            Compatibility::Manylinux(glibc) => policy_tags(library, glibc),
            Compatibility::Musllinux(minor) => musllinux_tags(library, minor),
        }
    }
}

fn is_musl(triple: &str) -> bool {
    triple.contains("-musl")
}

/// This machine's Rust target triple, from `rustc -vV`.
fn host_triple() -> Result<String> {
    let rustc = std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
    let output = Command::new(&rustc).arg("-vV").output().context("could not run `rustc -vV`")?;
    let text = String::from_utf8_lossy(&output.stdout);
    text.lines()
        .find_map(|l| l.strip_prefix("host: "))
        .map(|h| h.trim().to_string())
        .context("`rustc -vV` did not name the host target")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn policies_parse() {
        assert_eq!("manylinux2014".parse::<Compatibility>().unwrap(), Compatibility::Manylinux(17));
        assert_eq!("manylinux_2_28".parse::<Compatibility>().unwrap(), Compatibility::Manylinux(28));
        assert_eq!("musllinux_1_2".parse::<Compatibility>().unwrap(), Compatibility::Musllinux(2));
        assert_eq!("native".parse::<Compatibility>().unwrap(), Compatibility::Native);
        let err = "manylinux_2_18".parse::<Compatibility>().unwrap_err().to_string();
        assert!(
            err.starts_with("unknown compatibility 'manylinux_2_18': use native, manylinux2014"),
            "{err}"
        );
        assert!("musllinux_1_3".parse::<Compatibility>().is_err());
    }

    #[test]
    fn the_native_platform_needs_no_zig() {
        let platform = Platform::resolve(&PlatformOptions::default(), None, true).unwrap();
        assert_eq!(platform.compatibility, Compatibility::Native);
        assert!(platform.zigbuild.is_none() && platform.target.is_none());
        assert!(platform.cargo_target().unwrap().is_none() && platform.cargo_config().is_empty());
        // The setting applies to release builds only.
        let debug = Platform::resolve(&PlatformOptions::default(), Some("manylinux2014"), false).unwrap();
        assert_eq!(debug.compatibility, Compatibility::Native);
    }

    #[test]
    fn musl_and_glibc_do_not_mix() {
        let options = |c: &str, t: &str| PlatformOptions {
            compatibility: Some(c.into()),
            target: Some(t.into()),
            ..PlatformOptions::default()
        };
        let err = Platform::resolve(&options("musllinux_1_2", "aarch64-unknown-linux-gnu"), None, true);
        assert!(err.unwrap_err().to_string().contains("needs a musl target"));
        let err = Platform::resolve(&options("manylinux2014", "aarch64-unknown-linux-musl"), None, true);
        assert!(err.unwrap_err().to_string().contains("is a musl target"));
    }
}
