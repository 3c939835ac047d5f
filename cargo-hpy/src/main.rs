//! `cargo hpy`: build, package and install HPy extension modules written in Rust (universal
//! and CPython ABI).

mod abi;
mod backend_wheel;
mod build;
mod cargo_fields;
mod cli;
mod compile;
mod completions;
mod core_metadata;
mod develop;
mod elf;
mod file_patterns;
mod generate_ci;
mod interpreter;
mod layout;
mod manifest_rewrite;
mod manylinux;
mod metadata_checks;
mod metadata_dir;
mod musllinux;
mod new;
mod output;
mod platform;
mod project;
mod pyi;
mod pyproject;
mod sdist;
mod sdist_files;
mod stub;
mod stub_section;
mod symbols;
mod tarball;
mod timestamp;
mod type_stubs;
mod wheel;
mod zig;

use std::process::ExitCode;

use crate::cli::{Cli, Command};

/// Tells the user on stderr, and prints the bare path as the last line of stdout for scripts.
fn announce(what: &str, path: &std::path::Path) {
    output::status(what, &path.display().to_string());
    println!("{}", path.display());
}

fn main() -> ExitCode {
    let cli = Cli::parse_args(std::env::args_os().collect());
    output::init(cli.quiet, cli.verbose, cli.color);
    let result = match &cli.command {
        Command::Build(args) => {
            build::run(args).map(|wheels| wheels.iter().for_each(|wheel| announce("Built wheel", wheel)))
        }
        Command::Develop(args) => develop::run(args),
        Command::Sdist(args) => sdist::run(args).map(|sdist| announce("Built sdist", &sdist)),
        Command::New(args) => new::new(&args.path, &args.template),
        Command::Init(args) => new::init(&args.path, &args.template),
        Command::BackendWheel(args) => {
            backend_wheel::run(&args.out).map(|wheel| announce("Built backend wheel", &wheel))
        }
        Command::Metadata(args) => metadata_dir::run(args).map(|dir| announce("Wrote metadata", &dir)),
        Command::Completions(args) => {
            completions::run(args.shell);
            Ok(())
        }
        Command::GenerateCi(args) => generate_ci::run(args)
            .map(|written| written.into_iter().for_each(|file| announce("Wrote workflow", &file))),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            output::error(&error);
            ExitCode::FAILURE
        }
    }
}
