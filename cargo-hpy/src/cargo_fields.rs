//! Core metadata taken from `Cargo.toml`: the fallback when pyproject.toml has no
//! `[project]` table, and the source of the fields `[project]` declares `dynamic`.

use anyhow::{Result, bail};
use cargo_metadata::Package;
use cargo_metadata::semver::Version;

use crate::metadata_checks::Origin;
use crate::wheel::metadata::CoreMetadata;

/// Where errors say Cargo.toml's values come from.
pub const CARGO_ORIGIN: &str = "Cargo.toml: [package]";

/// The core metadata of a package described only by its Cargo.toml.
pub fn metadata_from_cargo(package: &Package) -> Result<CoreMetadata> {
    let origin = Origin(CARGO_ORIGIN);
    origin.name("name", &package.name)?;
    let mut metadata = CoreMetadata {
        name: package.name.to_string(),
        version: origin.version("version", &pep440_version(&package.version)?)?,
        summary: cargo_summary(package),
        license_expression: package
            .license
            .as_deref()
            .map(|l| origin.cargo_license("license", l))
            .transpose()?,
        keywords: package.keywords.clone(),
        ..CoreMetadata::default()
    };
    set_authors(&mut metadata, &package.authors);
    metadata.project_urls = project_urls(package);
    Ok(metadata)
}

/// Cargo's `description` as a one-line summary.
pub fn cargo_summary(package: &Package) -> Option<String> {
    package.description.as_ref().map(|d| d.trim().replace('\n', " "))
}

/// `Author` / `Author-email` from Cargo's `"Name <email>"` author strings.
pub fn set_authors(metadata: &mut CoreMetadata, authors: &[String]) {
    let mut names = Vec::new();
    let mut emails = Vec::new();
    for author in authors {
        match author.split_once('<') {
            Some((name, email)) if email.trim_end().ends_with('>') => {
                let email = email.trim_end().trim_end_matches('>').trim();
                let name = name.trim();
                emails.push(if name.is_empty() { email.to_string() } else { format!("{name} <{email}>") });
            }
            _ => names.push(author.trim().to_string()),
        }
    }
    metadata.author = (!names.is_empty()).then(|| names.join(", "));
    metadata.author_email = (!emails.is_empty()).then(|| emails.join(", "));
}

/// `Project-URL`s from `homepage`, `repository` and `documentation`.
pub fn project_urls(package: &Package) -> Vec<(String, String)> {
    [
        ("Homepage", &package.homepage),
        ("Repository", &package.repository),
        ("Documentation", &package.documentation),
    ]
    .into_iter()
    .filter_map(|(label, url)| url.clone().map(|url| (label.to_string(), url)))
    .collect()
}

/// A Cargo (SemVer) version as a PEP 440 version: `1.2.0-alpha.1` is `1.2.0a1`,
/// `-beta.N` is `bN`, `-rc.N` is `rcN`, `-dev.N` is `.devN`; build metadata is a local version.
pub fn pep440_version(version: &Version) -> Result<String> {
    let mut out = format!("{}.{}.{}", version.major, version.minor, version.patch);
    if !version.pre.is_empty() {
        let pre = version.pre.as_str();
        let (kind, number) = pre.split_once('.').unwrap_or((pre, "0"));
        let suffix = match kind {
            "alpha" | "a" => "a",
            "beta" | "b" => "b",
            "rc" | "c" => "rc",
            "dev" => ".dev",
            _ => "",
        };
        if suffix.is_empty() || number.parse::<u64>().is_err() {
            bail!(
                "cannot turn the pre-release version {version} into a Python (PEP 440) version: use \
                 -alpha.N, -beta.N, -rc.N or -dev.N, or set `version` in pyproject.toml's [project]"
            );
        }
        out.push_str(&format!("{suffix}{number}"));
    }
    if !version.build.is_empty() {
        out.push('+');
        out.push_str(&version.build.as_str().replace('-', "."));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pep440(v: &str) -> Result<String> {
        pep440_version(&Version::parse(v).unwrap())
    }

    #[test]
    fn cargo_versions_become_pep440() {
        assert_eq!(pep440("1.2.3").unwrap(), "1.2.3");
        assert_eq!(pep440("1.2.3-alpha.1").unwrap(), "1.2.3a1");
        assert_eq!(pep440("1.2.3-beta").unwrap(), "1.2.3b0");
        assert_eq!(pep440("1.2.3-rc.2").unwrap(), "1.2.3rc2");
        assert_eq!(pep440("1.2.3-dev.4").unwrap(), "1.2.3.dev4");
        assert_eq!(pep440("1.2.3+build-5").unwrap(), "1.2.3+build.5");
        assert!(pep440("1.2.3-nightly").unwrap_err().to_string().contains("PEP 440"));
    }

    #[test]
    fn authors_split_into_names_and_emails() {
        let mut metadata = CoreMetadata::default();
        set_authors(&mut metadata, &["Ann <ann@example.org>".into(), "Bob".into()]);
        assert_eq!(metadata.author.as_deref(), Some("Bob"));
        assert_eq!(metadata.author_email.as_deref(), Some("Ann <ann@example.org>"));
    }
}
