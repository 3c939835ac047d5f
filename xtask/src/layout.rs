//! The context layouts of HPy runtimes: the 0.9.0 table's own, and the
//! others described by `hpy-sys/abi/layouts/*.layout` (grammar at the top of
//! each file). A layout places every member of the 0.9.0 table in a slot; the
//! members that are not in the same slot in every layout are the ones
//! `hpy-sys` routes at run time.

use crate::abi::{self, Abi};
use std::collections::HashMap;
use std::path::Path;

/// The folder of the layout descriptions, relative to the workspace root.
pub const DIR: &str = "hpy-sys/abi/layouts";

/// One runtime layout.
#[derive(Debug, Clone)]
pub struct Layout {
    /// The file stem (`pypy-7.3.19`), or `hpy-0.9.0` for the table's own.
    pub name: String,
    /// The runtime's `sys.implementation.name`.
    pub implementation: String,
    /// The `ctx->name` of the contexts that have this layout.
    pub runtimes: Vec<String>,
    /// The versions `hpy.universal.get_version()` reports with it; empty
    /// when any version of the runtime has it.
    pub hpy_versions: Vec<String>,
    /// Members whose C type differs from the table's only by a `const` on a
    /// pointee.
    pub const_only: Vec<String>,
    /// Every member's C field, in slot order (members the table lacks too).
    pub members: Vec<String>,
}

impl Layout {
    /// The 0.9.0 table's own layout: every member in the slot of its ID.
    pub fn of_table(abi: &Abi) -> Layout {
        Layout {
            name: "hpy-0.9.0".into(),
            implementation: abi.implementation.clone(),
            runtimes: abi.runtimes.clone(),
            hpy_versions: Vec::new(),
            const_only: Vec::new(),
            members: abi.context.iter().map(abi::Member::c_field).collect(),
        }
    }

    /// The slot of every member, by C field.
    pub fn slots(&self) -> HashMap<&str, usize> {
        self.members.iter().enumerate().map(|(slot, m)| (m.as_str(), slot)).collect()
    }
}

enum Section {
    None,
    Implementation,
    Runtimes,
    Versions,
    ConstOnly,
    Context,
}

/// Parses one layout description and checks it against the table: every
/// member of the table appears exactly once.
pub fn parse(name: &str, text: &str, abi: &Abi) -> Result<Layout, String> {
    let mut layout = Layout {
        name: name.into(),
        implementation: String::new(),
        runtimes: Vec::new(),
        hpy_versions: Vec::new(),
        const_only: Vec::new(),
        members: Vec::new(),
    };
    let mut section = Section::None;
    for (index, raw) in text.lines().enumerate() {
        let line = raw.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        let at = |e: String| format!("line {}: {e}", index + 1);
        section = match line {
            "[implementation]" => Section::Implementation,
            "[runtimes]" => Section::Runtimes,
            "[hpy-versions]" => Section::Versions,
            "[const-only]" => Section::ConstOnly,
            "[context]" => Section::Context,
            _ => {
                match section {
                    Section::None => return Err(at("item outside of any section".into())),
                    Section::Implementation => layout.implementation = line.into(),
                    Section::Runtimes => layout.runtimes.push(abi::quoted(line).map_err(at)?.into()),
                    Section::Versions => layout.hpy_versions.push(line.into()),
                    Section::ConstOnly => layout.const_only.push(line.into()),
                    Section::Context if line.starts_with("h_") || line.starts_with("ctx_") => {
                        layout.members.push(line.into())
                    }
                    Section::Context => return Err(at(format!("`{line}` is not a context field"))),
                }
                continue;
            }
        };
    }
    validate(&layout, abi)?;
    Ok(layout)
}

fn validate(layout: &Layout, abi: &Abi) -> Result<(), String> {
    if layout.runtimes.is_empty() || layout.implementation.is_empty() {
        return Err("a layout names its implementation and at least one runtime".into());
    }
    let mut seen = std::collections::HashSet::new();
    if let Some(dup) = layout.members.iter().find(|m| !seen.insert(m.as_str())) {
        return Err(format!("`{dup}` appears twice"));
    }
    let missing: Vec<String> =
        abi.context.iter().map(abi::Member::c_field).filter(|f| !seen.contains(f.as_str())).collect();
    if !missing.is_empty() {
        return Err(format!("members of the 0.9.0 table missing: {}", missing.join(", ")));
    }
    if let Some(unknown) = layout.const_only.iter().find(|m| !seen.contains(m.as_str())) {
        return Err(format!("`{unknown}` is in [const-only] but not in [context]"));
    }
    Ok(())
}

/// The table's layout first, then every description under [`DIR`], by name.
pub fn all(root: &Path, abi: &Abi) -> Result<Vec<Layout>, String> {
    let mut layouts = vec![Layout::of_table(abi)];
    let mut files: Vec<_> = std::fs::read_dir(root.join(DIR))
        .map_err(|e| format!("{DIR}: {e}"))?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "layout"))
        .collect();
    files.sort();
    for path in files {
        let name = path.file_stem().and_then(|s| s.to_str()).ok_or("a layout file name is not UTF-8")?;
        let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        layouts.push(parse(name, &text, abi).map_err(|e| format!("{}: {e}", path.display()))?);
    }
    let mut names = std::collections::HashSet::new();
    for runtime in layouts.iter().flat_map(|l| &l.runtimes) {
        if !names.insert(runtime) {
            return Err(format!("the runtime {runtime:?} is named by two layouts"));
        }
    }
    Ok(layouts)
}

/// The members of the table whose slot is not the same in every layout, with
/// their slot in each layout (in the order of `layouts`).
pub fn moved<'a>(abi: &'a Abi, layouts: &[Layout]) -> Vec<(&'a abi::Member, Vec<usize>)> {
    let slots: Vec<HashMap<&str, usize>> = layouts.iter().map(Layout::slots).collect();
    abi.context
        .iter()
        .filter_map(|m| {
            let field = m.c_field();
            let each: Vec<usize> = slots.iter().map(|s| s[field.as_str()]).collect();
            each.iter().any(|&s| s != each[0]).then_some((m, each))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> Abi {
        let root = crate::workspace_root();
        abi::load(&root).unwrap()
    }

    #[test]
    fn pypy_moves_the_members_after_builtins_by_one_slot() {
        let abi = table();
        let layouts = all(&crate::workspace_root(), &abi).unwrap();
        let pypy = layouts.iter().position(|l| l.name == "pypy-7.3.19").expect("the PyPy layout");
        let moved = moved(&abi, &layouts);
        let ids: Vec<usize> = moved.iter().map(|(m, _)| m.id()).collect();
        assert_eq!(ids, (244..=262).collect::<Vec<_>>());
        assert!(moved.iter().all(|(m, slots)| slots[0] == m.id() && slots[pypy] == m.id() + 1));
        assert_eq!(layouts[pypy].members[244], "h_DictType");
    }

    #[test]
    fn a_description_must_place_every_member_once() {
        let abi = table();
        let text = "[implementation]\nx\n[runtimes]\n\"x\"\n[context]\nh_None\nh_None\n";
        assert_eq!(parse("x", text, &abi).unwrap_err(), "`h_None` appears twice");
        let text = "[implementation]\nx\n[runtimes]\n\"x\"\n[context]\nh_None\n";
        assert!(
            parse("x", text, &abi).unwrap_err().starts_with("members of the 0.9.0 table missing: h_True")
        );
        let text = "[implementation]\nx\n[runtimes]\n\"x\"\n[context]\nHPy_Dup\n";
        assert_eq!(parse("x", text, &abi).unwrap_err(), "line 6: `HPy_Dup` is not a context field");
    }
}
