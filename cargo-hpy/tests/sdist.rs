//! `cargo hpy sdist`: a self-contained archive that `pip wheel` turns back into the same
//! wheel (on CPython, the CPython-ABI wheel of that CPython), for a project with crates from
//! outside it (mixed + this repo's hpy) and for a member of a workspace (examples/hello).

mod common;

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use common::{
    build_lock, build_wheel, cargo_hpy, fixture, fresh_dir, last_line_path, make_venv, pip, python_ok,
    pythons, run_ok, wheel_files, workspace,
};

fn sdist(manifest: &Path) -> PathBuf {
    let out = fresh_dir("sdist");
    let args = ["sdist", "--manifest-path", manifest.to_str().unwrap(), "--out", out.to_str().unwrap()];
    last_line_path(&run_ok(&mut cargo_hpy(&args)))
}

/// The files of a .tar.gz: name -> bytes.
fn sdist_files(path: &Path) -> BTreeMap<String, Vec<u8>> {
    let gz = flate2::read::GzDecoder::new(std::fs::File::open(path).unwrap());
    let mut archive = tar::Archive::new(gz);
    let mut files = BTreeMap::new();
    for entry in archive.entries().unwrap() {
        let mut entry = entry.unwrap();
        let name = entry.path().unwrap().to_string_lossy().into_owned();
        let mut data = Vec::new();
        entry.read_to_end(&mut data).unwrap();
        files.insert(name, data);
    }
    files
}

/// `pip wheel` of the sdist in a fresh virtualenv, built where pip unpacks it (no shared
/// target folder, as on a machine that only has cargo); returns the wheel.
fn pip_wheel(sdist: &Path) -> PathBuf {
    let (_, base) = pythons().into_iter().last().unwrap();
    let dir = fresh_dir("pip-wheel");
    let python = make_venv(&base, &dir.join("venv"));
    let out = dir.join("wheels");
    let _lock = build_lock();
    let mut command =
        pip(&python, &["wheel", "--no-deps", "-w", out.to_str().unwrap(), sdist.to_str().unwrap()]);
    run_ok(
        command
            .env("PIP_FIND_LINKS", common::find_links_with_backend())
            .env_remove("CARGO_TARGET_DIR")
            .current_dir(&dir),
    );
    std::fs::read_dir(&out).unwrap().next().unwrap().unwrap().path()
}

/// The dynamic exports and needed libraries of a shared library.
fn interface(binary: &[u8]) -> (Vec<String>, Vec<String>) {
    use object::Object;
    let file = object::File::parse(binary).unwrap();
    let mut exports: Vec<String> =
        file.exports().unwrap().map(|e| format!("{:?}", e.unwrap().name())).collect();
    exports.sort();
    let mut needed: Vec<String> = file
        .import_libraries()
        .unwrap()
        .map(|l| String::from_utf8_lossy(l.unwrap().name()).into_owned())
        .collect();
    needed.sort();
    (exports, needed)
}

#[test]
fn the_sdist_is_self_contained() {
    let project = fixture("mixed");
    // Leftovers of an editable install must not end up in the archive.
    std::fs::write(project.join("python/mixed_pkg/_native.hpy0.so"), "stale").unwrap();
    std::fs::write(project.join("python/mixed_pkg/_native.py"), cargo_hpy_stub()).unwrap();
    std::fs::write(project.join("python/mixed_pkg/_native.cpython-311-x86_64-linux-gnu.so"), "stale")
        .unwrap();
    let files = sdist_files(&sdist(&project.join("Cargo.toml")));
    let names: Vec<&String> = files.keys().collect();
    let top = "mixed_pkg-1.2.3rc1/";
    assert!(names.iter().all(|n| n.starts_with(top)), "{names:?}");
    let pyproject = String::from_utf8(files[&format!("{top}pyproject.toml")].clone()).unwrap();
    assert!(pyproject.contains("build-backend = \"cargo_hpy\""), "{pyproject}");
    assert!(pyproject.contains("project-dir = \"mixed\""), "{pyproject}");
    let pkg_info = String::from_utf8(files[&format!("{top}PKG-INFO")].clone()).unwrap();
    assert!(
        pkg_info.starts_with("Metadata-Version: 2.4\nName: Mixed.Pkg\nVersion: 1.2.3rc1\n"),
        "{pkg_info}"
    );
    // The hpy requirement depends on the ABI the wheel is built for (PEP 643).
    assert!(pkg_info.contains("\nDynamic: Requires-Dist\n"), "{pkg_info}");
    for crate_dir in ["hpy", "hpy-sys", "hpy-macros", "hpy-macros-backend"] {
        let manifest =
            format!("{top}{}/{crate_dir}/Cargo.toml", workspace().file_name().unwrap().to_string_lossy());
        assert!(files.contains_key(&manifest), "{manifest} missing from {names:?}");
    }
    for (name, data) in &files {
        assert!(
            !name.contains("/target/")
                && !name.contains(".hpy0.")
                && !name.contains(".cpython-")
                && !name.ends_with("_native.py"),
            "{name}"
        );
        if name.ends_with("Cargo.toml") {
            let text = String::from_utf8_lossy(data);
            assert!(!text.contains("path = \"/"), "{name} has an absolute path:\n{text}");
        }
    }
    let manifest = String::from_utf8(files[&format!("{top}mixed/Cargo.toml")].clone()).unwrap();
    assert!(manifest.contains("hpy = { path = \"../"), "{manifest}");
}

fn cargo_hpy_stub() -> String {
    let wheel = build_wheel(&fixture("mixed").join("Cargo.toml"), &[]);
    common::wheel_text(&wheel, "mixed_pkg/_native.py")
}

#[test]
fn pip_wheel_turns_the_sdist_back_into_the_same_wheel() {
    let project = fixture("mixed");
    let (_, base) = pythons().into_iter().last().unwrap();
    let direct = build_wheel(
        &project.join("Cargo.toml"),
        &["--release", "--abi", "cpython", "-i", base.to_str().unwrap()],
    );
    let rebuilt = pip_wheel(&sdist(&project.join("Cargo.toml")));
    assert_eq!(rebuilt.file_name(), direct.file_name());
    let (direct, rebuilt) = (wheel_files(&direct), wheel_files(&rebuilt));
    let names = |files: &[(String, Vec<u8>)]| files.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
    assert_eq!(names(&rebuilt), names(&direct));
    for ((name, a), (_, b)) in direct.iter().zip(&rebuilt) {
        if name.ends_with(".so") {
            // Rust embeds the absolute paths of crates outside the workspace (here: hpy),
            // so the bytes differ; what the loader and the linker see must not.
            assert_eq!(interface(a), interface(b), "{name}");
        } else if name.ends_with("RECORD") {
            let other_lines = |data: &[u8]| {
                String::from_utf8_lossy(data)
                    .lines()
                    .filter(|l| !l.contains(".so,"))
                    .map(String::from)
                    .collect::<Vec<_>>()
            };
            assert_eq!(other_lines(a), other_lines(b));
        } else {
            assert_eq!(a, b, "{name} differs");
        }
    }
}

#[test]
fn a_workspace_member_sdist_builds_and_runs() {
    let files = sdist_files(&sdist(&workspace().join("examples/hello/Cargo.toml")));
    let root = String::from_utf8(files["hello-0.1.0/Cargo.toml"].clone()).unwrap();
    assert!(
        root.contains(
            "members = [\"examples/hello\", \"hpy\", \"hpy-macros\", \"hpy-macros-backend\", \"hpy-sys\"]"
        ),
        "{root}"
    );
    assert!(files.contains_key("hello-0.1.0/Cargo.lock"));
    let pyproject = String::from_utf8(files["hello-0.1.0/pyproject.toml"].clone()).unwrap();
    assert!(pyproject.contains("project-dir = \"examples/hello\""), "{pyproject}");

    let wheel = pip_wheel(&sdist(&workspace().join("examples/hello/Cargo.toml")));
    let (version, base) = pythons().into_iter().last().unwrap();
    let tag = format!("cp{}", version.replace('.', ""));
    let name = wheel.file_name().unwrap().to_string_lossy().into_owned();
    assert!(name.starts_with(&format!("hello-0.1.0-{tag}-{tag}-manylinux_2_")), "{name}");
    let dir = fresh_dir("hello-from-sdist");
    let python = make_venv(&base, &dir.join("venv"));
    run_ok(&mut pip(&python, &["install", "-q", wheel.to_str().unwrap()]));
    // The CPython-ABI wheel requires no hpy, and runs without it.
    let code = "import importlib.util as u, hello; print(hello.greet('sdist'), u.find_spec('hpy') is None)";
    assert_eq!(python_ok(&python, code, &dir).trim(), "Hello, sdist! True");
}

#[test]
fn the_sdist_holds_the_project_and_nothing_else() {
    let project = fixture("mixed");
    let write = |path: &str, text: &str| {
        let path = project.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    write(".gitignore", "*.tmp\n/generated/\n");
    write("notes.tmp", "stray");
    write("generated/keep.txt", "wanted although ignored");
    write("generated/other.txt", "ignored");
    write("dist/mixed_pkg-1.2.3rc1.tar.gz", "an earlier sdist");
    write("dist/mixed_pkg-1.2.3rc1-py3-none-any.whl", "an earlier wheel");
    write("big-data/blob.bin", "left out by Cargo's exclude");
    write("python/mixed_pkg/data/secret.json", "{}");
    // A virtualenv, whose interpreter links out of the project.
    write("venv/pyvenv.cfg", "home = /usr/bin\n");
    std::fs::create_dir_all(project.join("venv/bin")).unwrap();
    std::os::unix::fs::symlink("/bin/sh", project.join("venv/bin/python3.11")).unwrap();
    // Links: one inside the project (kept), one leading out of it (skipped with a warning).
    let outside = fresh_dir("outside").join("outside.txt");
    std::fs::write(&outside, "not ours").unwrap();
    std::os::unix::fs::symlink(&outside, project.join("outside-link.txt")).unwrap();
    std::os::unix::fs::symlink("README.md", project.join("README-link.md")).unwrap();
    let cargo_toml = project.join("Cargo.toml");
    let text = std::fs::read_to_string(&cargo_toml).unwrap();
    std::fs::write(
        &cargo_toml,
        text.replacen("publish = false", "publish = false\nexclude = [\"big-data/\"]", 1),
    )
    .unwrap();
    let pyproject = project.join("pyproject.toml");
    let text = std::fs::read_to_string(&pyproject).unwrap();
    let tool = "[tool.cargo-hpy]\ninclude = [\"generated/keep.txt\"]\nexclude = [\"python/mixed_pkg/data/secret.json\"]\n";
    std::fs::write(&pyproject, text.replacen("[tool.cargo-hpy]\n", tool, 1)).unwrap();

    let out = fresh_dir("sdist-selection");
    let manifest = cargo_toml.to_str().unwrap();
    let output =
        common::run(&mut cargo_hpy(&["sdist", "--manifest-path", manifest, "--out", out.to_str().unwrap()]));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(
        stderr.contains(&format!("warning: skipped {}", project.join("outside-link.txt").display()))
            && stderr.contains("outside the project"),
        "{stderr}"
    );
    let files = sdist_files(&last_line_path(&String::from_utf8_lossy(&output.stdout)));
    let ours: Vec<String> =
        files.keys().filter_map(|n| n.strip_prefix("mixed_pkg-1.2.3rc1/mixed/")).map(String::from).collect();
    let expected = [
        "Cargo.lock",
        "Cargo.toml",
        "LICENSE-FIXTURE",
        "README-link.md",
        "README.md",
        "extra/data/share/mixed/notes.txt",
        "extra/scripts/mixed-tool",
        "generated/keep.txt",
        "pyproject.toml",
        "python/mixed_pkg/__init__.py",
        "python/mixed_pkg/cli.py",
        "python/mixed_pkg/data/config.json",
        "src/lib.rs",
    ];
    assert_eq!(ours, expected);
    let link = &files["mixed_pkg-1.2.3rc1/mixed/README-link.md"];
    assert_eq!(link, &std::fs::read(project.join("README.md")).unwrap());

    // [tool.cargo-hpy] exclude applies to the wheel's Python packages too.
    let wheel = build_wheel(&cargo_toml, &[]);
    let names: Vec<String> = wheel_files(&wheel).into_iter().map(|(n, _)| n).collect();
    assert!(names.contains(&"mixed_pkg/data/config.json".to_string()), "{names:?}");
    assert!(!names.iter().any(|n| n.contains("secret.json")), "{names:?}");
}
