//! Project tasks: `cargo xtask codegen [--check]`, `cargo xtask test`.

mod abi;
mod codegen;
mod gen_hpy;
mod gen_probe;
mod gen_sys;
mod gen_trampolines;

use std::path::PathBuf;
use std::process::ExitCode;

/// The workspace root (the parent of this crate's folder).
pub fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask lives in the workspace").to_path_buf()
}

const USAGE: &str = "usage: cargo xtask <command>

commands:
  codegen [--check]   regenerate the files derived from hpy-sys/abi/hpy-0.9.0.abi
                      (--check: fail if a checked-in copy is out of date)";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = workspace_root();
    let result = match args.first().map(String::as_str) {
        Some("codegen") => codegen::run(&root, args.iter().any(|a| a == "--check")),
        _ => Err(USAGE.to_string()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}
