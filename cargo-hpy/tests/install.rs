//! One hello wheel, installed with pip (which pulls `hpy` in through the CPython marker)
//! into a fresh virtualenv of every CPython the harness found, imported and run in the
//! universal, debug and trace modes; the mixed package's scripts, data and entry points.

mod common;

use std::path::Path;
use std::process::Command;

use common::{fresh_dir, hello_wheel, make_venv, mixed_wheel, pip, pythons, run_err, run_ok};

const HELLO: &str = r#"
import os, sys
import hello
expected = {"universal": "HPy Universal ABI (CPython backend)", "debug": "HPy Debug Mode ABI",
            "trace": "HPy Trace Mode ABI"}[os.environ["HPY"]]
assert hello.context_name() == expected, hello.context_name()
assert hello.greet("x") == "Hello, x!"
assert hello.add(2, 3) == 5
assert hello.__file__.endswith("hello.hpy0.so"), hello.__file__
print(sys.version_info[0], sys.version_info[1], hello.context_name())
"#;

const MIXED: &str = r#"
import json, sys
from importlib import resources
from importlib.metadata import distribution, entry_points
import mixed_pkg, mixed_pkg._native as native
assert mixed_pkg.double_twice(3) == 12
assert mixed_pkg.shouting() is True  # [tool.cargo-hpy] features = ["shout"]
assert native.__name__ == "mixed_pkg._native"
data = resources.files("mixed_pkg") / "data" / "config.json" if sys.version_info >= (3, 9) else None
assert data is None or json.loads(data.read_text()) == {"answer": 42}
dist = distribution("mixed_pkg")
assert dist.version == "1.2.3rc1"
groups = entry_points()
plugins = groups.select(group="mixed.plugins") if hasattr(groups, "select") else groups["mixed.plugins"]
assert [ep.value for ep in plugins] == ["mixed_pkg:double_twice"]
print("ok")
"#;

#[test]
fn one_wheel_installs_and_runs_on_every_cpython() {
    let wheel = hello_wheel();
    let mixed = mixed_wheel();
    let pythons = pythons();
    std::thread::scope(|scope| {
        for (version, python) in &pythons {
            scope.spawn(move || install_and_run(version, python, wheel, mixed));
        }
    });
}

fn install_and_run(version: &str, base: &Path, wheel: &Path, mixed: &Path) {
    let dir = fresh_dir(&format!("install-{version}"));
    let python = make_venv(base, &dir.join("venv"));
    run_ok(&mut pip(&python, &["install", "-q", wheel.to_str().unwrap(), mixed.to_str().unwrap()]));
    let hpy = run_ok(&mut pip(&python, &["show", "hpy"]));
    assert!(hpy.contains("Version: 0.9.0"), "pip did not install hpy for {version}:\n{hpy}");
    for mode in ["universal", "debug", "trace"] {
        let out = run_ok(Command::new(&python).args(["-c", HELLO]).env("HPY", mode).current_dir(&dir));
        assert!(out.starts_with(&version.replace('.', " ")), "{version} {mode}: {out}");
    }
    let out = run_ok(Command::new(&python).args(["-c", MIXED]).current_dir(&dir).env_remove("HPY"));
    assert_eq!(out.trim(), "ok");
    let bin = dir.join("venv/bin");
    assert_eq!(run_ok(Command::new(bin.join("mixed-double")).arg("21")).trim(), "42");
    assert_eq!(run_ok(&mut Command::new(bin.join("mixed-tool"))).trim(), "mixed-tool");
    let notes = dir.join("venv/share/mixed/notes.txt");
    assert_eq!(std::fs::read_to_string(notes).unwrap(), "shared data\n");
}

#[test]
fn importing_without_hpy_on_cpython_explains_what_to_install() {
    let (version, base) = pythons().into_iter().next().unwrap();
    let dir = fresh_dir(&format!("no-hpy-{version}"));
    let python = make_venv(&base, &dir.join("venv"));
    run_ok(&mut pip(&python, &["install", "-q", "--no-deps", hello_wheel().to_str().unwrap()]));
    let err = run_err(Command::new(&python).args(["-c", "import hello"]).current_dir(&dir));
    assert!(
        err.contains(
            "ImportError: cannot import hello: it is a universal HPy extension module, and it needs the \
             `hpy` package on CPython: pip install \"hpy>=0.9,<0.10\""
        ),
        "{err}"
    );
}
