//! Checks of metadata values against their specifications, before anything is built:
//! distribution names (PEP 508), versions and version specifiers (PEP 440), requirements and
//! markers (PEP 508), extra names (PEP 685) and license expressions (SPDX, PEP 639).
//!
//! The parsing is done by the `pep440_rs`, `pep508_rs` and `spdx` crates. Each error names
//! where the value comes from, the field and the value, then the parser's reason.

use std::str::FromStr;

use anyhow::{Result, bail};
use pep440_rs::{Version, VersionSpecifiers};
use pep508_rs::{ExtraName, PackageName, Requirement};

/// Where a value comes from, as errors name it: `path/pyproject.toml: [project]`, ...
#[derive(Debug, Clone, Copy)]
pub struct Origin<'a>(pub &'a str);

impl Origin<'_> {
    fn invalid(&self, field: &str, value: &str, what: &str, reason: impl std::fmt::Display) -> anyhow::Error {
        let reason = reason.to_string();
        let reason = reason.trim_end();
        let separator = if reason.contains('\n') { ":\n" } else { ": " };
        anyhow::anyhow!("{} {field}: {value:?} is not {what}{separator}{reason}", self.0)
    }

    /// Checks a distribution name (PEP 508: letters, digits, `-_.`, starting and ending with
    /// a letter or digit).
    pub fn name(&self, field: &str, value: &str) -> Result<()> {
        PackageName::new(value.to_string())
            .map(|_| ())
            .map_err(|e| self.invalid(field, value, "a valid distribution name (PEP 508)", e))
    }

    /// Checks a version and returns its normalized form (`1.0-RC1` is `1.0rc1`).
    pub fn version(&self, field: &str, value: &str) -> Result<String> {
        Version::from_str(value)
            .map(|v| v.to_string())
            .map_err(|e| self.invalid(field, value, "a valid version (PEP 440)", e))
    }

    /// Checks a version specifier set such as `>=3.8,<4`.
    pub fn specifiers(&self, field: &str, value: &str) -> Result<()> {
        VersionSpecifiers::from_str(value)
            .map(|_| ())
            .map_err(|e| self.invalid(field, value, "a valid version specifier (PEP 440)", e))
    }

    /// Checks a dependency: name, extras, version or URL, and environment markers.
    pub fn requirement(&self, field: &str, value: &str) -> Result<()> {
        Requirement::<pep508_rs::VerbatimUrl>::from_str(value)
            .map(|_| ())
            .map_err(|e| self.invalid(field, value, "a valid requirement (PEP 508)", e))
    }

    /// Checks an extra's name and returns it normalized (PEP 685: `Fast_Path` is `fast-path`).
    pub fn extra(&self, field: &str, value: &str) -> Result<String> {
        ExtraName::new(value.to_string())
            .map(|name| name.to_string())
            .map_err(|e| self.invalid(field, value, "a valid extra name (PEP 685)", e))
    }

    /// Checks an SPDX license expression (PEP 639: known license and exception identifiers,
    /// `LicenseRef-...`, `AND`, `OR`, `WITH` and parentheses).
    pub fn license_expression(&self, field: &str, value: &str) -> Result<()> {
        spdx::Expression::parse_mode(value, spdx::ParseMode::STRICT)
            .map(|_| ())
            .map_err(|e| self.invalid(field, value, "a valid SPDX license expression", e.reason))
    }

    /// Cargo's `license`, which also accepts `/` for `OR`, as a PEP 639 expression.
    pub fn cargo_license(&self, field: &str, value: &str) -> Result<String> {
        let canonical = spdx::Expression::canonicalize(value)
            .map_err(|e| self.invalid(field, value, "a valid SPDX license expression", e.reason))?
            .unwrap_or_else(|| value.to_string());
        self.license_expression(field, &canonical)?;
        Ok(canonical)
    }

    /// Checks a readme's content type (one of the three the core metadata allows).
    pub fn content_type(&self, field: &str, value: &str) -> Result<()> {
        let base = value.split(';').next().unwrap_or_default().trim();
        if !["text/plain", "text/x-rst", "text/markdown"].contains(&base) {
            bail!(
                "{} {field}: {value:?} is not a valid content type: use text/plain, text/x-rst or text/markdown",
                self.0
            );
        }
        Ok(())
    }

    /// Checks an entry point's object reference, `module.sub:attr.attr` (the `:attr` part is
    /// optional).
    pub fn object_reference(&self, field: &str, value: &str) -> Result<()> {
        let identifier = |part: &str| {
            part.chars().next().is_some_and(|c| c.is_alphabetic() || c == '_')
                && part.chars().all(|c| c.is_alphanumeric() || c == '_')
        };
        let dotted = |text: &str| text.split('.').map(str::trim).all(identifier);
        let valid = match value.split_once(':') {
            Some((module, attr)) => dotted(module) && dotted(attr),
            None => dotted(value),
        };
        if !valid {
            bail!(
                "{} {field}: {value:?} is not a valid entry point: use `package.module:function` \
                 (dotted Python identifiers)",
                self.0
            );
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const AT: Origin<'static> = Origin("pyproject.toml: [project]");

    fn message(result: Result<impl std::fmt::Debug>) -> String {
        result.unwrap_err().to_string()
    }

    #[test]
    fn names_follow_pep_508() {
        AT.name("name", "Mixed.Pkg").unwrap();
        let err = message(AT.name("name", "my demo!"));
        assert!(
            err.starts_with("pyproject.toml: [project] name: \"my demo!\" is not a valid distribution name")
        );
    }

    #[test]
    fn versions_are_normalized_and_checked() {
        assert_eq!(AT.version("version", "1.0-RC1").unwrap(), "1.0rc1");
        assert_eq!(AT.version("version", "1.2.3rc1").unwrap(), "1.2.3rc1");
        let err = message(AT.version("version", "banana"));
        assert!(
            err.starts_with("pyproject.toml: [project] version: \"banana\" is not a valid version (PEP 440)")
        );
    }

    #[test]
    fn specifiers_and_requirements_are_checked() {
        AT.specifiers("requires-python", ">=3.8").unwrap();
        let err = message(AT.specifiers("requires-python", ">=3.8,<"));
        assert!(err.contains("requires-python: \">=3.8,<\" is not a valid version specifier"), "{err}");
        AT.requirement("dependencies", "numpy>=1; python_version >= '3.9'").unwrap();
        AT.requirement("dependencies", "pkg[extra] @ https://example.org/pkg.whl").unwrap();
        let err = message(AT.requirement("dependencies", "numpy>=>1"));
        assert!(err.contains("dependencies: \"numpy>=>1\" is not a valid requirement (PEP 508)"), "{err}");
        let err = message(AT.requirement("dependencies", "numpy; python_versio == '3'"));
        assert!(err.contains("is not a valid requirement"), "{err}");
    }

    #[test]
    fn extras_are_normalized() {
        assert_eq!(AT.extra("optional-dependencies", "Fast_Path").unwrap(), "fast-path");
        assert!(message(AT.extra("optional-dependencies", "no way")).contains("not a valid extra name"));
    }

    #[test]
    fn license_expressions_are_spdx() {
        AT.license_expression("license", "MIT OR Apache-2.0").unwrap();
        AT.license_expression("license", "LicenseRef-Proprietary").unwrap();
        let err = message(AT.license_expression("license", "MIT OR Apahce-2.0"));
        assert!(
            err.contains("license: \"MIT OR Apahce-2.0\" is not a valid SPDX license expression"),
            "{err}"
        );
        let cargo = Origin("Cargo.toml: [package]");
        assert_eq!(cargo.cargo_license("license", "MIT/Apache-2.0").unwrap(), "MIT OR Apache-2.0");
        assert_eq!(cargo.cargo_license("license", "MIT OR Apache-2.0").unwrap(), "MIT OR Apache-2.0");
    }

    #[test]
    fn content_types_and_entry_points_are_checked() {
        AT.content_type("readme", "text/markdown; charset=UTF-8").unwrap();
        assert!(message(AT.content_type("readme", "text/html")).contains("not a valid content type"));
        AT.object_reference("scripts", "pkg.cli:main").unwrap();
        AT.object_reference("scripts", "pkg.cli").unwrap();
        assert!(message(AT.object_reference("scripts", "pkg-cli:main")).contains("not a valid entry point"));
    }
}
