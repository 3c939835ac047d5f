//! `cargo hpy completions SHELL`: the shell completion script, from the command line's
//! definition (clap_complete).

use clap::CommandFactory;

use crate::cli::Cli;

/// Writes the completion script of `shell` for the `cargo-hpy` program to stdout.
pub fn run(shell: clap_complete::Shell) {
    let mut command = Cli::command();
    clap_complete::generate(shell, &mut command, "cargo-hpy", &mut std::io::stdout());
}
