//! The guide's getting-started chapter (`guide/src/getting-started.md`), run as written:
//! its command block in a fresh folder, its `src/lib.rs` against what `cargo hpy new`
//! writes, and its Python session against the installed module, in universal and debug
//! mode.
//!
//! The one change: the block's first command, `cargo install --path hpy-rs/cargo-hpy`,
//! is not run; the `cargo-hpy` under test is put on `PATH` instead (installing would
//! compile it again, in release mode). `hpy-rs` is a link to this workspace, `python3`
//! the newest CPython of the test harness, and builds share the tests' target folder.

mod common;

use std::path::Path;
use std::process::Command;

use common::{build_lock, fresh_dir, last_line_path, pythons, run_ok, target_dir, workspace};

const INSTALL: &str = "cargo install --path hpy-rs/cargo-hpy";

/// The fenced blocks of `language` in `text`, in order.
fn blocks(text: &str, language: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut current: Option<String> = None;
    for line in text.lines() {
        match current.as_mut() {
            Some(block) if line.trim_end() == "```" => {
                found.push(std::mem::take(block));
                current = None;
            }
            Some(block) => {
                block.push_str(line);
                block.push('\n');
            }
            None if line.trim_end() == format!("```{language}") => current = Some(String::new()),
            None => {}
        }
    }
    found
}

/// A Rust block as the book shows it: without the lines hidden by `# `.
fn visible(block: &str) -> String {
    block.lines().filter(|l| *l != "#" && !l.starts_with("# ")).map(|l| format!("{l}\n")).collect()
}

fn link(original: &Path, link: &Path) {
    std::os::unix::fs::symlink(original, link)
        .unwrap_or_else(|e| panic!("{} -> {}: {e}", link.display(), original.display()));
}

#[test]
fn the_getting_started_chapter_runs_as_written() {
    let chapter = std::fs::read_to_string(workspace().join("guide/src/getting-started.md")).unwrap();
    let flow = blocks(&chapter, "sh").into_iter().next().expect("the chapter has a sh block");
    let (first, rest) = flow.split_once('\n').unwrap();
    assert!(first.starts_with(INSTALL), "the flow should start with `{INSTALL}`: {first}");

    let work = fresh_dir("guide");
    link(&workspace(), &work.join("hpy-rs"));
    let bin = work.join("bin");
    std::fs::create_dir(&bin).unwrap();
    link(Path::new(env!("CARGO_BIN_EXE_cargo-hpy")), &bin.join("cargo-hpy"));
    let (_, python) = pythons().into_iter().last().unwrap();
    link(&python, &bin.join("python3"));
    let path = std::env::join_paths(
        std::iter::once(bin).chain(std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())),
    )
    .unwrap();

    let stdout = {
        let _guard = build_lock();
        let mut script = Command::new("bash");
        script
            .args(["-euo", "pipefail", "-c", rest])
            .current_dir(&work)
            .env("PATH", path)
            .env("CARGO_TARGET_DIR", target_dir())
            .env_remove("VIRTUAL_ENV")
            .env_remove("HPY")
            .env_remove("SOURCE_DATE_EPOCH");
        run_ok(&mut script)
    };
    let wheel = last_line_path(&stdout);
    let name = wheel.file_name().unwrap().to_str().unwrap();
    assert!(name.starts_with("my_ext-0.1.0-py3-none-manylinux_2_"), "{name}");

    let project = work.join("my-ext");
    let shown = blocks(&chapter, "rust").into_iter().next().expect("the chapter shows src/lib.rs");
    let written = std::fs::read_to_string(project.join("src/lib.rs")).unwrap();
    assert_eq!(visible(&shown), written, "the chapter's src/lib.rs is not what `cargo hpy new` writes");

    let sessions = blocks(&chapter, "pycon");
    assert!(!sessions.is_empty(), "the chapter has no Python session");
    let file = work.join("session.txt");
    std::fs::write(&file, sessions.concat()).unwrap();
    for mode in ["universal", "debug"] {
        let out = run_ok(
            Command::new(project.join(".venv/bin/python"))
                .args(["-m", "doctest", "-v"])
                .arg(&file)
                .current_dir(&work)
                .env("HPY", mode),
        );
        assert!(out.contains("Test passed."), "{mode}: {out}");
    }
}
