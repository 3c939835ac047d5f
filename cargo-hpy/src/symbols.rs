//! Checks that a shared library is a universal HPy module, or a CPython-ABI module, with the
//! expected name.
//!
//! The HPy 0.9 loader looks up four symbols named after the module's short name, and a
//! universal module must not touch the CPython C API (no `Py*` / `_Py*` imports), or it
//! would only load on the CPython it happened to be linked against. A CPython-ABI module
//! exports `PyInit_<name>` instead, none of the HPy loader's symbols, and must not link
//! `libpython` (the interpreter provides the C API when it loads the module).

use anyhow::{Result, bail};

use crate::elf::SharedLibrary;

/// The four symbols `HPy_MODINIT` exports for a module named `module`.
pub fn init_symbols(module: &str) -> [String; 4] {
    [
        format!("get_required_hpy_major_version_{module}"),
        format!("get_required_hpy_minor_version_{module}"),
        format!("HPyInitGlobalContext_{module}"),
        format!("HPyInit_{module}"),
    ]
}

/// Fails unless `library` exports the init symbols of `module` and imports no CPython API.
pub fn check_universal_module(library: &SharedLibrary, module: &str) -> Result<()> {
    let cpython: Vec<&str> = library
        .imports
        .iter()
        .map(|i| i.name.as_str())
        .filter(|name| name.starts_with("Py") || name.starts_with("_Py"))
        .collect();
    if !cpython.is_empty() {
        bail!(
            "not a universal HPy module: it uses the CPython C API: {}\n\
             A universal module may only call Python through the HPy context.",
            cpython.join(", ")
        );
    }

    let missing: Vec<String> =
        init_symbols(module).into_iter().filter(|s| !library.exports.contains(s)).collect();
    if missing.is_empty() {
        return Ok(());
    }
    let others: Vec<&str> =
        library.exports.iter().filter_map(|e| e.strip_prefix("HPyInit_")).filter(|m| *m != module).collect();
    if let [other] = others.as_slice() {
        bail!(
            "the module is named '{other}' in Rust (it exports HPyInit_{other}), but is packaged as \
             '{module}': the names must match. Rename the #[hpy_module] `mod {other}` to `mod {module}`, \
             or set `module-name = \"{other}\"` under [tool.cargo-hpy] in pyproject.toml \
             (the default module name is the [lib] name)"
        );
    }
    let mut message =
        format!("not a universal HPy module named '{module}': it does not export {}", missing.join(", "));
    if others.is_empty() {
        message.push_str(&format!(
            "\nDeclare the module with #[hpy_module] on `mod {module} {{ ... }}` (from the `hpy` crate)."
        ));
    } else {
        message
            .push_str(&format!("\nIt initialises the modules {}; the names must match.", others.join(", ")));
    }
    bail!(message)
}

/// Fails unless `library` is a CPython extension module named `module`: `PyInit_<module>`
/// exported, no HPy loader symbol, no `libpython` needed.
pub fn check_cpython_module(library: &SharedLibrary, module: &str) -> Result<()> {
    let hpy: Vec<String> = init_symbols(module).into_iter().filter(|s| library.exports.contains(s)).collect();
    if !hpy.is_empty() {
        bail!(
            "not a CPython-ABI module: it exports the universal HPy loader's {}: the `cpython-abi` \
             feature of `hpy` did not reach the build",
            hpy.join(", ")
        );
    }
    let libpython: Vec<&str> =
        library.needed.iter().map(String::as_str).filter(|n| n.starts_with("libpython")).collect();
    if !libpython.is_empty() {
        bail!(
            "the CPython-ABI module links {}: an extension module must not (build with \
             PYO3_BUILD_EXTENSION_MODULE=1, as cargo-hpy does)",
            libpython.join(", ")
        );
    }
    let init = format!("PyInit_{module}");
    if library.exports.contains(&init) {
        return Ok(());
    }
    let others: Vec<&str> = library.exports.iter().filter_map(|e| e.strip_prefix("PyInit_")).collect();
    if let [other] = others.as_slice() {
        bail!(
            "the module is named '{other}' in Rust (it exports PyInit_{other}), but is packaged as \
             '{module}': the names must match. Rename the #[hpy_module] `mod {other}` to `mod {module}`, \
             or set `module-name = \"{other}\"` under [tool.cargo-hpy] in pyproject.toml"
        );
    }
    bail!(
        "not a CPython-ABI module named '{module}': it does not export {init}\n\
         Declare the module with #[hpy_module] on `mod {module} {{ ... }}` (from the `hpy` crate)."
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::elf::Import;

    fn library(exports: &[&str], imports: &[&str]) -> SharedLibrary {
        SharedLibrary {
            exports: exports.iter().map(ToString::to_string).collect(),
            imports: imports
                .iter()
                .map(|name| Import { name: name.to_string(), library: String::new(), version: None })
                .collect(),
            needed: vec!["libc.so.6".to_string()],
            arch: "x86_64".to_string(),
        }
    }

    #[test]
    fn a_complete_module_passes() {
        let symbols = init_symbols("m");
        let exports: Vec<&str> = symbols.iter().map(String::as_str).collect();
        check_universal_module(&library(&exports, &["malloc"]), "m").unwrap();
    }

    #[test]
    fn missing_symbols_are_named() {
        let err = check_universal_module(&library(&["HPyInit_m"], &[]), "m").unwrap_err().to_string();
        assert!(err.contains("does not export get_required_hpy_major_version_m, "), "{err}");
        assert!(err.contains("HPyInitGlobalContext_m"), "{err}");
        assert!(!err.contains(", HPyInit_m"), "{err}");
    }

    #[test]
    fn a_module_with_another_name_is_explained() {
        let symbols = init_symbols("other");
        let exports: Vec<&str> = symbols.iter().map(String::as_str).collect();
        let err = check_universal_module(&library(&exports, &[]), "m").unwrap_err().to_string();
        assert!(err.contains("named 'other' in Rust"), "{err}");
        assert!(err.contains("the names must match"), "{err}");
    }

    #[test]
    fn cpython_api_imports_are_listed() {
        let symbols = init_symbols("m");
        let exports: Vec<&str> = symbols.iter().map(String::as_str).collect();
        let lib = library(&exports, &["malloc", "PyLong_FromLong", "_Py_Dealloc"]);
        let err = check_universal_module(&lib, "m").unwrap_err().to_string();
        assert!(
            err.starts_with(
                "not a universal HPy module: it uses the CPython C API: PyLong_FromLong, _Py_Dealloc"
            ),
            "{err}"
        );
    }

    #[test]
    fn a_cpython_abi_module_exports_pyinit_only() {
        check_cpython_module(&library(&["PyInit_m"], &["PyLong_FromLong"]), "m").unwrap();
        let symbols = init_symbols("m");
        let exports: Vec<&str> = symbols.iter().map(String::as_str).collect();
        let err = check_cpython_module(&library(&exports, &[]), "m").unwrap_err().to_string();
        assert!(err.contains("exports the universal HPy loader's get_required_hpy_major_version_m"), "{err}");
        let err = check_cpython_module(&library(&["PyInit_other"], &[]), "m").unwrap_err().to_string();
        assert!(err.contains("named 'other' in Rust (it exports PyInit_other)"), "{err}");
        let mut linked = library(&["PyInit_m"], &[]);
        linked.needed.push("libpython3.11.so.1.0".into());
        let err = check_cpython_module(&linked, "m").unwrap_err().to_string();
        assert!(err.contains("links libpython3.11.so.1.0"), "{err}");
    }
}
