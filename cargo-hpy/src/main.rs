//! `cargo hpy`: build, package and install universal HPy extension modules written in Rust.

mod build;
mod cargo_fields;
mod cli;
mod compile;
mod core_metadata;
mod elf;
mod layout;
mod manylinux;
mod project;
mod pyproject;
mod stub;
mod symbols;
mod timestamp;
mod wheel;

use std::process::ExitCode;

use clap::Parser;

use crate::cli::{Cli, Command};

fn main() -> ExitCode {
    let cli = Cli::parse_from(cli::normalize_args(std::env::args_os().collect()));
    let result = match &cli.command {
        Command::Build(args) => build::run(args).map(|wheel| {
            eprintln!("Built wheel: {}", wheel.display());
            println!("{}", wheel.display());
        }),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            for cause in error.chain().skip(1) {
                eprintln!("  caused by: {cause}");
            }
            ExitCode::FAILURE
        }
    }
}
