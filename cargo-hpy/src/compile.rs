//! Running `cargo build` and finding the shared library it produced.

use std::io::{BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::{Context, Result, bail};
use cargo_metadata::{Message, TargetKind};

use crate::cli::CargoOptions;
use crate::output;
use crate::platform::Platform;
use crate::project::{Crate, cargo, cargo_not_found};

/// How cargo is run besides the options the user gave.
#[derive(Debug, Clone, Default)]
pub struct Invocation {
    /// `--target`, as cargo (or cargo-zigbuild) takes it.
    pub target: Option<String>,
    /// `--config` values.
    pub config: Vec<String>,
    /// Strip the symbol table (`cargo rustc ... -- -C strip=symbols`: only the module's own
    /// crate is built with it, so its dependencies stay shared with other builds).
    pub strip: bool,
}

/// Builds the crate's library with cargo (or cargo-zigbuild, for `platform`), with `env`
/// added to cargo's environment, and returns the path of the shared library.
///
/// Cargo's own progress and diagnostics go straight to our stderr, so a failing build shows
/// its errors to the user; the JSON messages on stdout tell where the library was written.
pub fn build_cdylib(
    krate: &Crate,
    options: &CargoOptions,
    platform: &Platform,
    strip: bool,
    env: &[(String, String)],
) -> Result<PathBuf> {
    let invocation = Invocation { target: platform.cargo_target()?, config: platform.cargo_config(), strip };
    let program = platform.zigbuild.clone().unwrap_or_else(cargo);
    let mut command = Command::new(&program);
    let package = format!("{}@{}", krate.package.name, krate.package.version);
    let args = cargo_build_args(&krate.manifest_path, &package, options, &invocation);
    let shown_env: Vec<String> = env.iter().map(|(k, v)| format!("{k}={v} ")).collect();
    output::detail(&format!("running {}{} {}", shown_env.concat(), program.display(), args.join(" ")));
    command.args(&args).envs(env.iter().map(|(k, v)| (k, v)));
    command.stdout(Stdio::piped()).stderr(Stdio::inherit());
    let mut child = match command.spawn() {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && platform.zigbuild.is_none() => {
            return Err(cargo_not_found());
        }
        other => other.with_context(|| format!("could not run {}", program.display()))?,
    };
    let stdout = child.stdout.take().expect("stdout is piped");

    let mut library = None;
    for message in Message::parse_stream(BufReader::new(stdout)) {
        match message.context("could not read cargo's JSON output")? {
            Message::CompilerArtifact(artifact)
                if artifact.package_id == krate.package.id
                    && artifact.target.kind.contains(&TargetKind::CDyLib) =>
            {
                library = artifact
                    .filenames
                    .into_iter()
                    .find(|f| f.extension() == Some(std::env::consts::DLL_EXTENSION))
                    .map(|f| f.into_std_path_buf());
            }
            Message::TextLine(line) => {
                let _ = writeln!(std::io::stderr(), "{line}");
            }
            _ => {}
        }
    }
    let status = child.wait().context("could not wait for `cargo build`")?;
    if !status.success() {
        bail!(
            "`cargo build` failed ({status}) for package '{}'; cargo's output is above",
            krate.package.name
        );
    }
    library.with_context(|| {
        format!("`cargo build` did not report a shared library for package '{}'", krate.package.name)
    })
}

/// The arguments of `cargo build` (or `cargo rustc`, to strip) for the library of
/// `package` (`name@version`).
fn cargo_build_args(
    manifest_path: &Path,
    package: &str,
    options: &CargoOptions,
    invocation: &Invocation,
) -> Vec<String> {
    let mut args = vec![
        if invocation.strip { "rustc" } else { "build" }.to_string(),
        "--lib".to_string(),
        "--message-format=json-render-diagnostics".to_string(),
        "--manifest-path".to_string(),
        manifest_path.display().to_string(),
        "--package".to_string(),
        package.to_string(),
    ];
    if let Some(profile) = &options.profile {
        args.extend(["--profile".to_string(), profile.clone()]);
    } else if options.release {
        args.push("--release".to_string());
    }
    for features in &options.features {
        args.extend(["--features".to_string(), features.clone()]);
    }
    for (flag, on) in [
        ("--all-features", options.all_features),
        ("--no-default-features", options.no_default_features),
        ("--locked", options.locked),
        ("--frozen", options.frozen),
        ("--offline", options.offline),
    ] {
        if on {
            args.push(flag.to_string());
        }
    }
    if let Some(target) = &invocation.target {
        args.extend(["--target".to_string(), target.clone()]);
    }
    for config in &invocation.config {
        args.extend(["--config".to_string(), config.clone()]);
    }
    args.extend(output::cargo_flags());
    if invocation.strip {
        args.extend(["--", "-C", "strip=symbols"].map(String::from));
    }
    args
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cargo_options_are_passed_on() {
        let options = CargoOptions {
            release: true,
            features: vec!["a,b".into(), "c".into()],
            no_default_features: true,
            locked: true,
            offline: true,
            ..CargoOptions::default()
        };
        let args = cargo_build_args(Path::new("/p/Cargo.toml"), "p@1.0.0", &options, &Invocation::default())
            .join(" ");
        assert_eq!(
            args,
            "build --lib --message-format=json-render-diagnostics --manifest-path /p/Cargo.toml --package p@1.0.0 \
             --release --features a,b --features c --no-default-features --locked --offline"
        );
    }

    #[test]
    fn a_profile_wins_over_release() {
        let options = CargoOptions { release: true, profile: Some("dist".into()), ..CargoOptions::default() };
        let args = cargo_build_args(Path::new("Cargo.toml"), "p@1.0.0", &options, &Invocation::default());
        assert!(args.ends_with(&["--profile".to_string(), "dist".to_string()]), "{args:?}");
        assert!(!args.contains(&"--release".to_string()));
    }

    #[test]
    fn targets_and_stripping_are_passed_on() {
        let invocation = Invocation {
            target: Some("aarch64-unknown-linux-gnu.2.17".into()),
            config: vec!["a.b=1".into()],
            strip: true,
        };
        let args =
            cargo_build_args(Path::new("Cargo.toml"), "p@1.0.0", &CargoOptions::default(), &invocation);
        assert_eq!(args[0], "rustc");
        let args = args.join(" ");
        assert!(args.contains(" --target aarch64-unknown-linux-gnu.2.17 --config a.b=1"), "{args}");
        assert!(args.ends_with(" -- -C strip=symbols"), "{args}");
    }
}
