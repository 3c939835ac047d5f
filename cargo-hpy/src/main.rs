//! `cargo hpy`: build, package and install universal HPy extension modules written in Rust.

mod backend_wheel;
mod build;
mod cargo_fields;
mod cli;
mod compile;
mod core_metadata;
mod develop;
mod elf;
mod layout;
mod manifest_rewrite;
mod manylinux;
mod new;
mod project;
mod pyproject;
mod sdist;
mod stub;
mod symbols;
mod tarball;
mod timestamp;
mod wheel;

use std::process::ExitCode;

use clap::Parser;

use crate::cli::{Cli, Command};

/// Tells the user on stderr, and prints the bare path as the last line of stdout for scripts.
fn announce(what: &str, path: &std::path::Path) {
    eprintln!("{what}: {}", path.display());
    println!("{}", path.display());
}

fn main() -> ExitCode {
    let cli = Cli::parse_from(cli::normalize_args(std::env::args_os().collect()));
    let result = match &cli.command {
        Command::Build(args) => build::run(args).map(|wheel| announce("Built wheel", &wheel)),
        Command::Develop(args) => develop::run(args),
        Command::Sdist(args) => sdist::run(args).map(|sdist| announce("Built sdist", &sdist)),
        Command::New(args) => new::new(&args.path, &args.template),
        Command::Init(args) => new::init(&args.path, &args.template),
        Command::BackendWheel(args) => {
            backend_wheel::run(&args.out).map(|wheel| announce("Built backend wheel", &wheel))
        }
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
