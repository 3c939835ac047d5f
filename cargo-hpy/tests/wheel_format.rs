//! The hello wheel as the wheel spec and HPy want it: name, tags computed from the ELF's
//! glibc symbol versions (read here with binutils' readelf), WHEEL, METADATA, RECORD, stub.

mod common;

use std::process::Command;

use base64::Engine;
use sha2::Digest;

use common::{hello_wheel, run_ok, wheel_files, wheel_text};

/// The manylinux glibc minors auditwheel knows.
const POLICIES: &[u32] = &[5, 12, 17, 24, 26, 27, 28, 31, 34, 35, 36, 37, 38, 39, 40, 41];

#[test]
fn the_platform_tag_follows_the_glibc_versions_the_binary_needs() {
    let wheel = hello_wheel();
    let dir = common::fresh_dir("hello-so");
    let (_, binary) =
        wheel_files(wheel).into_iter().find(|(n, _)| n == "hello.hpy0.so").expect("hello.hpy0.so");
    let so = dir.join("hello.hpy0.so");
    std::fs::write(&so, binary).unwrap();
    let versions = run_ok(Command::new("readelf").arg("-V").arg(&so));
    let newest = versions
        .split_whitespace()
        .filter_map(|word| word.strip_prefix("GLIBC_2."))
        .filter_map(|minor| minor.split('.').next()?.parse::<u32>().ok())
        .max()
        .expect("the binary needs glibc");
    let policy = POLICIES.iter().find(|p| **p >= newest).unwrap();
    let name = wheel.file_name().unwrap().to_str().unwrap();
    let expected = format!("hello-0.1.0-py3-none-manylinux_2_{policy}_x86_64");
    assert!(name.starts_with(&expected), "{name} should start with {expected} (newest GLIBC_2.{newest})");
}

#[test]
fn the_wheel_file_declares_a_platlib_universal_wheel() {
    let wheel = hello_wheel();
    let text = wheel_text(wheel, ".dist-info/WHEEL");
    assert!(text.starts_with("Wheel-Version: 1.0\nGenerator: cargo-hpy "), "{text}");
    assert!(text.contains("\nRoot-Is-Purelib: false\n"), "{text}");
    let tags: Vec<&str> = text.lines().filter_map(|l| l.strip_prefix("Tag: ")).collect();
    let name = wheel.file_name().unwrap().to_str().unwrap().trim_end_matches(".whl");
    let platforms = name.rsplit('-').next().unwrap();
    let expected: Vec<String> = platforms.split('.').map(|p| format!("py3-none-{p}")).collect();
    assert_eq!(tags, expected);
}

#[test]
fn the_metadata_requires_hpy_on_cpython_only() {
    let text = wheel_text(hello_wheel(), ".dist-info/METADATA");
    assert!(text.starts_with("Metadata-Version: 2.3\nName: hello\nVersion: 0.1.0\n"), "{text}");
    assert!(
        text.contains("\nRequires-Dist: hpy>=0.9,<0.10; platform_python_implementation == \"CPython\"\n"),
        "{text}"
    );
}

#[test]
fn record_lists_every_file_with_its_hash_and_size() {
    let files = wheel_files(hello_wheel());
    let record = files.iter().find(|(n, _)| n.ends_with(".dist-info/RECORD")).unwrap();
    let lines: Vec<&str> = std::str::from_utf8(&record.1).unwrap().lines().collect();
    assert_eq!(lines.len(), files.len());
    for (name, data) in &files {
        let line = lines.iter().find(|l| l.starts_with(&format!("{name},"))).unwrap();
        if name.ends_with("RECORD") {
            assert_eq!(*line, format!("{name},,"));
        } else {
            let digest = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(sha2::Sha256::digest(data));
            assert_eq!(*line, format!("{name},sha256={digest},{}", data.len()));
        }
    }
}

#[test]
fn the_stub_loads_the_binary_beside_it_without_pkg_resources() {
    let stub = wheel_text(hello_wheel(), "hello.py");
    assert!(stub.contains("from hpy.universal import _load_bootstrap"), "{stub}");
    assert!(stub.contains("os.path.dirname(os.path.abspath(__file__)), \"hello.hpy0.so\")"), "{stub}");
    assert!(stub.contains("sys.modules[__name__] = module"), "{stub}");
    assert!(!stub.contains("pkg_resources"), "{stub}");
}

/// Whether the binary in `wheel` still has its symbol table.
fn has_symbol_table(wheel: &std::path::Path) -> bool {
    use object::Object;
    let (_, binary) = wheel_files(wheel).into_iter().find(|(n, _)| n.ends_with(".hpy0.so")).unwrap();
    object::File::parse(binary.as_slice()).unwrap().section_by_name(".symtab").is_some()
}

#[test]
fn release_binaries_are_stripped_unless_asked_not_to() {
    let manifest = common::workspace().join("examples/hello/Cargo.toml");
    let stripped = common::build_wheel(&manifest, &["--release"]);
    let kept = common::build_wheel(&manifest, &["--release", "--no-strip"]);
    assert!(!has_symbol_table(&stripped), "{}", stripped.display());
    assert!(has_symbol_table(&kept), "{}", kept.display());
    assert!(has_symbol_table(hello_wheel()), "debug builds are not stripped");
    // `strip = false` under [tool.cargo-hpy] keeps them for the project.
    let mixed = common::fixture("mixed");
    let pyproject = mixed.join("pyproject.toml");
    let text = std::fs::read_to_string(&pyproject).unwrap();
    std::fs::write(&pyproject, text.replacen("[tool.cargo-hpy]\n", "[tool.cargo-hpy]\nstrip = false\n", 1))
        .unwrap();
    assert!(has_symbol_table(&common::build_wheel(&mixed.join("Cargo.toml"), &["--release"])));
    assert!(!has_symbol_table(common::mixed_wheel()), "the mixed fixture's release wheel is stripped");
    let size = |w: &std::path::Path| std::fs::metadata(w).unwrap().len();
    assert!(size(&stripped) < size(&kept), "{} >= {}", size(&stripped), size(&kept));
}
