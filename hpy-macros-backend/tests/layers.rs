//! The backend's module graph, read from its sources: no module imports a
//! module that imports it (no cycle at all), and the layers point one way
//! (`parse` uses neither `model` nor `emit`; `model` does not use `emit`).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Every module of `src` (as `a::b`) with its source, tests cut off.
fn modules() -> BTreeMap<String, String> {
    fn walk(dir: &Path, prefix: &[String], out: &mut BTreeMap<String, String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
            if path.is_dir() {
                walk(&path, &[prefix, &[stem]].concat(), out);
                continue;
            }
            let module = match stem.as_str() {
                "lib" => continue,
                "mod" => prefix.to_vec(),
                _ => [prefix, &[stem]].concat(),
            };
            let text = std::fs::read_to_string(&path).unwrap();
            let code = text.split("#[cfg(test)]").next().unwrap().to_string();
            out.insert(module.join("::"), code);
        }
    }
    let mut out = BTreeMap::new();
    walk(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &[], &mut out);
    out
}

/// The modules `code` (of module `me`) names: `crate::..`, `super::..`,
/// and its own submodules by name, each resolved to the longest module.
fn imports(me: &str, is_dir: bool, code: &str, all: &BTreeMap<String, String>) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let chars: Vec<char> = code.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let starts_word =
            i == 0 || !(chars[i - 1].is_alphanumeric() || chars[i - 1] == '_' || chars[i - 1] == ':');
        if !starts_word {
            i += 1;
            continue;
        }
        let path: String =
            chars[i..].iter().take_while(|c| c.is_alphanumeric() || **c == '_' || **c == ':').collect();
        i += path.len().max(1);
        let segments: Vec<&str> = path.split("::").filter(|s| !s.is_empty()).collect();
        if !path.contains("::") || segments.is_empty() {
            continue;
        }
        // The module the path starts from.
        let mut base: Vec<&str> = me.split("::").filter(|s| !s.is_empty()).collect();
        if !is_dir {
            base.pop();
        }
        let rest: Vec<&str> = match segments[0] {
            "crate" => segments[1..].to_vec(),
            "super" => {
                let mut rest = &segments[..];
                while rest.first() == Some(&"super") {
                    rest = &rest[1..];
                    if is_dir {
                        base.pop();
                    }
                }
                base.iter().copied().chain(rest.iter().copied()).collect()
            }
            first if is_dir && all.contains_key(&format!("{me}::{first}")) => {
                me.split("::").chain(segments.iter().copied()).filter(|s| !s.is_empty()).collect()
            }
            _ => continue,
        };
        let target = (1..=rest.len()).rev().map(|n| rest[..n].join("::")).find(|m| all.contains_key(m));
        if let Some(target) = target
            && target != me
        {
            out.insert(target);
        }
    }
    out
}

fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let all = modules();
    let dirs: BTreeSet<String> =
        all.keys().filter(|m| all.keys().any(|n| n.starts_with(&format!("{m}::")))).cloned().collect();
    all.iter().map(|(m, code)| (m.clone(), imports(m, dirs.contains(m), code, &all))).collect()
}

#[test]
fn no_module_imports_a_module_that_imports_it() {
    let graph = graph();
    assert!(graph["emit::methods"].contains("emit::slots"), "the reader sees imports: {graph:?}");
    // Depth-first search for a cycle.
    fn visit<'a>(
        m: &'a str,
        graph: &'a BTreeMap<String, BTreeSet<String>>,
        stack: &mut Vec<&'a str>,
        done: &mut BTreeSet<&'a str>,
    ) {
        if let Some(start) = stack.iter().position(|s| *s == m) {
            panic!("import cycle: {} -> {m}", stack[start..].join(" -> "));
        }
        if !done.insert(m) {
            return;
        }
        stack.push(m);
        for next in &graph[m] {
            visit(next, graph, stack, done);
        }
        stack.pop();
    }
    let mut done = BTreeSet::new();
    for m in graph.keys() {
        visit(m, &graph, &mut Vec::new(), &mut done);
    }
}

#[test]
fn the_layers_point_one_way() {
    for (m, imports) in graph() {
        for target in imports {
            let layer = |m: &str| m.split("::").next().unwrap().to_string();
            let allowed = match layer(&m).as_str() {
                "parse" => !matches!(layer(&target).as_str(), "model" | "emit"),
                "model" => layer(&target) != "emit",
                "tokens" | "krate" | "errors" => false,
                _ => true,
            };
            assert!(allowed, "`{m}` uses `{target}`");
        }
    }
}
