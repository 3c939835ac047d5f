//! Metadata is checked before anything is built: every bad value is refused with the field
//! and the value named; `cargo hpy metadata` writes the wheel's .dist-info without building.

mod common;

use std::path::Path;

use common::{cargo_hpy, fixture, fresh_dir, mixed_wheel, run_err, run_ok, wheel_files};

/// The mixed fixture's pyproject.toml with `from` replaced by `to`.
fn mixed_with(from: &str, to: &str) -> std::path::PathBuf {
    let dir = fixture("mixed");
    let path = dir.join("pyproject.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "the fixture has no {from}");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    dir
}

fn manifest(dir: &Path) -> String {
    dir.join("Cargo.toml").display().to_string()
}

#[test]
fn bad_values_are_refused_before_building_naming_field_and_value() {
    let cases = [
        (
            "version = \"1.2.3rc1\"",
            "version = \"banana\"",
            "[project] version: \"banana\" is not a valid version (PEP 440)",
        ),
        (
            "name = \"Mixed.Pkg\"",
            "name = \"my demo!\"",
            "[project] name: \"my demo!\" is not a valid distribution name (PEP 508)",
        ),
        (
            "dependencies = [\"packaging>=20\"]",
            "dependencies = [\"numpy>=>1\"]",
            "[project] dependencies: \"numpy>=>1\" is not a valid requirement (PEP 508)",
        ),
        (
            "numpy>=1; python_version >= '3.9'",
            "numpy>=1; python_versio >= '3.9'",
            "[project] optional-dependencies.fast-path: \"numpy>=1; python_versio >= '3.9'\" is not a valid requirement",
        ),
        (
            "license = \"MIT OR Apache-2.0\"",
            "license = \"MIT OR Apahce-2.0\"",
            "[project] license: \"MIT OR Apahce-2.0\" is not a valid SPDX license expression",
        ),
        (
            "requires-python = \">=3.8\"",
            "requires-python = \">=3.8,<\"",
            "[project] requires-python: \">=3.8,<\" is not a valid version specifier (PEP 440)",
        ),
        (
            "mixed-double = \"mixed_pkg.cli:main\"",
            "mixed-double = \"mixed-pkg.cli:main\"",
            "[project] entry point mixed-double: \"mixed-pkg.cli:main\" is not a valid entry point",
        ),
    ];
    for (from, to, expected) in cases {
        let dir = mixed_with(from, to);
        let err = run_err(&mut cargo_hpy(&["build", "--manifest-path", &manifest(&dir)]));
        assert!(err.contains(expected), "{to}: expected `{expected}` in:\n{err}");
        assert!(err.contains("pyproject.toml: [project]"), "{err}");
        assert!(!err.contains("Compiling"), "{to}: cargo ran before the metadata was checked:\n{err}");
        let err = run_err(&mut cargo_hpy(&["sdist", "--manifest-path", &manifest(&dir)]));
        assert!(err.contains(expected), "sdist, {to}:\n{err}");
    }
}

#[test]
fn cargo_metadata_is_checked_too() {
    let dir = fixture("mixed");
    std::fs::remove_file(dir.join("pyproject.toml")).unwrap();
    let cargo_toml = dir.join("Cargo.toml");
    let text = std::fs::read_to_string(&cargo_toml).unwrap();
    std::fs::write(
        &cargo_toml,
        text.replacen("publish = false", "publish = false\nlicense = \"MIT/Apache-2.0\"", 1),
    )
    .unwrap();
    let out = fresh_dir("cargo-license");
    let info = last_line_path_dir(&run_ok(&mut cargo_hpy(&[
        "metadata",
        "--manifest-path",
        &manifest(&dir),
        "--out",
        out.to_str().unwrap(),
    ])));
    let metadata = std::fs::read_to_string(info.join("METADATA")).unwrap();
    assert!(metadata.contains("\nLicense-Expression: MIT OR Apache-2.0\n"), "{metadata}");

    std::fs::write(
        &cargo_toml,
        text.replacen("publish = false", "publish = false\nlicense = \"MIT OR Apahce-2.0\"", 1),
    )
    .unwrap();
    let err = run_err(&mut cargo_hpy(&[
        "metadata",
        "--manifest-path",
        &manifest(&dir),
        "--out",
        out.to_str().unwrap(),
    ]));
    assert!(
        err.contains(
            "Cargo.toml: [package] license: \"MIT OR Apahce-2.0\" is not a valid SPDX license expression"
        ),
        "{err}"
    );
}

#[test]
fn the_metadata_command_writes_what_the_wheel_holds_without_building() {
    let dir = fixture("broken");
    let out = fresh_dir("metadata-broken");
    // The broken crate does not compile: writing its metadata must not try.
    let stdout = run_ok(&mut cargo_hpy(&[
        "metadata",
        "--manifest-path",
        &manifest(&dir),
        "--out",
        out.to_str().unwrap(),
    ]));
    let info = last_line_path_dir(&stdout);
    assert_eq!(info.file_name().unwrap(), "broken-0.1.0.dist-info");
    let metadata = std::fs::read_to_string(info.join("METADATA")).unwrap();
    assert!(metadata.starts_with("Metadata-Version: 2.3\nName: broken\nVersion: 0.1.0\n"), "{metadata}");

    // For the mixed project, the files are those of its wheel.
    let out = fresh_dir("metadata-mixed");
    let stdout = run_ok(&mut cargo_hpy(&[
        "metadata",
        "--manifest-path",
        &manifest(&fixture("mixed")),
        "--out",
        out.to_str().unwrap(),
    ]));
    let info = last_line_path_dir(&stdout);
    let name = info.file_name().unwrap().to_str().unwrap().to_string();
    for (path, data) in wheel_files(mixed_wheel()) {
        let Some(inner) = path.strip_prefix(&format!("{name}/")) else { continue };
        if inner == "WHEEL" || inner == "RECORD" {
            continue;
        }
        assert_eq!(std::fs::read(info.join(inner)).unwrap(), data, "{path}");
    }
    assert!(info.join("entry_points.txt").is_file() && info.join("licenses/LICENSE-FIXTURE").is_file());
}

fn last_line_path_dir(stdout: &str) -> std::path::PathBuf {
    let path = std::path::PathBuf::from(stdout.lines().last().unwrap().trim());
    assert!(path.is_dir(), "{stdout}");
    path
}
