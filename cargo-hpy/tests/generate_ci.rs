//! `cargo hpy generate-ci`: a GitHub Actions workflow (valid YAML) that builds the wheels
//! (universal, and CPython ABI for 3.9-3.13) once and tests them on CPython 3.8-3.13 and PyPy.

mod common;

use std::process::Command;

use common::{cargo_hpy, fixture, fresh_dir, last_line_path, run, run_ok, tools_python};

/// The workflow as JSON, read by PyYAML.
fn parse(path: &std::path::Path) -> serde_json::Value {
    let code = "import json, sys, yaml; print(json.dumps(yaml.safe_load(open(sys.argv[1]))))";
    let json = run_ok(Command::new(tools_python()).args(["-c", code]).arg(path));
    serde_json::from_str(&json).unwrap()
}

#[test]
fn the_workflow_builds_once_and_tests_everywhere() {
    let project = fixture("mixed");
    std::fs::create_dir_all(project.join("tests")).unwrap();
    let file = fresh_dir("generate-ci").join(".github/workflows/wheels.yml");
    let output = run(cargo_hpy(&["generate-ci", "--out", file.to_str().unwrap()]).current_dir(&project));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert_eq!(last_line_path(&String::from_utf8_lossy(&output.stdout)), file);
    // The fixture takes `hpy` from a folder outside its repository: CI would not have it.
    assert!(stderr.contains("warning: the dependency 'hpy' is a path outside the repository"), "{stderr}");

    let workflow = parse(&file);
    let jobs = &workflow["jobs"];
    let steps = |job: &str| -> String {
        jobs[job]["steps"].as_array().unwrap().iter().map(|s| s.to_string()).collect::<Vec<_>>().join("\n")
    };
    let build = steps("build");
    assert!(
        build.contains("cargo hpy build --release --compatibility manylinux2014 --abi all --out dist"),
        "{build}"
    );
    assert!(build.contains("3.9\\n3.10\\n3.11\\n3.13\\n3.12\\n"), "{build}");
    assert!(build.contains("--target aarch64-unknown-linux-gnu"), "{build}");
    assert!(build.contains("cargo hpy sdist --out dist") && build.contains("pip install ziglang"), "{build}");
    let matrix = &jobs["test"]["strategy"]["matrix"];
    let pythons: Vec<&str> =
        matrix["python"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
    assert_eq!(pythons, ["3.8", "3.9", "3.10", "3.11", "3.12", "3.13", "pypy3.10"]);
    assert_eq!(jobs["test"]["needs"], "build");
    let test = steps("test");
    assert!(test.contains("--find-links dist Mixed.Pkg pytest"), "{test}");
    assert!(test.contains("import mixed_pkg._native") && test.contains("python -m pytest tests"), "{test}");
    assert_eq!(jobs["publish"]["permissions"]["id-token"], "write");

    // Without --out, the workflow goes to stdout.
    let stdout = run_ok(cargo_hpy(&["generate-ci"]).current_dir(&project));
    assert_eq!(stdout, std::fs::read_to_string(&file).unwrap());
}
