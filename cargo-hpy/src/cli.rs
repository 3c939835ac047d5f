//! The command line: `cargo hpy <command> [options]`.

use std::path::PathBuf;

use clap::{Args, ColorChoice, Parser, Subcommand};

use crate::abi::AbiChoice;

/// Build, package and install HPy extension modules written in Rust.
///
/// A universal HPy module is one binary (`<module>.hpy0.so`) that loads on every Python
/// with an HPy 0.9 runtime: CPython 3.8+ with the `hpy` package, PyPy, GraalPy. The same
/// crate also builds in the CPython ABI (`--abi cpython`): a plain CPython extension
/// module per CPython version, which calls the C API directly and needs no `hpy` package.
#[derive(Debug, Parser)]
#[command(name = "cargo-hpy", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,

    /// Print only errors (and the output path on stdout); cargo runs with --quiet.
    #[arg(short, long, global = true)]
    pub quiet: bool,

    /// Also print the commands cargo-hpy runs; cargo runs with --verbose.
    #[arg(short, long, global = true, conflicts_with = "quiet")]
    pub verbose: bool,

    /// Colors in cargo-hpy's and cargo's messages.
    #[arg(long, global = true, value_name = "WHEN", default_value = "auto")]
    pub color: ColorChoice,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the crate and write its wheel(s): universal (py3-none-<platform>), CPython ABI
    /// (cp3X-cp3X-<platform>), or both.
    ///
    /// Prints the path of each wheel on its own line of stdout, the last one last.
    Build(BuildArgs),
    /// Build the wheel and install it into a virtualenv, replacing an earlier install.
    Develop(DevelopArgs),
    /// Write a source distribution (.tar.gz) that pip can turn back into the wheel.
    Sdist(SdistArgs),
    /// Create a new project folder with a working universal HPy module and its test.
    New(NewArgs),
    /// Add the project files of a universal HPy module to an existing folder.
    Init(InitArgs),
    /// Write the wheel of the `cargo-hpy` PEP 517 build backend (Python hooks + this binary).
    BackendWheel(BackendWheelArgs),
    /// Write the wheel's .dist-info folder (METADATA, entry points, licenses) without building.
    ///
    /// Prints the folder's path as the last line of stdout.
    Metadata(MetadataArgs),
    /// Print a shell completion script for cargo-hpy.
    Completions(CompletionsArgs),
    /// Write a GitHub Actions workflow that builds the wheels and sdist once and tests them on
    /// CPython 3.8-3.13 and PyPy.
    GenerateCi(GenerateCiArgs),
}

/// The ABI of a build and the interpreters of its CPython-ABI wheels.
#[derive(Debug, Clone, Default, Args)]
pub struct AbiOptions {
    /// The ABI to build for (default: the `[tool.cargo-hpy] abi` setting, else universal).
    #[arg(long, value_enum, value_name = "ABI")]
    pub abi: Option<AbiChoice>,

    /// A CPython to build the CPython ABI for: a path or a name on PATH (python3.11);
    /// repeatable, one wheel each. Default: the active virtualenv's python, else python3;
    /// for --abi all, every python3.8 ... python3.13 found on PATH.
    #[arg(short = 'i', long = "interpreter", value_name = "PYTHON")]
    pub interpreters: Vec<String>,

    /// The ABI when neither --abi nor `[tool.cargo-hpy] abi` names one (the PEP 517 backend
    /// passes auto).
    #[arg(long, value_enum, value_name = "ABI", hide = true)]
    pub default_abi: Option<AbiChoice>,
}

/// Options that pick the crate and are passed on to `cargo build`.
#[derive(Debug, Clone, Default, Args)]
pub struct CargoOptions {
    /// Path to the crate's Cargo.toml (default: the pyproject.toml's
    /// `[tool.cargo-hpy] manifest-path`, else the nearest Cargo.toml).
    #[arg(long, value_name = "PATH")]
    pub manifest_path: Option<PathBuf>,

    /// Build with the release profile.
    #[arg(short, long)]
    pub release: bool,

    /// Build with this cargo profile (overrides --release).
    #[arg(long, value_name = "NAME")]
    pub profile: Option<String>,

    /// Cargo features to enable (space or comma separated; repeatable).
    #[arg(short = 'F', long, value_name = "FEATURES")]
    pub features: Vec<String>,

    /// Enable all cargo features.
    #[arg(long)]
    pub all_features: bool,

    /// Do not enable the crate's default features.
    #[arg(long)]
    pub no_default_features: bool,

    /// Require Cargo.lock to be up to date (passed to cargo).
    #[arg(long)]
    pub locked: bool,

    /// Require Cargo.lock and the cache to be up to date (passed to cargo).
    #[arg(long)]
    pub frozen: bool,

    /// Run cargo without network access.
    #[arg(long)]
    pub offline: bool,
}

/// Where the wheel runs: target, platform policy, zig, stripping.
#[derive(Debug, Clone, Default, Args)]
pub struct PlatformOptions {
    /// The platform policy of the wheel: native (the tag follows the glibc the binary was
    /// linked against), manylinux2014 (glibc 2.17), manylinux_2_X, musllinux_1_1 or
    /// musllinux_1_2. Anything but native links with cargo-zigbuild and zig. Default: the
    /// `compatibility` setting for release builds, else native.
    #[arg(long, value_name = "POLICY")]
    pub compatibility: Option<String>,

    /// Build for this Rust target triple (for example aarch64-unknown-linux-gnu or
    /// x86_64-unknown-linux-musl), linking with cargo-zigbuild and zig.
    #[arg(long, value_name = "TRIPLE")]
    pub target: Option<String>,

    /// Link with cargo-zigbuild and zig even for a native build.
    #[arg(long)]
    pub zig: bool,

    /// Keep the symbol table of release binaries (stripped by default).
    #[arg(long)]
    pub no_strip: bool,

    /// Ship no `.pyi` stub generated from the Rust signatures (a hand-written one still ships).
    #[arg(long)]
    pub no_stubs: bool,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub cargo: CargoOptions,

    #[command(flatten)]
    pub platform: PlatformOptions,

    #[command(flatten)]
    pub abi: AbiOptions,

    /// Folder to write the wheel into (default: <target-dir>/wheels).
    #[arg(short, long, value_name = "DIR")]
    pub out: Option<PathBuf>,

    /// Write an editable wheel (PEP 660): python-source goes on sys.path through a .pth
    /// file, and the module's binary and stub are written into python-source.
    #[arg(long)]
    pub editable: bool,
}

#[derive(Debug, Args)]
pub struct DevelopArgs {
    #[command(flatten)]
    pub cargo: CargoOptions,

    /// The virtualenv to install into (default: the active one, $VIRTUAL_ENV).
    #[arg(long, value_name = "DIR")]
    pub venv: Option<PathBuf>,

    /// Install in editable mode: Python files of python-source are used in place.
    #[arg(short, long)]
    pub editable: bool,

    /// The ABI to install: auto (default: cpython when the virtualenv's Python is a CPython
    /// 3.8-3.13, else universal), universal or cpython. Default: the `[tool.cargo-hpy] abi`
    /// setting, else auto.
    #[arg(long, value_enum, value_name = "ABI")]
    pub abi: Option<AbiChoice>,
}

#[derive(Debug, Args)]
pub struct SdistArgs {
    /// Path to the crate's Cargo.toml (found as for `build` when omitted).
    #[arg(long, value_name = "PATH")]
    pub manifest_path: Option<PathBuf>,

    /// Folder to write the sdist into (default: <target-dir>/wheels).
    #[arg(short, long, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

/// Options of the project template.
#[derive(Debug, Args)]
pub struct TemplateOptions {
    /// The distribution, crate and module name (default: the folder's name; `-` becomes `_`
    /// in the module name).
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,

    /// Take the `hpy` crate from this local folder (the one holding hpy's Cargo.toml).
    #[arg(long, value_name = "PATH", conflicts_with = "hpy_git")]
    pub hpy_path: Option<PathBuf>,

    /// Take the `hpy` crate from this git repository (default: the hpy-rs repository).
    #[arg(long, value_name = "URL")]
    pub hpy_git: Option<String>,
}

#[derive(Debug, Args)]
pub struct NewArgs {
    /// The folder to create.
    pub path: PathBuf,

    #[command(flatten)]
    pub template: TemplateOptions,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder to add the project files to.
    #[arg(default_value = ".")]
    pub path: PathBuf,

    #[command(flatten)]
    pub template: TemplateOptions,
}

#[derive(Debug, Args)]
pub struct BackendWheelArgs {
    /// Folder to write the backend's wheel into.
    #[arg(short, long, value_name = "DIR")]
    pub out: PathBuf,
}

#[derive(Debug, Args)]
pub struct MetadataArgs {
    /// Path to the crate's Cargo.toml (found as for `build` when omitted).
    #[arg(long, value_name = "PATH")]
    pub manifest_path: Option<PathBuf>,

    /// Folder to write the .dist-info folder into.
    #[arg(short, long, value_name = "DIR")]
    pub out: PathBuf,

    /// The ABI of the wheel the metadata describes (CPython-ABI wheels need no `hpy`).
    #[command(flatten)]
    pub abi: AbiOptions,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete in.
    #[arg(value_name = "SHELL")]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct GenerateCiArgs {
    /// Path to the crate's Cargo.toml (found as for `build` when omitted).
    #[arg(long, value_name = "PATH")]
    pub manifest_path: Option<PathBuf>,

    /// Write the workflow to this file instead of stdout (for example
    /// .github/workflows/wheels.yml).
    #[arg(short, long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

impl Cli {
    /// Parses the command line; help texts name the program `cargo hpy`.
    pub fn parse_args(args: Vec<std::ffi::OsString>) -> Cli {
        use clap::{CommandFactory, FromArgMatches};
        let matches = Cli::command().bin_name("cargo hpy").get_matches_from(normalize_args(args));
        Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit())
    }
}

/// The arguments after the program name, without the `hpy` that cargo inserts when it runs
/// `cargo-hpy` as the `cargo hpy` subcommand (`cargo-hpy hpy build ...`).
pub fn normalize_args(mut args: Vec<std::ffi::OsString>) -> Vec<std::ffi::OsString> {
    if args.get(1).is_some_and(|arg| arg == "hpy") {
        args.remove(1);
    }
    args
}

#[cfg(test)]
mod tests {
    use super::*;

    fn os(args: &[&str]) -> Vec<std::ffi::OsString> {
        args.iter().map(Into::into).collect()
    }

    #[test]
    fn the_cargo_subcommand_name_is_dropped() {
        assert_eq!(normalize_args(os(&["cargo-hpy", "hpy", "build"])), os(&["cargo-hpy", "build"]));
        assert_eq!(normalize_args(os(&["cargo-hpy", "build"])), os(&["cargo-hpy", "build"]));
    }

    #[test]
    fn the_command_line_is_well_formed() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }
}
