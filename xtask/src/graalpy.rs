//! GraalPy 24.2.2 for the tests, from Maven Central, under `target/graalpy`.
//!
//! `tests/graalpy/pom.xml` names GraalPy's Maven artifacts (the language, its
//! launcher and the LLVM runtime, which GraalPy 24 needs to load its HPy
//! support library); `mvn dependency:copy-dependencies` copies their jars,
//! with Maven's own cache kept under `target/graalpy/m2`. GraalPy 24 needs
//! Java 21 or newer, found by scanning `/usr/lib/jvm` (or `JAVA_HOME`). A
//! launcher script plays the interpreter: it starts the JVM with the jars,
//! with GraalPy's home unpacked under `target/graalpy/<version>/home`, and
//! puts two folders on `PYTHONPATH`: `site` (pytest and hypothesis) and
//! `wheels` (the test wheels of one run). Both are filled by a CPython's
//! `pip install --target`, since GraalPy's own pip takes minutes per
//! package here; GraalPy's built-in `hpy` stays the one imported (the
//! wheels are installed without dependencies).

use crate::run;
use std::path::{Path, PathBuf};
use std::process::Command;

/// What GraalPy is tested.
pub const VERSION: &str = "24.2.2";

/// The Python version of that GraalPy, for pip's choice of packages.
const PYTHON_VERSION: &str = "3.11";

/// The oldest Java GraalPy 24 runs on.
const MIN_JAVA: u32 = 21;

/// Where JDKs are installed on Debian-like machines.
const JVM_DIR: &str = "/usr/lib/jvm";

/// The Python-side test requirements (GraalPy brings its own `hpy`).
const REQUIREMENTS: &[&str] = &["pytest", "hypothesis"];

/// The longest a pytest process may run on GraalPy (one mode's selection)
/// before it is stopped and the mode reported as FAILED.
pub const PYTEST_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(20 * 60);

/// The test files of `tests/python` run on GraalPy in universal mode.
/// GraalPy runs without a JIT here (Truffle's interpreter on a stock JDK):
/// the whole folder takes 10 minutes and more per mode on two cores, so CI
/// runs the files that cover the context functions (calls, containers,
/// errors, numbers, objects, the runtime), the examples (hello, piconumpy,
/// floatarray), the conversions and the guide's sessions. The others
/// (classes, signatures, the property, hostile-input, hygiene and soundness
/// tests, vec2) were run by hand; `docs/runtimes-beyond.md` has their
/// results.
const UNIVERSAL_FILES: &[&str] = &[
    "test_hello.py",
    "test_piconumpy.py",
    "test_floatarray.py",
    "test_errors.py",
    "test_api_calls.py",
    "test_api_containers.py",
    "test_api_errors.py",
    "test_api_numbers.py",
    "test_api_objects.py",
    "test_api_runtime.py",
    "test_conversions.py",
    "test_guide.py",
    "test_harness.py",
];

/// The test files run on GraalPy in debug and trace modes: module functions
/// (the example) and errors, which make every kind of call the modes wrap,
/// and piconumpy (a class's slots). The three modes run two at a time
/// (`cargo xtask test`), the universal selection being the longest.
const OTHER_MODE_FILES: &[&str] =
    &["test_hello.py", "test_errors.py", "test_api_errors.py", "test_piconumpy.py"];

/// What `tests/python` runs on GraalPy in `mode` (file names; none means
/// every file).
pub fn selection(mode: &str) -> Vec<&'static str> {
    if mode == "universal" { UNIVERSAL_FILES.to_vec() } else { OTHER_MODE_FILES.to_vec() }
}

/// The pytest arguments of `selection` (relative to `tests`).
pub fn pytest_args(tests: &Path, selection: &[&str]) -> Vec<PathBuf> {
    if selection.is_empty() {
        vec![tests.to_path_buf()]
    } else {
        selection.iter().map(|f| tests.join(f)).collect()
    }
}

/// `selection` for the summary.
pub fn describe(selection: &[&str]) -> String {
    if selection.is_empty() { "all of tests/python".into() } else { format!("only {}", selection.join(", ")) }
}

/// An installed GraalPy.
pub struct GraalPy {
    /// The launcher script.
    pub python: PathBuf,
    /// Its HPy headers (`hpy.h` and `hpy/`), for the layout proof.
    pub hpy_include: PathBuf,
    /// The folder the test wheels go to (on the launcher's `PYTHONPATH`).
    pub wheels: PathBuf,
}

struct Paths {
    root: PathBuf,
    dir: PathBuf,
}

impl Paths {
    fn new(target: &Path) -> Paths {
        let root = target.join("graalpy");
        Paths { dir: root.join(VERSION), root }
    }
    fn lib(&self) -> PathBuf {
        self.dir.join("lib")
    }
    fn python(&self) -> PathBuf {
        self.dir.join("bin").join("graalpy")
    }
    fn site(&self) -> PathBuf {
        self.dir.join("site")
    }
    fn wheels(&self) -> PathBuf {
        self.dir.join("wheels")
    }
    /// Written once GraalPy has run with pytest: the include folder.
    fn stamp(&self) -> PathBuf {
        self.dir.join("ready")
    }
}

fn io(path: &Path) -> impl Fn(std::io::Error) -> String + '_ {
    move |e| format!("{}: {e}", path.display())
}

/// Installs GraalPy under `target/graalpy` (or reuses it), with pytest and
/// hypothesis. `pip_source` is a CPython with pip. An error says why GraalPy
/// cannot be had here (no Maven, no Java 21+, Maven Central unreachable, ...).
pub fn install(root: &Path, target: &Path, pip_source: &Path) -> Result<GraalPy, String> {
    let paths = Paths::new(target);
    let java = find_java()?;
    if !paths.lib().join(".complete").is_file() {
        fetch(root, &paths)?;
    }
    // Written each time: it names the JDK found now.
    write_launcher(&paths, &java)?;
    if let Ok(include) = std::fs::read_to_string(paths.stamp()) {
        return Ok(GraalPy {
            python: paths.python(),
            hpy_include: include.trim().into(),
            wheels: paths.wheels(),
        });
    }
    let site = paths.site();
    if site.exists() {
        std::fs::remove_dir_all(&site).map_err(io(&site))?;
    }
    run::checked(
        Command::new(pip_source)
            .args(["-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--target"])
            .arg(&site)
            .args(["--python-version", PYTHON_VERSION, "--implementation", "py", "--only-binary=:all:"])
            .args(REQUIREMENTS),
    )?;
    std::fs::create_dir_all(paths.wheels()).map_err(io(&paths.wheels()))?;
    // The first start unpacks GraalPy's home (its standard library, headers
    // and native libraries) under `home`.
    let check = "import sys, sysconfig, pytest, hypothesis, hpy.universal; \
                 assert sys.implementation.name == 'graalpy', sys.implementation.name; \
                 print(hpy.universal.get_version()[0]); print(sysconfig.get_path('include'))";
    let out = run::output(Command::new(paths.python()).args(["-c", check]))?;
    let mut lines = out.lines();
    let hpy = lines.next().unwrap_or_default().trim().to_string();
    let include = PathBuf::from(lines.next().unwrap_or_default().trim());
    if !include.join("hpy.h").is_file() {
        return Err(format!("GraalPy {VERSION} (HPy {hpy}) has no hpy.h in {}", include.display()));
    }
    std::fs::write(paths.stamp(), include.display().to_string()).map_err(io(&paths.stamp()))?;
    Ok(GraalPy { python: paths.python(), hpy_include: include, wheels: paths.wheels() })
}

/// The feature version of the JDK at `home`, from its `release` file.
fn java_version(home: &Path) -> Option<u32> {
    let release = std::fs::read_to_string(home.join("release")).ok()?;
    let line = release.lines().find_map(|l| l.strip_prefix("JAVA_VERSION="))?;
    let version = line.trim().trim_matches('"');
    let feature = version.split(['.', '-', '+']).next()?;
    // Java 8 and older call themselves 1.x.
    if feature == "1" { version.split('.').nth(1)?.parse().ok() } else { feature.parse().ok() }
}

/// The newest JDK of at least [`MIN_JAVA`]: `JAVA_HOME` first, then the
/// JDKs under [`JVM_DIR`]. Returns its `java` and feature version.
fn find_java() -> Result<(PathBuf, u32), String> {
    let mut homes: Vec<PathBuf> = std::env::var_os("JAVA_HOME").map(PathBuf::from).into_iter().collect();
    if let Ok(entries) = std::fs::read_dir(JVM_DIR) {
        homes.extend(entries.flatten().map(|e| e.path()));
    }
    homes
        .into_iter()
        .filter(|home| home.join("bin/java").is_file())
        .filter_map(|home| java_version(&home).map(|v| (home.join("bin/java"), v)))
        .filter(|(_, v)| *v >= MIN_JAVA)
        .max_by_key(|(_, v)| *v)
        .ok_or_else(|| {
            format!("no Java {MIN_JAVA} or newer (JAVA_HOME, {JVM_DIR}); GraalPy {VERSION} needs one")
        })
}

/// Copies GraalPy's jars from Maven Central into `lib`.
fn fetch(root: &Path, paths: &Paths) -> Result<(), String> {
    let lib = paths.lib();
    if lib.exists() {
        std::fs::remove_dir_all(&lib).map_err(io(&lib))?;
    }
    std::fs::create_dir_all(&lib).map_err(io(&lib))?;
    let mut mvn = Command::new("mvn");
    mvn.args(["-q", "-B", "-f"])
        .arg(root.join("tests/graalpy/pom.xml"))
        .arg(format!("-Dmaven.repo.local={}", paths.root.join("m2").display()))
        .arg(format!("-Dgraalpy.version={VERSION}"))
        .arg("-Dgraalpy.llvm=true")
        .args(["dependency:copy-dependencies", "-DincludeTypes=jar"])
        .arg(format!("-DoutputDirectory={}", lib.display()));
    run::checked(&mut mvn).map_err(|e| {
        if e.starts_with("cannot run") {
            format!("no Maven (mvn) to fetch GraalPy with: {e}")
        } else {
            format!("Maven could not fetch GraalPy {VERSION} from Maven Central: {e}")
        }
    })?;
    let complete = lib.join(".complete");
    std::fs::write(&complete, "").map_err(io(&complete))
}

/// Writes `bin/graalpy`: the JVM with GraalPy's jars, its home under `home`
/// (the JVM's `user.home`), and `site` and `wheels` on `PYTHONPATH`.
fn write_launcher(paths: &Paths, (java, feature): &(PathBuf, u32)) -> Result<(), String> {
    // A JVM crash report goes under `hs_err`, not into the working folder.
    let mut options = vec![
        "-Dpolyglot.engine.WarnInterpreterOnly=false",
        "-XX:ErrorFile=\"$here/hs_err/hs_err_pid%p.log\"",
    ];
    if *feature >= 21 {
        options.push("--enable-native-access=ALL-UNNAMED");
    }
    if *feature >= 24 {
        options.push("--sun-misc-unsafe-memory-access=allow");
    }
    let script = format!(
        "#!/bin/sh\n# GraalPy {VERSION} on Java {feature} (written by cargo xtask test).\n\
         here=$(cd \"$(dirname \"$0\")/..\" && pwd)\n\
         cp=$(printf '%s:' \"$here\"/lib/*.jar)\n\
         PYTHONPATH=\"$here/wheels:$here/site${{PYTHONPATH:+:$PYTHONPATH}}\"\n\
         export PYTHONPATH\n\
         exec '{java}' -Duser.home=\"$here/home\" {options} -cp \"$cp\" \
         com.oracle.graal.python.shell.GraalPythonMain \"$@\"\n",
        java = java.display(),
        options = options.join(" "),
    );
    let python = paths.python();
    std::fs::create_dir_all(python.parent().expect("bin")).map_err(io(&python))?;
    std::fs::write(&python, script).map_err(io(&python))?;
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&python, std::fs::Permissions::from_mode(0o755)).map_err(io(&python))
}

/// Installs `wheels` (without dependencies) into GraalPy's wheel folder with
/// `pip_source`'s pip, replacing what an earlier run put there.
pub fn install_wheels(graalpy: &GraalPy, pip_source: &Path, wheels: &[PathBuf]) -> Result<(), String> {
    let dir = &graalpy.wheels;
    if dir.exists() {
        std::fs::remove_dir_all(dir).map_err(io(dir))?;
    }
    run::checked(
        Command::new(pip_source)
            .args(["-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--no-deps", "--target"])
            .arg(dir)
            .args(wheels),
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn java_versions_are_read_from_release_files() {
        let dir = std::env::temp_dir().join(format!("xtask-java-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        for (text, expected) in [
            ("JAVA_VERSION=\"25.0.3\"\n", Some(25)),
            ("IMPLEMENTOR=x\nJAVA_VERSION=\"17.0.15\"\n", Some(17)),
            ("JAVA_VERSION=\"1.8.0_412\"\n", Some(8)),
            ("JAVA_VERSION=\"21\"\n", Some(21)),
            ("nothing\n", None),
        ] {
            std::fs::write(dir.join("release"), text).unwrap();
            assert_eq!(super::java_version(&dir), expected, "{text}");
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
