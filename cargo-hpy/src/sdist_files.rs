//! Which files of a folder go into the sdist.
//!
//! A folder's files are those that git would track: `.gitignore` rules are honoured (also
//! outside a git repository), hidden files are left out. Never taken: build output (`target/`,
//! cargo's target folder, any folder with a `CACHEDIR.TAG`), virtualenvs (folders with a
//! `pyvenv.cfg`), `dist/` at the project's top, the sdist's own output folder, `__pycache__`,
//! bytecode, built modules, and sub-folders that are crates of their own (they are collected
//! as crates when the module depends on them). A crate's Cargo.toml `include` (only these
//! files) or `exclude` applies to its folder; `[tool.cargo-hpy] include` adds files that the
//! rules above leave out, and `exclude` removes files, in the project folder. Symbolic links
//! are followed inside the folder; one that leads out of it is skipped with a warning.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use anyhow::{Context, Result};

use crate::file_patterns::Patterns;

/// The pattern lists that apply to one folder.
#[derive(Debug, Clone)]
pub struct FolderRules {
    /// Cargo.toml `package.include`: when set, only the files it matches.
    pub cargo_include: Patterns,
    /// Cargo.toml `package.exclude`.
    pub cargo_exclude: Patterns,
    /// `[tool.cargo-hpy] include`: files taken even when the other rules leave them out.
    pub include: Patterns,
    /// `[tool.cargo-hpy] exclude`: files never taken.
    pub exclude: Patterns,
    /// Whether this is the project folder (its `dist/` is left out).
    pub is_project: bool,
}

/// Folders no walk enters.
#[derive(Debug, Clone)]
pub struct Skipped {
    /// Crate folders collected on their own.
    pub crates: BTreeSet<PathBuf>,
    /// Cargo's target folder and the output folder.
    pub outputs: Vec<PathBuf>,
}

/// The files of `folder` (a canonical path) that go into the sdist, sorted, with the
/// warnings about what was skipped.
pub fn select(folder: &Path, rules: &FolderRules, skipped: &Skipped) -> Result<(Vec<PathBuf>, Vec<String>)> {
    let warnings = Arc::new(Mutex::new(BTreeSet::new()));
    let tracked = walk(folder, rules.is_project, skipped, true, &warnings)?;
    let needs_all = !rules.cargo_include.is_empty() || !rules.include.is_empty();
    let all = if needs_all { walk(folder, rules.is_project, skipped, false, &warnings)? } else { Vec::new() };

    let mut files: BTreeSet<PathBuf> = if rules.cargo_include.is_empty() {
        tracked.into_iter().filter(|f| !rules.cargo_exclude.matches(f)).collect()
    } else {
        all.iter().filter(|f| rules.cargo_include.matches(f)).cloned().collect()
    };
    files.extend(all.iter().filter(|f| rules.include.matches(f)).cloned());
    files.retain(|f| !rules.exclude.matches(f));
    let warnings = warnings.lock().map(|w| w.iter().cloned().collect()).unwrap_or_default();
    Ok((files.into_iter().collect(), warnings))
}

/// Every file under `folder` but the ones never taken; with `tracked`, also without hidden
/// and git-ignored files.
fn walk(
    folder: &Path,
    is_project: bool,
    skipped: &Skipped,
    tracked: bool,
    warnings: &Arc<Mutex<BTreeSet<String>>>,
) -> Result<Vec<PathBuf>> {
    let mut builder = ignore::WalkBuilder::new(folder);
    builder
        .standard_filters(tracked)
        .ignore(false)
        .git_global(false)
        .require_git(false)
        .follow_links(true)
        .sort_by_file_name(|a, b| a.cmp(b));
    let root = folder.to_path_buf();
    let skipped = skipped.clone();
    let filter_warnings = Arc::clone(warnings);
    builder.filter_entry(move |entry| {
        let path = entry.path();
        if entry.path_is_symlink() {
            match fs_err::canonicalize(path) {
                Ok(target) if target.starts_with(&root) => {}
                Ok(target) => {
                    warn(
                        &filter_warnings,
                        format!(
                            "skipped {}: it links to {}, outside the project",
                            path.display(),
                            target.display()
                        ),
                    );
                    return false;
                }
                Err(_) => {
                    warn(&filter_warnings, format!("skipped {}: a broken symbolic link", path.display()));
                    return false;
                }
            }
        }
        if entry.file_type().is_some_and(|t| t.is_dir()) {
            return entry.depth() == 0 || !never_entered(path, &root, is_project, &skipped);
        }
        let name = entry.file_name().to_string_lossy();
        let built_module = name.contains(".hpy0.") || (name.contains(".cpython-") && name.ends_with(".so"));
        !(name.ends_with(".pyc") || name.ends_with(".pyo") || built_module)
    });
    let mut files = Vec::new();
    for entry in builder.build() {
        match entry {
            Ok(entry) if entry.file_type().is_some_and(|t| t.is_file()) => files.push(entry.into_path()),
            Ok(_) => {}
            Err(error) => warn(warnings, format!("skipped a file of {}: {error}", folder.display())),
        }
    }
    files.sort();
    Ok(files)
}

/// Folders the walk never enters (see the module's documentation).
fn never_entered(dir: &Path, root: &Path, is_project: bool, skipped: &Skipped) -> bool {
    let name = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let canonical = fs_err::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    name == "target"
        || name == "__pycache__"
        || name == ".git"
        || (is_project && name == "dist" && dir.parent() == Some(root))
        || dir.join("pyvenv.cfg").is_file()
        || dir.join("CACHEDIR.TAG").is_file()
        || dir.join("Cargo.toml").is_file()
        || skipped.crates.contains(&canonical)
        || skipped.outputs.contains(&canonical)
}

fn warn(warnings: &Arc<Mutex<BTreeSet<String>>>, message: String) {
    if let Ok(mut warnings) = warnings.lock() {
        warnings.insert(message);
    }
}

/// Cargo.toml's `package.include` and `package.exclude` (also when inherited from the
/// workspace, `include.workspace = true`), as patterns relative to the crate's folder.
pub fn cargo_patterns(manifest: &Path, workspace_manifest: &Path) -> Result<(Patterns, Patterns)> {
    let read = |path: &Path| -> Result<toml::Table> {
        let text = fs_err::read_to_string(path)?;
        toml::from_str(&text).with_context(|| format!("invalid {}", path.display()))
    };
    let table = read(manifest)?;
    let dir = manifest.parent().context("a manifest has a folder")?;
    let mut lists = Vec::new();
    for key in ["include", "exclude"] {
        let value = table.get("package").and_then(|p| p.get(key));
        let inherited = value.and_then(|v| v.get("workspace")).and_then(toml::Value::as_bool) == Some(true);
        let value = if inherited {
            read(workspace_manifest)?
                .get("workspace")
                .and_then(|w| w.get("package"))
                .and_then(|p| p.get(key))
                .cloned()
        } else {
            value.cloned()
        };
        let patterns: Vec<String> = value
            .and_then(|v| v.as_array().cloned())
            .unwrap_or_default()
            .iter()
            .filter_map(|p| p.as_str().map(str::to_string))
            .collect();
        lists.push(Patterns::new(dir, &patterns, &format!("{} package.{key}", manifest.display()))?);
    }
    let exclude = lists.pop().expect("two lists");
    let include = lists.pop().expect("two lists");
    Ok((include, exclude))
}
