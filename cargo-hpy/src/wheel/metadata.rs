//! Core metadata (the `METADATA` file of a wheel, `PKG-INFO` of an sdist), version 2.3/2.4.
//!
//! See <https://packaging.python.org/specifications/core-metadata/>.

/// The dependency on the HPy runtime that every universal module has on CPython. PyPy and
/// GraalPy ship their own HPy, and `pip install hpy` fails there, hence the marker.
pub const HPY_REQUIREMENT: &str = "hpy>=0.9,<0.10; platform_python_implementation == \"CPython\"";

/// The fields of the core metadata that cargo-hpy writes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CoreMetadata {
    pub name: String,
    pub version: String,
    pub summary: Option<String>,
    /// The long description and its content type.
    pub description: Option<(String, String)>,
    pub keywords: Vec<String>,
    pub home_page: Option<String>,
    pub author: Option<String>,
    pub author_email: Option<String>,
    pub maintainer: Option<String>,
    pub maintainer_email: Option<String>,
    /// Free-text license (the `License` field).
    pub license: Option<String>,
    /// An SPDX license expression (PEP 639's `License-Expression`, metadata 2.4).
    pub license_expression: Option<String>,
    /// License files, relative to the `.dist-info/licenses/` folder.
    pub license_files: Vec<String>,
    pub classifiers: Vec<String>,
    pub requires_python: Option<String>,
    pub requires_dist: Vec<String>,
    pub provides_extra: Vec<String>,
    /// (label, URL) pairs.
    pub project_urls: Vec<(String, String)>,
    /// Fields a wheel built from this sdist may fill differently (PEP 643 `Dynamic`).
    pub dynamic: Vec<String>,
}

impl CoreMetadata {
    /// The metadata version the fields need: 2.4 for PEP 639 license fields, else 2.3.
    pub fn metadata_version(&self) -> &'static str {
        if self.license_expression.is_some() || !self.license_files.is_empty() { "2.4" } else { "2.3" }
    }

    /// The `METADATA` file in email-header format, the long description as its body.
    pub fn render(&self) -> String {
        let mut out = String::new();
        let mut field = |name: &str, value: &str| {
            // Continuation lines of a multi-line value are indented (RFC 822 folding).
            let value = value.trim_end().replace('\n', "\n       ");
            out.push_str(&format!("{name}: {value}\n"));
        };
        field("Metadata-Version", self.metadata_version());
        field("Name", &self.name);
        field("Version", &self.version);
        for (name, value) in [
            ("Summary", &self.summary),
            ("Home-page", &self.home_page),
            ("Author", &self.author),
            ("Author-email", &self.author_email),
            ("Maintainer", &self.maintainer),
            ("Maintainer-email", &self.maintainer_email),
            ("License", &self.license),
            ("License-Expression", &self.license_expression),
        ] {
            if let Some(value) = value {
                field(name, value);
            }
        }
        for file in &self.license_files {
            field("License-File", file);
        }
        if !self.keywords.is_empty() {
            field("Keywords", &self.keywords.join(","));
        }
        for classifier in &self.classifiers {
            field("Classifier", classifier);
        }
        if let Some(requires) = &self.requires_python {
            field("Requires-Python", requires);
        }
        for requirement in &self.requires_dist {
            field("Requires-Dist", requirement);
        }
        for extra in &self.provides_extra {
            field("Provides-Extra", extra);
        }
        for (label, url) in &self.project_urls {
            field("Project-URL", &format!("{label}, {url}"));
        }
        if let Some((_, content_type)) = &self.description {
            field("Description-Content-Type", content_type);
        }
        for name in &self.dynamic {
            field("Dynamic", name);
        }
        if let Some((body, _)) = &self.description {
            out.push('\n');
            out.push_str(body);
            if !body.ends_with('\n') {
                out.push('\n');
            }
        }
        out
    }
}

/// The name as wheel and sdist file names spell it: runs of `-_.` become `_`, lower case.
pub fn escaped_name(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if matches!(c, '-' | '_' | '.') {
            if !out.ends_with('_') {
                out.push('_');
            }
        } else {
            out.push(c.to_ascii_lowercase());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_escaped_for_file_names() {
        assert_eq!(escaped_name("My.Package--x_y"), "my_package_x_y");
    }

    #[test]
    fn metadata_renders_headers_then_the_description() {
        let metadata = CoreMetadata {
            name: "hello".into(),
            version: "0.1.0".into(),
            summary: Some("Greets".into()),
            description: Some(("# Hello\n\nText".into(), "text/markdown".into())),
            license_expression: Some("MIT".into()),
            requires_dist: vec![HPY_REQUIREMENT.into()],
            project_urls: vec![("Repository".into(), "https://example.org/r".into())],
            ..CoreMetadata::default()
        };
        assert_eq!(
            metadata.render(),
            "Metadata-Version: 2.4\nName: hello\nVersion: 0.1.0\nSummary: Greets\nLicense-Expression: MIT\n\
             Requires-Dist: hpy>=0.9,<0.10; platform_python_implementation == \"CPython\"\n\
             Project-URL: Repository, https://example.org/r\n\
             Description-Content-Type: text/markdown\n\n# Hello\n\nText\n"
        );
    }
}
