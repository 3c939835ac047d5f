//! Prepares the guide's chapters for `cargo test --doc`: each chapter
//! listed in `guide/src/SUMMARY.md` is copied into `OUT_DIR` with its
//! `{{#include}}` and `{{#rustdoc_include}}` directives expanded as mdBook
//! expands them, and `chapters.rs` gives each one a doc-only item, so that
//! rustdoc compiles (and runs) every Rust code block of the book.
//!
//! It also refuses what would let an example escape the doctests: a fenced
//! block without a language (rustdoc would read it as Rust, mdBook would
//! not), a Rust block marked `ignore`, or an include form it does not
//! expand.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() {
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let src = manifest.parent().expect("guide/doctests is inside guide/").join("src");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("set by cargo"));
    let summary = src.join("SUMMARY.md");
    println!("cargo::rerun-if-changed={}", src.display());
    let mut items = String::new();
    for chapter in chapters(&read(&summary)) {
        let path = src.join(&chapter);
        println!("cargo::rerun-if-changed={}", path.display());
        let text = read(&path);
        let expanded = expand(&text, path.parent().expect("a file has a folder"), &chapter);
        check_fences(&expanded, &chapter);
        // A chapter without directives is included as it is, so that
        // rustdoc reports the lines of the file itself.
        let source = if expanded == text {
            format!("include_str!({:?})", path.display().to_string())
        } else {
            let file = out.join(chapter.replace('/', "_"));
            std::fs::write(&file, &expanded).expect("OUT_DIR is writable");
            format!("include_str!({:?})", file.display().to_string())
        };
        writeln!(items, "#[doc = {source}]\npub struct {};", item_name(&chapter))
            .expect("writing to a String");
    }
    std::fs::write(out.join("chapters.rs"), items).expect("OUT_DIR is writable");
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The chapter files SUMMARY.md links to, in order.
fn chapters(summary: &str) -> Vec<String> {
    let mut found = Vec::new();
    for line in summary.lines() {
        let mut rest = line;
        while let Some(start) = rest.find("](") {
            let after = &rest[start + 2..];
            let Some(end) = after.find(')') else { break };
            let target = &after[..end];
            if target.ends_with(".md") {
                found.push(target.to_string());
            }
            rest = &after[end..];
        }
    }
    assert!(!found.is_empty(), "SUMMARY.md lists no chapter");
    found
}

/// `getting-started.md` -> `GettingStarted`.
fn item_name(chapter: &str) -> String {
    let stem = chapter.trim_end_matches(".md");
    stem.split(['-', '/', '_'])
        .filter(|part| !part.is_empty())
        .map(|part| {
            let mut chars = part.chars();
            let first = chars.next().expect("a non-empty part").to_ascii_uppercase();
            std::iter::once(first).chain(chars).collect::<String>()
        })
        .collect()
}

/// Expands `{{#include path}}`, `{{#include path:anchor}}` and the same
/// with `rustdoc_include` (the whole file, the lines outside the anchor
/// hidden with `# `), as mdBook does.
fn expand(text: &str, dir: &Path, chapter: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let Some(start) = line.find("{{#") else {
            out.push_str(line);
            continue;
        };
        let end = line[start..].find("}}").map(|e| start + e).unwrap_or_else(|| {
            panic!("{chapter}: an unterminated directive: {line}");
        });
        let directive = line[start + 3..end].trim();
        let (kind, argument) = directive.split_once(char::is_whitespace).unwrap_or((directive, ""));
        let (file, anchor) = match argument.trim().split_once(':') {
            Some((file, anchor)) => (file, Some(anchor)),
            None => (argument.trim(), None),
        };
        let line_range = anchor.is_some_and(|a| a.is_empty() || a.starts_with(|c: char| c.is_ascii_digit()));
        assert!(
            !line_range,
            "{chapter}: `{directive}`: the doctests expand whole files and anchors only, not line ranges"
        );
        let path = dir.join(file);
        println!("cargo::rerun-if-changed={}", path.display());
        let source = read(&path);
        let included = match (kind, anchor) {
            ("include", None) => source.trim_end_matches('\n').to_string(),
            ("include", Some(anchor)) => anchored(&source, anchor, false, chapter),
            ("rustdoc_include", None) => source.trim_end_matches('\n').to_string(),
            ("rustdoc_include", Some(anchor)) => anchored(&source, anchor, true, chapter),
            _ => panic!("{chapter}: `{{{{#{directive}}}}}` is not expanded by the doctests"),
        };
        out.push_str(&line[..start]);
        out.push_str(&included);
        out.push_str(&line[end + 2..]);
    }
    out
}

/// The anchor's name on an `ANCHOR:` or `ANCHOR_END:` line.
fn marker<'a>(line: &'a str, tag: &str) -> Option<&'a str> {
    let at = line.find(tag)?;
    let name = line[at + tag.len()..].trim_start();
    let len = name.find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-')).unwrap_or(name.len());
    (len > 0).then(|| &name[..len])
}

/// The lines of `anchor`; with `hide_others`, every other line too, behind `# `.
fn anchored(source: &str, anchor: &str, hide_others: bool, chapter: &str) -> String {
    let mut lines = Vec::new();
    let mut inside = false;
    let mut found = false;
    for line in source.lines() {
        if let Some(name) = marker(line, "ANCHOR_END:") {
            if name == anchor {
                inside = false;
            }
            continue;
        }
        if let Some(name) = marker(line, "ANCHOR:") {
            if name == anchor {
                inside = true;
                found = true;
            }
            continue;
        }
        if inside {
            lines.push(line.to_string());
        } else if hide_others {
            lines.push(format!("# {line}"));
        }
    }
    assert!(found, "{chapter}: no anchor `{anchor}` in the included file");
    lines.join("\n")
}

/// Every fence names its language first; no block is `ignore`d.
fn check_fences(text: &str, chapter: &str) {
    let mut open: Option<&str> = None;
    for (number, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        let fence = if trimmed.starts_with("```") { "```" } else { continue };
        match open {
            Some(_) => {
                if trimmed.trim_end() == fence {
                    open = None;
                }
            }
            None => {
                let info = trimmed[fence.len()..].trim();
                let tags: Vec<&str> = info.split([',', ' ']).filter(|t| !t.is_empty()).collect();
                assert!(
                    !tags.is_empty(),
                    "{chapter}, line {}: a code block without a language (rustdoc would compile it as Rust)",
                    number + 1
                );
                assert!(
                    !tags.contains(&"ignore"),
                    "{chapter}, line {}: a block marked `ignore`: make it compile (`rust,no_run` if it must \
                     not run)",
                    number + 1
                );
                assert!(
                    !["no_run", "should_panic", "compile_fail"].contains(&tags[0]),
                    "{chapter}, line {}: name the language first (`rust,{}`), as mdBook expects",
                    number + 1,
                    tags[0]
                );
                open = Some(fence);
            }
        }
    }
    assert!(open.is_none(), "{chapter}: a code block is not closed");
}
