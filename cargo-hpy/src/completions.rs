//! `cargo hpy completions SHELL`: the shell completion script, from the command line's
//! definition (clap_complete).

use clap::CommandFactory;

use crate::cli::Cli;

/// Writes the completion script of `shell` for the `cargo-hpy` program to stdout.
pub fn run(shell: clap_complete::Shell) {
    let mut command = Cli::command();
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, "cargo-hpy", &mut script);
    let mut script = String::from_utf8_lossy(&script).into_owned();
    if shell == clap_complete::Shell::Bash {
        // clap_complete 4.6 names the bash cases of subcommands after the program name with
        // its `-` turned into a subcommand separator (`cargo__subcmd__hpy__subcmd__build`),
        // and the cases that select them without (`cargo__hpy__subcmd__build`): make them one.
        script = script.replace("cargo__subcmd__hpy", "cargo__hpy");
    }
    print!("{script}");
}
