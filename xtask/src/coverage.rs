//! `cargo xtask coverage [--check]`: the table of every function member of
//! the HPy context with the safe `hpy` items that call it, or the reason it
//! has none (from `docs/api-coverage-exceptions.txt`), written to
//! `docs/api-coverage.md`.
//!
//! A member counts as wrapped when a user-facing safe item calls it, or
//! when only the runtime of `#[hpy_type]` does (labelled so: writing a
//! class is then the safe way to reach it; see `api_scan::role`). It fails
//! when a member is neither wrapped nor explained, when an explanation
//! names an unknown member or one that is wrapped, and (with `--check`)
//! when the checked-in table is stale.

use crate::abi::{self, Member};
use crate::api_scan::{self, CLASSES, Site};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;
use std::path::Path;

pub const TABLE: &str = "docs/api-coverage.md";
pub const EXCEPTIONS: &str = "docs/api-coverage-exceptions.txt";

/// How many call sites a row shows before "and N more".
const SHOWN: usize = 3;

/// One function member of the context.
struct Row {
    id: usize,
    public_name: String,
    field: String,
    sites: Vec<Site>,
    reason: Option<String>,
}

/// Parses the exceptions file: `ctx_Member: reason` lines, `#` comments.
fn parse_exceptions(text: &str) -> Result<BTreeMap<String, String>, String> {
    let mut out = BTreeMap::new();
    for (index, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (member, reason) = line
            .split_once(':')
            .ok_or_else(|| format!("{EXCEPTIONS}:{}: expected `ctx_Member: reason`", index + 1))?;
        if out.insert(member.trim().to_string(), reason.trim().to_string()).is_some() {
            return Err(format!("{EXCEPTIONS}:{}: `{}` is listed twice", index + 1, member.trim()));
        }
    }
    Ok(out)
}

/// The rows, and every problem that makes the coverage incomplete.
fn rows(root: &Path) -> Result<(Vec<Row>, Vec<String>), String> {
    let abi = abi::load(root)?;
    let functions: Vec<(usize, String, String)> = abi
        .context
        .iter()
        .filter_map(|m| match m {
            Member::Function { id, public_name, .. } => Some((*id, public_name.clone(), m.c_field())),
            Member::Handle { .. } => None,
        })
        .collect();
    let names: BTreeSet<String> = functions.iter().map(|(_, name, _)| name.clone()).collect();
    let calls = api_scan::scan(root, &api_scan::hpy_lib(root), &names)?;
    let exceptions_text =
        std::fs::read_to_string(root.join(EXCEPTIONS)).map_err(|e| format!("{EXCEPTIONS}: {e}"))?;
    let mut exceptions = parse_exceptions(&exceptions_text)?;

    let mut problems = Vec::new();
    let mut rows = Vec::new();
    for (id, public_name, field) in functions {
        let mut sites: Vec<Site> =
            calls.get(&public_name).map(|s| s.iter().cloned().collect()).unwrap_or_default();
        sites.sort_by_key(|s| {
            (!s.public, !for_classes(s), s.label.ends_with("(unsafe)"), s.via.is_some(), s.label.clone())
        });
        let reason = exceptions.remove(&field);
        let wrapped = sites.iter().any(|s| s.public || for_classes(s));
        match (wrapped, &reason) {
            (true, Some(_)) => problems.push(format!(
                "{field} ({public_name}) is called by the public API or by #[hpy_type] now: remove it from \
                 {EXCEPTIONS}"
            )),
            (false, None) if sites.is_empty() => problems.push(format!(
                "{field} ({public_name}) has no safe wrapper: wrap it, or explain why in {EXCEPTIONS}"
            )),
            (false, None) => problems.push(format!(
                "{field} ({public_name}) is only used internally ({}): wrap it, or explain why in {EXCEPTIONS}",
                sites.iter().map(|s| s.label.as_str()).collect::<Vec<_>>().join(", ")
            )),
            _ => {}
        }
        rows.push(Row { id, public_name, field, sites, reason });
    }
    for unknown in exceptions.keys() {
        problems.push(format!(
            "{EXCEPTIONS} explains `{unknown}`, which is not a function member of the context"
        ));
    }
    Ok((rows, problems))
}

/// Whether the site is the runtime of `#[hpy_type]`.
fn for_classes(site: &Site) -> bool {
    site.internal == Some(CLASSES)
}

fn site_text(site: &Site) -> String {
    let file = site.file.strip_prefix("hpy/src/").unwrap_or(&site.file);
    let via = site.via.as_ref().map(|v| format!(", via `{v}`")).unwrap_or_default();
    match site.internal {
        Some(why) => format!("`{}` ({file}{via}; {why})", site.label),
        None => format!("`{}` ({file}{via})", site.label),
    }
}

fn sites_text(sites: &[Site]) -> String {
    let mut parts: Vec<String> = sites.iter().take(SHOWN).map(site_text).collect();
    if sites.len() > SHOWN {
        parts.push(format!("and {} more", sites.len() - SHOWN));
    }
    parts.join(", ")
}

/// The Markdown table.
pub fn render(root: &Path) -> Result<String, String> {
    let (rows, problems) = rows(root)?;
    if !problems.is_empty() {
        return Err(format!("the API coverage is incomplete:\n  {}", problems.join("\n  ")));
    }
    let total = rows.len();
    let wrapped = rows.iter().filter(|r| r.reason.is_none()).count();
    let classes = rows.iter().filter(|r| r.reason.is_none() && !r.sites.iter().any(|s| s.public)).count();
    let internal = rows.iter().filter(|r| r.reason.is_some() && !r.sites.is_empty()).count();
    let mut out = String::new();
    writeln!(
        out,
        "<!-- @generated by `cargo xtask coverage` from the ABI table, the `hpy` sources and\n     \
         {EXCEPTIONS}. Do not edit: run `cargo xtask coverage`. -->\n\n\
         # The HPy 0.9.0 context in the safe `hpy` API\n\n\
         The context has **{total}** function members. **{wrapped}** are called by the public, safe API of\n\
         the `hpy` crate (the items listed, found by parsing its sources), {classes} of them only by the\n\
         runtime of `#[hpy_type]`: items of `hpy::class` that the code generated for a class calls, marked\n\
         \"{CLASSES}\"; for those, writing a class is the safe way to reach the function. **{}**\n\
         are not, for the reason given ({internal} of these used only internally, as shown).\n\
         `cargo test --workspace` fails if a member is neither wrapped nor explained, or if this file is\n\
         stale.\n\n\
         Explanations live in [`api-coverage-exceptions.txt`](api-coverage-exceptions.txt). Items\n\
         \"via `name!`\" are generated by a macro table, \"via `helper`\" call the function through a\n\
         private helper, \"(unsafe)\" marks an `unsafe fn`; the file is relative to `hpy/src`.\n\n\
         | ID | C API | context member | safe Rust API |\n|---:|---|---|---|",
        total - wrapped
    )
    .unwrap();
    for row in &rows {
        let api = match &row.reason {
            None => sites_text(
                &row.sites.iter().filter(|s| s.public || for_classes(s)).cloned().collect::<Vec<_>>(),
            ),
            Some(reason) if row.sites.is_empty() => format!("*not wrapped:* {reason}"),
            Some(reason) => format!("*not wrapped:* {reason} Used by {}.", sites_text(&row.sites)),
        };
        writeln!(
            out,
            "| {} | `{}` | `{}` | {} |",
            row.id,
            row.public_name,
            row.field,
            api.replace('|', "\\|")
        )
        .unwrap();
    }
    Ok(out)
}

pub fn run(root: &Path, check: bool) -> Result<(), String> {
    let table = render(root)?;
    let path = root.join(TABLE);
    let current = std::fs::read_to_string(&path).ok();
    if current.as_deref() == Some(table.as_str()) {
        return Ok(());
    }
    if check {
        return Err(format!("{TABLE} is out of date: run `cargo xtask coverage`"));
    }
    std::fs::create_dir_all(path.parent().expect("docs/")).map_err(|e| e.to_string())?;
    std::fs::write(&path, table).map_err(|e| format!("{TABLE}: {e}"))?;
    println!("wrote {TABLE}");
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_context_function_is_wrapped_or_explained_and_the_table_is_current() {
        let root = crate::workspace_root();
        let table = super::render(&root).unwrap_or_else(|e| panic!("{e}"));
        let current = std::fs::read_to_string(root.join(super::TABLE)).unwrap_or_default();
        assert!(current == table, "{} is out of date: run `cargo xtask coverage`", super::TABLE);
    }

    #[test]
    fn the_class_runtime_is_labelled_not_presented_as_safe_wrappers() {
        let (rows, _) = super::rows(&crate::workspace_root()).unwrap_or_else(|e| panic!("{e}"));
        let row = |name: &str| rows.iter().find(|r| r.public_name == name).expect("a context function");
        for name in ["_HPy_AsStruct_Object", "_HPy_AsStruct_Legacy", "_HPy_New", "HPyType_FromSpec"] {
            let sites = &row(name).sites;
            assert!(sites.iter().all(|s| !s.public), "{name} is credited to a user-facing item: {sites:?}");
            assert!(sites.iter().any(super::for_classes), "{name} is not credited to #[hpy_type]: {sites:?}");
        }
        // `Field` is re-exported at the crate root: its methods are user-facing.
        let store = &row("HPyField_Store").sites;
        assert!(store.iter().any(|s| s.public && s.label == "Field::store"), "{store:?}");
        // Outside the class runtime, an `unsafe fn` is no safe wrapper.
        for row in &rows {
            assert!(
                row.sites.iter().all(|s| !(s.public && s.label.ends_with("(unsafe)"))),
                "{:?}",
                row.sites
            );
        }
    }

    #[test]
    fn exceptions_file_grammar() {
        let parsed = super::parse_exceptions("# comment\n\nctx_A: because: reasons\n").unwrap();
        assert_eq!(parsed["ctx_A"], "because: reasons");
        assert!(super::parse_exceptions("ctx_A: x\nctx_A: y\n").unwrap_err().contains("twice"));
    }
}
