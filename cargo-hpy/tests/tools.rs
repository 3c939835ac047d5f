//! auditwheel (the manylinux reference) and twine (PyPI's checks) accept the wheels and the
//! sdist; auditwheel reads the same platform tag from the binary as cargo-hpy.

mod common;

use std::path::Path;
use std::process::Command;

use common::{
    auditwheel_tag, cargo_hpy, fixture, fresh_dir, hello_wheel, last_line_path, mixed_wheel, run_ok,
    tools_python,
};

/// The first platform tag in the wheel's file name.
fn our_tag(wheel: &Path) -> String {
    let name = wheel.file_name().unwrap().to_str().unwrap().trim_end_matches(".whl");
    name.rsplit('-').next().unwrap().split('.').next().unwrap().to_string()
}

#[test]
fn auditwheel_agrees_with_the_platform_tag() {
    for wheel in [hello_wheel(), mixed_wheel()] {
        let tag = our_tag(wheel);
        assert!(tag.starts_with("manylinux_2_"), "{tag}");
        assert_eq!(auditwheel_tag(wheel), tag, "{}", wheel.display());
    }
}

#[test]
fn twine_check_passes() {
    let dir = fixture("mixed");
    let out = fresh_dir("twine-sdist");
    let manifest = dir.join("Cargo.toml");
    let sdist = last_line_path(&run_ok(&mut cargo_hpy(&[
        "sdist",
        "--manifest-path",
        manifest.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ])));
    // The mixed wheel and sdist have a readme: no warnings allowed.
    let strict = run_ok(
        Command::new(tools_python())
            .args(["-m", "twine", "check", "--strict"])
            .arg(mixed_wheel())
            .arg(&sdist),
    );
    assert_eq!(strict.matches("PASSED").count(), 2, "{strict}");
    // hello has no readme: twine warns about the missing long description, and passes.
    let plain = run_ok(Command::new(tools_python()).args(["-m", "twine", "check"]).arg(hello_wheel()));
    assert!(plain.contains("PASSED"), "{plain}");
}
