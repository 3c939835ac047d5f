//! `cargo hpy new` and `init`: the project builds, installs and passes its own test with
//! the commands of its README, unedited.

mod common;

use std::path::Path;
use std::process::Command;

use common::{cargo_hpy, fresh_dir, last_line_path, make_venv, pip, pythons, run_ok, wheel_files, workspace};

fn hpy_path() -> String {
    workspace().join("hpy").display().to_string()
}

/// `pip install "hpy>=0.9,<0.10" pytest`, `cargo hpy develop`, `pytest`, as the README says.
fn develop_and_test(project: &Path, label: &str) {
    let (_, base) = pythons().into_iter().last().unwrap();
    let venv = project.join(".venv");
    let python = make_venv(&base, &venv);
    run_ok(&mut pip(&python, &["install", "-q", "hpy>=0.9,<0.10", "pytest"]));
    run_ok(cargo_hpy(&["develop"]).current_dir(project).env("VIRTUAL_ENV", &venv));
    let out = run_ok(
        Command::new(&python).args(["-m", "pytest", "-q", "-p", "no:cacheprovider"]).current_dir(project),
    );
    assert!(out.contains("5 passed"), "{label}: {out}");
}

#[test]
fn a_new_project_passes_its_own_tests() {
    let dir = fresh_dir("new");
    let project = dir.join("my-ext");
    run_ok(&mut cargo_hpy(&["new", project.to_str().unwrap(), "--hpy-path", &hpy_path()]));
    for file in
        ["Cargo.toml", "pyproject.toml", "src/lib.rs", "tests/test_my_ext.py", "README.md", ".gitignore"]
    {
        assert!(project.join(file).is_file(), "{file} is missing");
    }
    let readme = std::fs::read_to_string(project.join("README.md")).unwrap();
    assert!(readme.contains("cargo hpy develop") && readme.contains("cargo hpy build --release"), "{readme}");
    develop_and_test(&project, "new");

    // Each test writes its wheel into its own folder: the default one, under the shared
    // target folder, would hold another test's wheel of the same name.
    let out = dir.join("wheels");
    let args = ["build", "--release", "--out", out.to_str().unwrap()];
    let wheel = last_line_path(&run_ok(cargo_hpy(&args).current_dir(&project)));
    let name = wheel.file_name().unwrap().to_str().unwrap();
    assert!(name.starts_with("my_ext-0.1.0-py3-none-manylinux_2_"), "{name}");
    let names: Vec<String> = wheel_files(&wheel).into_iter().map(|(n, _)| n).collect();
    assert!(
        names.contains(&"my_ext.hpy0.so".to_string()) && names.contains(&"my_ext.py".to_string()),
        "{names:?}"
    );
}

#[test]
fn init_turns_a_folder_into_a_project() {
    let project = fresh_dir("init").join("tool_box");
    std::fs::create_dir_all(&project).unwrap();
    std::fs::write(project.join("NOTES.txt"), "kept\n").unwrap();
    run_ok(cargo_hpy(&["init", "--hpy-path", &hpy_path()]).current_dir(&project));
    assert_eq!(std::fs::read_to_string(project.join("NOTES.txt")).unwrap(), "kept\n");
    assert!(std::fs::read_to_string(project.join("src/lib.rs")).unwrap().contains("mod tool_box {"));
    develop_and_test(&project, "init");
}

/// A stub for the template's module, as its author would write it.
const STUB: &str = r#"from typing import final

__version__: str

class PanicException(BaseException): ...

@final
class Counter:
    def __new__(cls, start: int = 0) -> Counter: ...
    def increment(self) -> int: ...
    @property
    def count(self) -> int: ...

def add(a: int, b: int) -> int: ...
def greet(name: str) -> str: ...
"#;

#[test]
fn a_hand_written_stub_is_shipped_checked_by_stubtest_and_used_by_mypy() {
    let dir = fresh_dir("typed");
    let project = dir.join("my-ext");
    run_ok(&mut cargo_hpy(&["new", project.to_str().unwrap(), "--hpy-path", &hpy_path()]));
    std::fs::write(project.join("my_ext.pyi"), STUB).unwrap();
    let out = dir.join("wheels");
    let wheel =
        last_line_path(&run_ok(cargo_hpy(&["build", "--out", out.to_str().unwrap()]).current_dir(&project)));
    let files = wheel_files(&wheel);
    let stub = files.iter().find(|(n, _)| n == "my_ext-stubs/__init__.pyi").expect("the stub package");
    assert_eq!(stub.1, STUB.as_bytes());

    let (_, base) = pythons().into_iter().last().unwrap();
    let python = make_venv(&base, &project.join(".venv"));
    run_ok(&mut pip(&python, &["install", "-q", "mypy", wheel.to_str().unwrap()]));
    let cwd = project.parent().unwrap();
    let stubtest = run_ok(Command::new(&python).args(["-m", "mypy.stubtest", "my_ext"]).current_dir(cwd));
    assert!(stubtest.contains("Success: no issues found in 1 module"), "{stubtest}");
    std::fs::write(cwd.join("use.py"), "import my_ext\nreveal_type(my_ext.add(1, 2))\nmy_ext.greet(3)\n")
        .unwrap();
    let output = common::run(Command::new(&python).args(["-m", "mypy", "use.py"]).current_dir(cwd));
    let report = String::from_utf8_lossy(&output.stdout);
    assert!(
        report.contains("Revealed type is \"builtins.int\"") || report.contains("Revealed type is \"int\""),
        "{report}"
    );
    assert!(
        report.contains("Argument 1 to \"greet\" has incompatible type \"int\"; expected \"str\""),
        "{report}"
    );
}
