//! Wheels for other platforms, linked by cargo-zigbuild and zig: a manylinux2014 (glibc 2.17)
//! wheel that auditwheel accepts and every CPython here installs and runs, an aarch64 wheel
//! that auditwheel accepts, a musllinux wheel, and a manylinux2014 CPython-ABI wheel.
//!
//! These tests need cargo-zigbuild, zig and the Rust targets aarch64-unknown-linux-gnu and
//! x86_64-unknown-linux-musl: `cargo xtask test` installs them under target/ and runs these
//! tests (`--ignored`), or reports them SKIPPED when it cannot.

mod common;

use std::path::Path;
use std::process::Command;

use common::{
    auditwheel_tag, build_wheel, fresh_dir, make_venv, pip, pythons, run_ok, wheel_files, workspace,
};

fn hello_manifest() -> std::path::PathBuf {
    assert!(
        std::env::var_os("CARGO_ZIGBUILD").is_some(),
        "CARGO_ZIGBUILD is not set: run these tests with `cargo xtask test`, which installs cargo-zigbuild and zig"
    );
    workspace().join("examples/hello/Cargo.toml")
}

/// The platform part of a wheel's file name.
fn platform(wheel: &Path) -> String {
    let name = wheel.file_name().unwrap().to_str().unwrap().trim_end_matches(".whl");
    name.rsplit('-').next().unwrap().to_string()
}

/// The hello binary of a wheel, parsed.
fn binary(wheel: &Path) -> Vec<u8> {
    wheel_files(wheel).into_iter().find(|(n, _)| n == "hello.hpy0.so").expect("hello.hpy0.so").1
}

/// The newest `GLIBC_2.X` the binary needs, as X.
fn newest_glibc(binary: &[u8]) -> u32 {
    use object::Object;
    use object::read::ImportFlags;
    let file = object::File::parse(binary).unwrap();
    let mut newest = 0;
    for import in file.imports().unwrap() {
        if let ImportFlags::Elf { version: Some(v), .. } = import.unwrap().flags() {
            let v = String::from_utf8_lossy(v);
            if let Some(minor) = v.strip_prefix("GLIBC_2.").and_then(|m| m.split('.').next()?.parse().ok()) {
                newest = newest.max(minor);
            }
        }
    }
    assert!(file.dynamic_symbols().count() > 0);
    newest
}

#[test]
#[ignore = "needs cargo-zigbuild, zig and Rust targets: `cargo xtask test` installs them and runs it"]
fn a_manylinux2014_wheel_is_accepted_by_auditwheel_and_runs_on_every_cpython() {
    let wheel = build_wheel(&hello_manifest(), &["--release", "--compatibility", "manylinux2014"]);
    assert_eq!(platform(&wheel), "manylinux_2_17_x86_64.manylinux2014_x86_64");
    assert_eq!(auditwheel_tag(&wheel), "manylinux_2_17_x86_64");
    let glibc = newest_glibc(&binary(&wheel));
    assert!(glibc <= 17, "the binary needs GLIBC_2.{glibc}");

    let pythons = pythons();
    std::thread::scope(|scope| {
        for (version, base) in &pythons {
            let wheel = &wheel;
            scope.spawn(move || {
                let dir = fresh_dir(&format!("manylinux2014-{version}"));
                let python = make_venv(base, &dir.join("venv"));
                run_ok(&mut pip(&python, &["install", "-q", wheel.to_str().unwrap()]));
                for mode in ["universal", "debug", "trace"] {
                    let code = "import hello, sys; assert hello.add(2, 3) == 5; print(hello.greet('zig'), hello.context_name())";
                    let out = run_ok(Command::new(&python).args(["-c", code]).env("HPY", mode).current_dir(&dir));
                    assert!(out.starts_with("Hello, zig! HPy"), "{version} {mode}: {out}");
                }
            });
        }
    });
}

#[test]
#[ignore = "needs cargo-zigbuild, zig and Rust targets: `cargo xtask test` installs them and runs it"]
fn an_aarch64_wheel_is_accepted_by_auditwheel() {
    let wheel = build_wheel(&hello_manifest(), &["--release", "--target", "aarch64-unknown-linux-gnu"]);
    assert_eq!(platform(&wheel), "manylinux_2_17_aarch64.manylinux2014_aarch64");
    assert_eq!(auditwheel_tag(&wheel), "manylinux_2_17_aarch64");
    let binary = binary(&wheel);
    let file = object::File::parse(binary.as_slice()).unwrap();
    assert_eq!(object::Object::architecture(&file), object::Architecture::Aarch64);
    assert!(newest_glibc(&binary) <= 17);
}

#[test]
#[ignore = "needs cargo-zigbuild, zig and Rust targets: `cargo xtask test` installs them and runs it"]
fn a_musl_target_gets_a_musllinux_wheel() {
    let wheel = build_wheel(&hello_manifest(), &["--release", "--target", "x86_64-unknown-linux-musl"]);
    assert_eq!(platform(&wheel), "musllinux_1_2_x86_64");
    let binary = binary(&wheel);
    let file = object::File::parse(binary.as_slice()).unwrap();
    let needed: Vec<String> = object::Object::import_libraries(&file)
        .unwrap()
        .map(|l| String::from_utf8_lossy(l.unwrap().name()).into_owned())
        .collect();
    assert_eq!(needed, ["libc.so"]);
    assert_eq!(newest_glibc(&binary), 0, "a musl library needs no glibc symbols");
}

#[test]
#[ignore = "needs cargo-zigbuild, zig and Rust targets: `cargo xtask test` installs them and runs it"]
fn a_manylinux2014_cpython_abi_wheel_is_accepted_by_auditwheel_and_runs() {
    let (version, base) = pythons().into_iter().last().unwrap();
    let interpreter = base.to_str().unwrap();
    let args = ["--compatibility", "manylinux2014", "--abi", "cpython", "-i", interpreter];
    let wheel = build_wheel(&hello_manifest(), &args);
    let tag = format!("cp{}", version.replace('.', ""));
    let name = wheel.file_name().unwrap().to_str().unwrap();
    assert!(name.starts_with(&format!("hello-0.1.0-{tag}-{tag}-")), "{name}");
    assert_eq!(platform(&wheel), "manylinux_2_17_x86_64.manylinux2014_x86_64");
    assert_eq!(auditwheel_tag(&wheel), "manylinux_2_17_x86_64");
    let (_, binary) = wheel_files(&wheel).into_iter().find(|(n, _)| n.ends_with(".so")).unwrap();
    assert!(newest_glibc(&binary) <= 17);

    let dir = fresh_dir(&format!("manylinux2014-cpython-abi-{version}"));
    let python = make_venv(&base, &dir.join("venv"));
    run_ok(&mut pip(&python, &["install", "-q", wheel.to_str().unwrap()]));
    let code = "import hello; print(hello.greet('zig'), hello.context_name())";
    let out = run_ok(Command::new(&python).args(["-c", code]).current_dir(&dir));
    assert_eq!(out.trim(), "Hello, zig! HPy CPython ABI", "{version}");
}
