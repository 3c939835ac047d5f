//! Lists of gitignore-style glob patterns relative to a folder: Cargo's `include`/`exclude`
//! and `[tool.cargo-hpy]`'s (`*.tmp`, `/notes/`, `docs/**/*.png`, `!keep.tmp`).

use std::path::Path;

use anyhow::{Context, Result};
use ignore::gitignore::{Gitignore, GitignoreBuilder};

/// Compiled patterns; an empty list matches nothing.
#[derive(Debug, Clone)]
pub struct Patterns {
    matcher: Gitignore,
    empty: bool,
}

impl Patterns {
    /// Compiles `patterns`, relative to `root`; `what` names the list in errors.
    pub fn new(root: &Path, patterns: &[String], what: &str) -> Result<Patterns> {
        let mut builder = GitignoreBuilder::new(root);
        for pattern in patterns {
            builder
                .add_line(None, pattern)
                .with_context(|| format!("{what}: invalid pattern '{pattern}'"))?;
        }
        let matcher = builder.build().with_context(|| format!("{what}: invalid patterns"))?;
        Ok(Patterns { matcher, empty: patterns.is_empty() })
    }

    /// Patterns that match nothing.
    pub fn none() -> Patterns {
        Patterns { matcher: Gitignore::empty(), empty: true }
    }

    pub fn is_empty(&self) -> bool {
        self.empty
    }

    /// Whether the file `path` (under the root), or a folder holding it, matches.
    pub fn matches(&self, path: &Path) -> bool {
        !self.empty && self.matcher.matched_path_or_any_parents(path, false).is_ignore()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_match_files_and_their_folders() {
        let root = Path::new("/p");
        let patterns =
            Patterns::new(root, &["*.tmp".into(), "/notes/".into(), "!keep.tmp".into()], "exclude").unwrap();
        assert!(patterns.matches(Path::new("/p/a/b.tmp")));
        assert!(patterns.matches(Path::new("/p/notes/x.txt")));
        assert!(!patterns.matches(Path::new("/p/src/notes/x.txt")));
        assert!(!patterns.matches(Path::new("/p/keep.tmp")));
        assert!(!patterns.matches(Path::new("/p/src/lib.rs")));
        assert!(!Patterns::none().matches(Path::new("/p/a.tmp")));
    }
}
