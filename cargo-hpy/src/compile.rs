//! Running `cargo build` and finding the shared library it produced.

use std::io::{BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::{Context, Result, bail};
use cargo_metadata::{Message, TargetKind};

use crate::cli::CargoOptions;
use crate::project::{Crate, cargo};

/// Builds the crate's library with cargo and returns the path of the shared library.
///
/// Cargo's own progress and diagnostics go straight to our stderr, so a failing build shows
/// its errors to the user; the JSON messages on stdout tell where the library was written.
pub fn build_cdylib(krate: &Crate, options: &CargoOptions) -> Result<PathBuf> {
    let mut command = Command::new(cargo());
    let package = format!("{}@{}", krate.package.name, krate.package.version);
    command.args(cargo_build_args(&krate.manifest_path, &package, options));
    command.stdout(Stdio::piped()).stderr(Stdio::inherit());
    let mut child = command.spawn().context("could not run `cargo build` (is cargo on PATH?)")?;
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

/// The arguments of `cargo build` for the library of `package` (`name@version`).
fn cargo_build_args(manifest_path: &Path, package: &str, options: &CargoOptions) -> Vec<String> {
    let mut args = vec![
        "build".to_string(),
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
        let args = cargo_build_args(Path::new("/p/Cargo.toml"), "p@1.0.0", &options).join(" ");
        assert_eq!(
            args,
            "build --lib --message-format=json-render-diagnostics --manifest-path /p/Cargo.toml --package p@1.0.0 \
             --release --features a,b --features c --no-default-features --locked --offline"
        );
    }

    #[test]
    fn a_profile_wins_over_release() {
        let options = CargoOptions { release: true, profile: Some("dist".into()), ..CargoOptions::default() };
        let args = cargo_build_args(Path::new("Cargo.toml"), "p@1.0.0", &options);
        assert!(args.ends_with(&["--profile".to_string(), "dist".to_string()]), "{args:?}");
        assert!(!args.contains(&"--release".to_string()));
    }
}
