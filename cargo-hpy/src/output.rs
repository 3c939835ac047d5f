//! What cargo-hpy tells the user on stderr, as `-q`, `-v` and `--color` ask, and the
//! matching options for cargo.

use std::io::IsTerminal;
use std::sync::OnceLock;

use clap::ColorChoice;

/// How much cargo-hpy and cargo print.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Verbosity {
    /// `-q`: errors only (and the output path on stdout).
    Quiet,
    Normal,
    /// `-v`: also the commands cargo-hpy runs; cargo runs verbose too.
    Verbose,
}

#[derive(Debug, Clone, Copy)]
struct Settings {
    verbosity: Verbosity,
    color: ColorChoice,
}

static SETTINGS: OnceLock<Settings> = OnceLock::new();

/// Sets the output options once, from the command line.
pub fn init(quiet: bool, verbose: bool, color: ColorChoice) {
    let verbosity = match (quiet, verbose) {
        (true, _) => Verbosity::Quiet,
        (false, true) => Verbosity::Verbose,
        (false, false) => Verbosity::Normal,
    };
    let _ = SETTINGS.set(Settings { verbosity, color });
}

fn settings() -> Settings {
    SETTINGS.get().copied().unwrap_or(Settings { verbosity: Verbosity::Normal, color: ColorChoice::Auto })
}

pub fn verbosity() -> Verbosity {
    settings().verbosity
}

/// Whether stderr gets ANSI colors: `--color always`, or `auto` on a terminal without
/// `NO_COLOR`.
fn colored() -> bool {
    match settings().color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => std::env::var_os("NO_COLOR").is_none() && std::io::stderr().is_terminal(),
    }
}

/// `label` in bold `color` (an ANSI color number) when colors are on.
fn paint(label: &str, color: u8) -> String {
    if colored() { format!("\x1b[1;{color}m{label}\x1b[0m") } else { label.to_string() }
}

/// A progress line (`Built wheel: ...`), unless quiet.
pub fn status(what: &str, message: &str) {
    if verbosity() > Verbosity::Quiet {
        eprintln!("{} {message}", paint(&format!("{what}:"), 32));
    }
}

/// A warning, unless quiet.
pub fn warn(message: &str) {
    if verbosity() > Verbosity::Quiet {
        eprintln!("{} {message}", paint("warning:", 33));
    }
}

/// A detail shown with `-v` only.
pub fn detail(message: &str) {
    if verbosity() == Verbosity::Verbose {
        eprintln!("{} {message}", paint("info:", 36));
    }
}

/// An error and its causes, always.
pub fn error(error: &anyhow::Error) {
    eprintln!("{} {error}", paint("error:", 31));
    for cause in error.chain().skip(1) {
        eprintln!("  caused by: {cause}");
    }
}

/// The options that make cargo print as cargo-hpy was asked to.
pub fn cargo_flags() -> Vec<String> {
    let settings = settings();
    let mut flags = match settings.verbosity {
        Verbosity::Quiet => vec!["--quiet".to_string()],
        Verbosity::Normal => vec![],
        Verbosity::Verbose => vec!["--verbose".to_string()],
    };
    let color = match settings.color {
        ColorChoice::Auto => None,
        ColorChoice::Always => Some("always"),
        ColorChoice::Never => Some("never"),
    };
    if let Some(color) = color {
        flags.extend(["--color".to_string(), color.to_string()]);
    }
    flags
}
