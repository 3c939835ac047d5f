//! Compiles `generated/probe.c` against the headers of the `hpy` package that
//! `$HPY_PYTHON` (default `python3`) imports. When that fails, the crate still
//! builds and the layout test fails, saying why.
//!
//! With `HPY_RS_RUNTIME_HEADERS=<layout>=<include dir>` (for example
//! `pypy-7.3.19=…/hpy/devel/include`), it also compiles `probe.c` and
//! `context_<layout>.c` against that runtime's headers, for the test that
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

/// The runtime probe, when `HPY_RS_RUNTIME_HEADERS` asks for one.
fn runtime_probe() {
    println!("cargo::rerun-if-env-changed=HPY_RS_RUNTIME_HEADERS");
    let Ok(spec) = std::env::var("HPY_RS_RUNTIME_HEADERS") else { return };
    let Some((layout, include)) = spec.split_once('=') else {
        panic!("HPY_RS_RUNTIME_HEADERS must be <layout>=<include dir>, not {spec:?}");
    };
    let context = format!("generated/context_{}.c", layout.replace(['-', '.'], "_"));
    println!("cargo::rerun-if-changed={context}");
    cc::Build::new()
        .file("generated/probe.c")
        .file(&context)
        .include(include)
        .define("HPY_ABI_UNIVERSAL", None)
        .define("PROBE(name)", "runtime_probe_##name")
        .warnings(true)
        .warnings_into_errors(true)
        .compile("hpy_runtime_probe");
    println!("cargo::rustc-cfg=hpy_runtime_probe");
    println!("cargo::rustc-env=HPY_RUNTIME_LAYOUT={layout}");
    println!("cargo::rustc-env=HPY_RUNTIME_HEADERS={include}");
}

fn main() {
    println!("cargo::rustc-check-cfg=cfg(hpy_runtime_probe)");
    runtime_probe();
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
