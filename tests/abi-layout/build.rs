//! Compiles `generated/probe.c` against the headers of the `hpy` package that
//! `$HPY_PYTHON` (default `python3`) imports. When that fails, the crate still
//! builds and the layout test fails, saying why.
//!
//! With `HPY_RS_RUNTIME_HEADERS=<layout>=<include dir>[;…]` (for example
//! `pypy-7.3.19=…/hpy/devel/include`), it also compiles `probe.c` and
//! `context_<layout>.c` against each runtime's headers, for the test that
//! proves the layout description `hpy-sys/abi/layouts/<layout>.layout`.

use std::process::Command;

const FIND_HEADERS: &str = "import hpy.devel, hpy.devel.version, os; \
print(hpy.devel.version.__version__); \
print(os.path.join(os.path.dirname(hpy.devel.__file__), 'include'))";

fn hpy_include_dir(python: &str) -> Result<String, String> {
    let out = Command::new(python)
        .args(["-c", FIND_HEADERS])
        .output()
        .map_err(|e| format!("cannot run `{python}`: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "`{python}` cannot import hpy.devel: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    let text = String::from_utf8_lossy(&out.stdout);
    let mut lines = text.lines();
    let version = lines.next().unwrap_or_default().trim().to_string();
    if version != "0.9.0" {
        return Err(format!("`{python}` has hpy {version}, the layout is checked against 0.9.0"));
    }
    Ok(lines.next().unwrap_or_default().trim().to_string())
}

/// The runtime probes, when `HPY_RS_RUNTIME_HEADERS` asks for some: a
/// `;`-separated list of `<layout>=<include dir>`. Each probe exports its
/// arrays under the prefix `runtime_probe_<layout stem>_`; the Rust file
/// `$OUT_DIR/runtime_probes.rs` reads them all.
fn runtime_probes() {
    println!("cargo::rerun-if-env-changed=HPY_RS_RUNTIME_HEADERS");
    let spec = std::env::var("HPY_RS_RUNTIME_HEADERS").unwrap_or_default();
    let mut readers = String::new();
    let mut sides = Vec::new();
    for entry in spec.split(';').filter(|e| !e.is_empty()) {
        let Some((layout, include)) = entry.split_once('=') else {
            panic!("HPY_RS_RUNTIME_HEADERS must be <layout>=<include dir>[;...], not {spec:?}");
        };
        let stem = layout.replace(['-', '.'], "_");
        let context = format!("generated/context_{stem}.c");
        println!("cargo::rerun-if-changed={context}");
        let prefix = format!("runtime_probe_{stem}_");
        cc::Build::new()
            .file("generated/probe.c")
            .file(&context)
            .include(include)
            .define("HPY_ABI_UNIVERSAL", None)
            .define("PROBE(name)", format!("{prefix}##name").as_str())
            .warnings(true)
            .warnings_into_errors(true)
            .compile(&format!("hpy_runtime_probe_{stem}"));
        readers.push_str(&format!(
            "probe_reader!(runtime_{stem}, {prefix:?});\n\
             mod runtime_{stem}_context {{\n\
                 unsafe extern \"C\" {{\n\
                     #[link_name = \"{prefix}context\"]\n\
                     pub static CONTEXT: [std::ffi::c_longlong; 0];\n\
                     #[link_name = \"{prefix}context_len\"]\n\
                     pub static CONTEXT_LEN: usize;\n\
                 }}\n\
             }}\n"
        ));
        sides.push(format!(
            "runtime_side({layout:?}, {include:?}, runtime_{stem}::read(), \
             // SAFETY: the context probe defines the array with exactly that many\n\
             // elements, as constants.\n\
             unsafe {{ std::slice::from_raw_parts(runtime_{stem}_context::CONTEXT.as_ptr(), \
             runtime_{stem}_context::CONTEXT_LEN) }})"
        ));
    }
    if sides.is_empty() {
        return;
    }
    readers.push_str(&format!(
        "/// Every runtime probe this build has.\nfn runtime_probes() -> Vec<RuntimeCSide> {{\n    vec![{}]\n}}\n",
        sides.join(",\n")
    ));
    let out = std::path::PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(out.join("runtime_probes.rs"), readers).expect("OUT_DIR is writable");
    println!("cargo::rustc-cfg=hpy_runtime_probe");
}

fn main() {
    println!("cargo::rustc-check-cfg=cfg(hpy_runtime_probe)");
    runtime_probes();
    println!("cargo::rerun-if-env-changed=HPY_PYTHON");
    println!("cargo::rerun-if-changed=generated/probe.c");
    println!("cargo::rustc-check-cfg=cfg(hpy_probe)");
    let python = std::env::var("HPY_PYTHON").unwrap_or_else(|_| "python3".into());
    match hpy_include_dir(&python) {
        Ok(include) => {
            cc::Build::new()
                .file("generated/probe.c")
                .include(&include)
                .define("HPY_ABI_UNIVERSAL", None)
                .warnings(true)
                .extra_warnings(true)
                .warnings_into_errors(true)
                .compile("hpy_probe");
            println!("cargo::rustc-cfg=hpy_probe");
            println!("cargo::rustc-env=HPY_PROBE_HEADERS={include}");
        }
        Err(why) => {
            println!("cargo::warning=abi-layout: {why}; the layout test will fail");
            println!("cargo::rustc-env=HPY_PROBE_MISSING={why}");
        }
    }
}
