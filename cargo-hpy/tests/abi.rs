//! `--abi` accepts `universal` only.

use std::process::Command;

#[test]
fn an_unknown_abi_is_refused() {
    let output = Command::new(env!("CARGO_BIN_EXE_cargo-hpy"))
        .args(["hpy", "build", "--abi", "cpython"])
        .output()
        .expect("cargo-hpy runs");
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("unknown --abi 'cpython': cargo-hpy builds universal HPy modules only"),
        "{stderr}"
    );
}
