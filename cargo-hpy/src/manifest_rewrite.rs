//! Rewriting Cargo manifests for a source distribution: `path` dependencies point to where
//! their crates are in the archive, and workspace roots list only the members it contains.

use std::path::{Component, Path, PathBuf};

use anyhow::{Context, Result};
use toml_edit::{DocumentMut, Item, Value};

/// The path from the folder `from` to `to` (both absolute), with `..` where needed.
pub fn relative_path(from: &Path, to: &Path) -> PathBuf {
    let from: Vec<Component<'_>> = from.components().collect();
    let to: Vec<Component<'_>> = to.components().collect();
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut path = PathBuf::new();
    for _ in common..from.len() {
        path.push("..");
    }
    for part in &to[common..] {
        path.push(part.as_os_str());
    }
    if path.as_os_str().is_empty() { PathBuf::from(".") } else { path }
}

/// How a dependency's `path` reads in the archive: given the crate folder it names (an
/// absolute path), the new relative path, or `None` to leave it alone.
pub type Relocate<'a> = &'a dyn Fn(&Path) -> Option<PathBuf>;

/// The manifest text with every `path` dependency relocated, and, when `members` is given,
/// `[workspace] members` replaced by it (and `default-members`, `exclude` dropped).
pub fn rewrite_manifest(
    manifest: &Path,
    members: Option<&[String]>,
    relocate: Relocate<'_>,
) -> Result<String> {
    let text = fs_err::read_to_string(manifest)?;
    let mut doc: DocumentMut = text.parse().with_context(|| format!("invalid {}", manifest.display()))?;
    let dir = manifest.parent().context("a manifest has a folder")?;
    for key in ["dependencies", "dev-dependencies", "build-dependencies"] {
        relocate_table(doc.get_mut(key), dir, relocate);
    }
    if let Some(targets) = doc.get_mut("target").and_then(Item::as_table_like_mut) {
        for (_, target) in targets.iter_mut() {
            for key in ["dependencies", "dev-dependencies", "build-dependencies"] {
                relocate_table(target.get_mut(key), dir, relocate);
            }
        }
    }
    if let Some(patches) = doc.get_mut("patch").and_then(Item::as_table_like_mut) {
        for (_, registry) in patches.iter_mut() {
            relocate_table(Some(registry), dir, relocate);
        }
    }
    if let Some(workspace) = doc.get_mut("workspace").and_then(Item::as_table_mut) {
        relocate_table(workspace.get_mut("dependencies"), dir, relocate);
        if let Some(members) = members {
            let mut array = toml_edit::Array::new();
            for member in members {
                array.push(member.as_str());
            }
            workspace.insert("members", toml_edit::value(array));
            workspace.remove("default-members");
            workspace.remove("exclude");
        }
    }
    Ok(doc.to_string())
}

/// Relocates the `path = ...` of each dependency in `table` (relative to `dir`).
fn relocate_table(table: Option<&mut Item>, dir: &Path, relocate: Relocate<'_>) {
    let Some(table) = table.and_then(Item::as_table_like_mut) else { return };
    for (_, dependency) in table.iter_mut() {
        let Some(dependency) = dependency.as_table_like_mut() else { continue };
        let Some(path) = dependency.get("path").and_then(Item::as_str).map(PathBuf::from) else { continue };
        let target = fs_err::canonicalize(dir.join(&path)).unwrap_or_else(|_| dir.join(&path));
        if let Some(new) = relocate(&target) {
            let new = new.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
            dependency.insert("path", Item::Value(Value::from(new)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_climb_and_descend() {
        assert_eq!(relative_path(Path::new("/a/b/c"), Path::new("/a/d/e")), PathBuf::from("../../d/e"));
        assert_eq!(relative_path(Path::new("/a"), Path::new("/a/b")), PathBuf::from("b"));
        assert_eq!(relative_path(Path::new("/a"), Path::new("/a")), PathBuf::from("."));
    }
}
