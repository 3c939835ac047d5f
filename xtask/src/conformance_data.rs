//! The observations of the conformance map: what each column (an
//! interpreter in one HPy mode) answered to every case, as the harness
//! reports it (`tests/conformance/runner.py`, JSON) and as it is checked in
//! (`tests/conformance/observed/<column>.txt`).
//!
//! A checked-in file is line-oriented for readable diffs: `# info: {json}`,
//! then one case per line, `"id"<TAB>"outcome"<TAB>"message"` (JSON strings).
//! The reference column holds every case; every other column only the cases
//! whose outcome or message differs from the reference, and the count and
//! fingerprint of the case list it was run with.

use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Where the observations are checked in.
pub const OBSERVED: &str = "tests/conformance/observed";

/// The column every other is compared with.
pub const REFERENCE: &str = "cpython-3.11-universal";

/// One answer: the compared outcome, and the exception's message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    pub outcome: String,
    pub message: String,
}

/// Every answer of one column, with what the interpreter reported about
/// itself (implementation, Python and HPy versions, context name).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Observed {
    pub info: BTreeMap<String, String>,
    pub cases: BTreeMap<String, Answer>,
}

/// A column's id: `cpython-3.11-universal`, `pypy-7.3.19-debug`.
pub fn column_id(implementation: &str, version: &str, mode: &str) -> String {
    format!("{implementation}-{version}-{mode}")
}

/// `CPython 3.11 universal` for `cpython-3.11-universal`.
pub fn column_label(id: &str) -> String {
    let mut parts = id.splitn(3, '-');
    let (implementation, version, mode) =
        (parts.next().unwrap_or(""), parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    let name = match implementation {
        "cpython" => "CPython",
        "pypy" => "PyPy",
        "graalpy" => "GraalPy",
        other => other,
    };
    format!("{name} {version} {mode}")
}

/// The runtime part of a label: `PyPy 7.3.19`.
pub fn runtime_label(id: &str) -> String {
    let label = column_label(id);
    label.rsplit_once(' ').map(|(runtime, _)| runtime.to_string()).unwrap_or(label)
}

/// The mode part of a column id.
pub fn mode_of(id: &str) -> &str {
    id.rsplit('-').next().unwrap_or("")
}

/// Reads the JSON the harness's runner writes.
pub fn from_runner(path: &Path) -> Result<Observed, String> {
    let text = fs_read(path)?;
    let json: Value = serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut observed = Observed::default();
    if let Some(info) = json.get("info").and_then(Value::as_object) {
        for (key, value) in info {
            let mut value = value.as_str().unwrap_or_default().to_string();
            if key == "python" {
                // Only major.minor: patch releases differ between machines.
                value = value.splitn(3, '.').take(2).collect::<Vec<_>>().join(".");
            }
            observed.info.insert(key.clone(), value);
        }
    }
    let cases =
        json.get("cases").and_then(Value::as_object).ok_or(format!("{}: no cases", path.display()))?;
    for (id, answer) in cases {
        let field = |i: usize| answer.get(i).and_then(Value::as_str).unwrap_or_default().to_string();
        observed.cases.insert(id.clone(), Answer { outcome: field(0), message: field(1) });
    }
    Ok(observed)
}

fn fs_read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

/// FNV-1a of the sorted case ids: changes whenever the case list does.
pub fn fingerprint<'a>(ids: impl Iterator<Item = &'a String>) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for id in ids {
        for byte in id.bytes().chain([0]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{hash:016x}")
}

/// The path of a column's checked-in file.
pub fn stored_path(root: &Path, id: &str) -> PathBuf {
    root.join(OBSERVED).join(format!("{id}.txt"))
}

/// A checked-in column: its answers (only those that differ from the
/// reference, except for the reference itself) and the case list it saw.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stored {
    pub info: BTreeMap<String, String>,
    pub count: usize,
    pub fingerprint: String,
    pub cases: BTreeMap<String, Answer>,
}

impl Stored {
    /// The stored form of `observed` (against `reference`, unless this is
    /// the reference).
    pub fn of(observed: &Observed, reference: Option<&Observed>) -> Stored {
        let cases = observed
            .cases
            .iter()
            .filter(|(id, answer)| reference.is_none_or(|r| r.cases.get(*id) != Some(answer)))
            .map(|(id, a)| (id.clone(), a.clone()))
            .collect();
        Stored {
            info: observed.info.clone(),
            count: observed.cases.len(),
            fingerprint: fingerprint(observed.cases.keys()),
            cases,
        }
    }

    /// Every answer, the reference's where this column stores none.
    pub fn full(&self, reference: Option<&Stored>) -> Observed {
        let mut cases = reference.map(|r| r.cases.clone()).unwrap_or_default();
        cases.extend(self.cases.iter().map(|(id, a)| (id.clone(), a.clone())));
        Observed { info: self.info.clone(), cases }
    }

    pub fn render(&self, id: &str) -> String {
        let info = serde_json::to_string(&self.info).expect("a map of strings serializes");
        let what = if id == REFERENCE {
            "every case"
        } else {
            "the cases whose outcome or message differs from the reference's"
        };
        let mut out = format!(
            "# Conformance observations of {}: {what}.\n# Written by `cargo xtask conformance`; do not edit.\n\
             # info: {info}\n# cases: {} {}\n",
            column_label(id),
            self.count,
            self.fingerprint
        );
        for (case, answer) in &self.cases {
            let q = |s: &str| serde_json::to_string(s).expect("a string serializes");
            out.push_str(&format!("{}\t{}\t{}\n", q(case), q(&answer.outcome), q(&answer.message)));
        }
        out
    }

    pub fn parse(text: &str) -> Result<Stored, String> {
        let mut stored = Stored::default();
        for (n, line) in text.lines().enumerate() {
            let error = |e: String| format!("line {}: {e}", n + 1);
            if let Some(info) = line.strip_prefix("# info: ") {
                stored.info = serde_json::from_str(info).map_err(|e| error(e.to_string()))?;
            } else if let Some(cases) = line.strip_prefix("# cases: ") {
                let (count, print) = cases.split_once(' ').ok_or_else(|| error("bad `# cases:`".into()))?;
                stored.count = count.parse().map_err(|e| error(format!("{e}")))?;
                stored.fingerprint = print.to_string();
            } else if !line.starts_with('#') && !line.is_empty() {
                let fields: Vec<String> = line
                    .split('\t')
                    .map(serde_json::from_str::<String>)
                    .collect::<Result<_, _>>()
                    .map_err(|e| error(e.to_string()))?;
                let [id, outcome, message] = <[String; 3]>::try_from(fields)
                    .map_err(|_| error("expected three tab-separated strings".into()))?;
                stored.cases.insert(id, Answer { outcome, message });
            }
        }
        Ok(stored)
    }
}

/// Every column of `stored` with all its answers: the reference as stored,
/// the others over the reference's answers.
pub fn expand(stored: &BTreeMap<String, Stored>) -> BTreeMap<String, Observed> {
    let reference = stored.get(REFERENCE);
    stored
        .iter()
        .map(|(id, s)| (id.clone(), s.full(if id == REFERENCE { None } else { reference })))
        .collect()
}

/// Every checked-in column, by id.
pub fn load_all(root: &Path) -> Result<BTreeMap<String, Stored>, String> {
    let mut all = BTreeMap::new();
    let Ok(entries) = std::fs::read_dir(root.join(OBSERVED)) else { return Ok(all) };
    for entry in entries.flatten() {
        let path = entry.path();
        if let Some(id) = path.file_name().and_then(|n| n.to_str()).and_then(|n| n.strip_suffix(".txt")) {
            let stored = Stored::parse(&fs_read(&path)?).map_err(|e| format!("{}: {e}", path.display()))?;
            all.insert(id.to_string(), stored);
        }
    }
    Ok(all)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(outcome: &str, message: &str) -> Answer {
        Answer { outcome: outcome.into(), message: message.into() }
    }

    #[test]
    fn stored_round_trip_keeps_only_differences() {
        let mut reference = Observed::default();
        reference.cases.insert("f/a".into(), answer("1", ""));
        reference.cases.insert("f/b".into(), answer("NULL; raises TypeError", "tab\there \"quoted\""));
        let mut other = reference.clone();
        other.cases.insert("f/a".into(), answer("crash (SIGSEGV)", "Fatal"));
        other.info.insert("python".into(), "3.11".into());
        let stored = Stored::of(&other, Some(&reference));
        assert_eq!(stored.cases.len(), 1);
        let parsed = Stored::parse(&stored.render("pypy-7.3.19-debug")).unwrap();
        assert_eq!(parsed, stored);
        let base = Stored::of(&reference, None);
        assert_eq!(parsed.full(Some(&base)).cases, other.cases);
        let all = BTreeMap::from([(REFERENCE.to_string(), base), ("pypy-7.3.19-debug".to_string(), parsed)]);
        let expanded = expand(&all);
        assert_eq!(expanded[REFERENCE].cases, reference.cases);
        assert_eq!(expanded["pypy-7.3.19-debug"].cases, other.cases);
    }

    #[test]
    fn labels() {
        assert_eq!(column_label("pypy-7.3.19-debug"), "PyPy 7.3.19 debug");
        assert_eq!(column_label("graalpy-24.2.2-trace"), "GraalPy 24.2.2 trace");
        assert_eq!(runtime_label("cpython-3.11-universal"), "CPython 3.11");
        assert_eq!(mode_of("cpython-3.11-trace"), "trace");
    }
}
