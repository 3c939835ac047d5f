//! No dead relative link in the repository's Markdown: every link to a file
//! or folder of the repository (README.md, docs/, the guide, ...) must point
//! to something that exists, and a link to a heading of a Markdown file
//! (`file.md#heading`, `#heading`) to a heading that file has, named as
//! GitHub and mdBook name it. Links with a scheme (`https:`) are not
//! followed, but for those into this repository's own files on GitHub
//! (`https://github.com/hpy-rs/hpy-rs/blob/main/<path>`, which the guide
//! uses for files outside the book, and the macros' rustdoc for the guide's
//! chapters): these must name a file or folder of this checkout.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().expect("the workspace exists")
}

/// Every Markdown file of the repository, build output and hidden folders aside.
fn markdown_files(dir: &Path, found: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir).expect("a readable folder").flatten().collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let name = entry.file_name().to_string_lossy().into_owned();
        let path = entry.path();
        if path.is_dir() {
            let skipped = name.starts_with('.') || name == "target" || name == "__pycache__";
            if !skipped && !path.join("CACHEDIR.TAG").exists() && !path.join("pyvenv.cfg").exists() {
                markdown_files(&path, found);
            }
        } else if name.ends_with(".md") {
            found.push(path);
        }
    }
}

/// The anchor GitHub and mdBook give a heading: lower case, spaces to
/// hyphens, punctuation dropped; repeated headings get `-1`, `-2`, ...
fn slug(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_'))
        .map(|c| if c == ' ' { '-' } else { c })
        .collect()
}

struct Document {
    links: Vec<String>,
    anchors: BTreeSet<String>,
}

fn parse(text: &str) -> Document {
    let mut links = Vec::new();
    let mut anchors = BTreeSet::new();
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    let mut heading: Option<String> = None;
    let options = Options::ENABLE_TABLES | Options::ENABLE_HEADING_ATTRIBUTES | Options::ENABLE_STRIKETHROUGH;
    for event in Parser::new_ext(text, options) {
        match event {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                links.push(dest_url.to_string())
            }
            Event::Start(Tag::Heading { id, .. }) => {
                if let Some(id) = id {
                    anchors.insert(id.to_string());
                }
                heading = Some(String::new());
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some(h) = heading.as_mut() {
                    h.push_str(&t);
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                let base = slug(&heading.take().unwrap_or_default());
                let count = seen.entry(base.clone()).or_insert(0);
                anchors.insert(if *count == 0 { base.clone() } else { format!("{base}-{count}") });
                *count += 1;
            }
            _ => {}
        }
    }
    Document { links, anchors }
}

#[test]
fn relative_links_lead_somewhere() {
    let root = root();
    let mut files = Vec::new();
    markdown_files(&root, &mut files);
    assert!(files.iter().any(|f| f.ends_with("README.md")), "no README.md found under {}", root.display());
    let read =
        |path: &Path| std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut documents: BTreeMap<PathBuf, Document> = BTreeMap::new();
    let mut dead = Vec::new();
    let mut checked = 0;
    for file in &files {
        let links = parse(&read(file)).links;
        for link in links {
            let has_scheme = link.split_once(':').is_some_and(|(scheme, _)| {
                !scheme.is_empty()
                    && !scheme.contains('/')
                    && scheme.chars().all(|c| c.is_ascii_alphanumeric())
            });
            let (base, relative) = match (has_scheme, in_repository(&link)) {
                (false, _) => (file.parent().unwrap().to_path_buf(), link.as_str()),
                (true, Some(path)) => (root.clone(), path),
                (true, None) => continue,
            };
            checked += 1;
            let shown = file.strip_prefix(&root).unwrap_or(file).display().to_string();
            if let Err(why) = check(&base, file, relative, &mut documents) {
                dead.push(format!("{shown}: `{link}`: {why}"));
            }
        }
    }
    assert!(checked > 0, "no relative link found: the scan is broken");
    assert!(dead.is_empty(), "dead links ({} of {checked} checked):\n{}", dead.len(), dead.join("\n"));
}

/// Where this repository's files are on GitHub; `Cargo.toml` says the same.
const REPOSITORY: &str = "https://github.com/hpy-rs/hpy-rs";

/// The path inside the repository of a link to one of its files on GitHub.
fn in_repository(link: &str) -> Option<&str> {
    let rest = link.strip_prefix(REPOSITORY)?;
    rest.strip_prefix("/blob/main/").or_else(|| rest.strip_prefix("/tree/main/"))
}

/// Whether `link` (relative to `base`; `file` is where it is written)
/// leads to a file or folder, and to a heading of it if it names one.
fn check(
    base: &Path,
    file: &Path,
    link: &str,
    documents: &mut BTreeMap<PathBuf, Document>,
) -> Result<(), String> {
    let (path, anchor) = match link.split_once('#') {
        Some((path, anchor)) => (path, Some(anchor)),
        None => (link, None),
    };
    let target = if path.is_empty() { file.to_path_buf() } else { base.join(path) };
    let target = target.canonicalize().map_err(|_| "no such file or folder".to_string())?;
    if let Some(anchor) = anchor.filter(|_| target.extension().is_some_and(|e| e == "md")) {
        let document = documents.entry(target.clone()).or_insert_with(|| {
            parse(&std::fs::read_to_string(&target).unwrap_or_else(|e| panic!("{}: {e}", target.display())))
        });
        if !document.anchors.contains(anchor) {
            return Err(format!("no heading `#{anchor}` there"));
        }
    }
    Ok(())
}

#[test]
fn the_repository_is_where_cargo_toml_says() {
    let manifest = std::fs::read_to_string(root().join("Cargo.toml")).expect("the workspace manifest");
    assert!(
        manifest.contains(&format!("repository = \"{REPOSITORY}\"")),
        "Cargo.toml's repository is not {REPOSITORY}: update REPOSITORY in {}",
        file!()
    );
}

/// The rustdoc of the macros points into the guide, with links to GitHub
/// (rustdoc has no relative way to reach it): each must lead somewhere.
#[test]
fn rustdoc_links_into_the_guide_lead_somewhere() {
    let root = root();
    let mut documents = BTreeMap::new();
    let mut found = 0;
    let mut dead = Vec::new();
    for file in ["hpy-macros/src/lib.rs", "hpy/src/lib.rs"] {
        let path = root.join(file);
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{file}: {e}"));
        for (at, _) in text.match_indices(REPOSITORY) {
            let link = &text[at..];
            let end = link
                .find(|c: char| c.is_whitespace() || matches!(c, ')' | '>' | '"' | '`'))
                .unwrap_or(link.len());
            let link = &link[..end];
            let Some(relative) = in_repository(link) else {
                dead.push(format!("{file}: `{link}`: not a link to a file of the main branch"));
                continue;
            };
            found += usize::from(relative.starts_with("guide/src/"));
            if let Err(why) = check(&root, &path, relative, &mut documents) {
                dead.push(format!("{file}: `{link}`: {why}"));
            }
        }
    }
    assert!(dead.is_empty(), "dead links:\n{}", dead.join("\n"));
    assert!(found >= 5, "the macros' rustdoc links to {found} guide chapters: expected one per macro");
}

#[test]
fn slugs_follow_github() {
    assert_eq!(
        slug("Python subclasses and their own `__init__`"),
        "python-subclasses-and-their-own-__init__"
    );
    assert_eq!(slug("Methods: `#[hpy_methods]`"), "methods-hpy_methods");
    assert_eq!(slug("`cargo hpy new` and `cargo hpy init`"), "cargo-hpy-new-and-cargo-hpy-init");
    assert_eq!(slug("PEP 517 backend"), "pep-517-backend");
}
