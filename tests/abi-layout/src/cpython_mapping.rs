//! The one-liners of the CPython ABI (`[cpython]` in the ABI table) against
//! HPy's own CPython ABI: each must call the C function that
//! `hpy/cpython/autogen_api_impl.h` or `hpy/cpython/misc.h` of `hpy==0.9.0`
//! calls for that API.

/// One-liners that call a function where HPy's header uses a macro.
const MACRO_FORMS: &[(&str, &str, &str)] = &[
    ("HPyBytes_GET_SIZE", "PyBytes_GET_SIZE", "PyBytes_Size"),
    ("HPyBytes_AS_STRING", "PyBytes_AS_STRING", "PyBytes_AsString"),
];

/// (API function, C function) of every one-liner of the table.
pub fn table_one_liners(table: &str) -> Vec<(String, String)> {
    let section = table.split("\n[cpython]\n").nth(1).unwrap_or_default();
    section
        .lines()
        .map(|line| line.split('#').next().unwrap_or_default())
        .filter_map(|line| line.split_once('='))
        .map(|(name, how)| (name.trim().to_string(), how.trim().to_string()))
        .filter(|(name, how)| {
            name.contains("HPy")
                && how.starts_with("Py")
                && !how.ends_with("()")
                && !how.starts_with("PyExc_")
        })
        .collect()
}

/// The first C API call (`Py...(`) in `body`.
fn first_call(body: &str) -> Option<&str> {
    let bytes = body.as_bytes();
    let mut i = 0;
    while let Some(found) = body[i..].find("Py") {
        let start = i + found;
        let boundary = start == 0 || !(bytes[start - 1].is_ascii_alphanumeric() || bytes[start - 1] == b'_');
        let end = start + body[start..].find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(0);
        if boundary && end > start && bytes.get(end) == Some(&b'(') {
            return Some(&body[start..end]);
        }
        i = start + 2;
    }
    None
}

/// (API function, the C function its body calls first) of every function
/// of the header.
pub fn header_one_liners(header: &str) -> Vec<(String, String)> {
    header
        .split("HPyAPI_FUNC")
        .skip(1)
        .filter_map(|chunk| {
            let open = chunk.find('(')?;
            let name = chunk[..open].rsplit(|c: char| c.is_whitespace() || c == '*').next()?.to_string();
            let body = &chunk[chunk.find('{')? + 1..];
            Some((name, first_call(body)?.to_string()))
        })
        .collect()
}

/// Every disagreement between the table's one-liners and the header.
pub fn mismatches(table: &str, header: &str) -> Vec<String> {
    let header = header_one_liners(header);
    let mut problems = Vec::new();
    for (name, ours) in table_one_liners(table) {
        let Some((_, theirs)) = header.iter().find(|(n, _)| *n == name) else {
            problems.push(format!("{name}: not a function of HPy's CPython ABI headers"));
            continue;
        };
        let allowed = MACRO_FORMS
            .iter()
            .any(|&(n, macro_, function)| n == name && theirs == macro_ && ours == function);
        if *theirs != ours && !allowed {
            problems.push(format!("{name}: the table calls {ours}, HPy's CPython ABI {theirs}"));
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    const TABLE: &str = include_str!("../../../hpy-sys/abi/hpy-0.9.0.abi");

    #[test]
    fn the_cpython_one_liners_call_what_hpy_calls() {
        let include = crate::c_side_headers().unwrap_or_else(|why| panic!("{why}"));
        let header: String = ["autogen_api_impl.h", "misc.h"]
            .iter()
            .map(|file| {
                let path = std::path::Path::new(&include).join("hpy/cpython").join(file);
                std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
            })
            .collect();
        assert!(header_one_liners(&header).len() > 100, "the header's functions are read");
        let checked = table_one_liners(TABLE).len();
        assert!(checked > 100, "the table has {checked} one-liners");
        let problems = mismatches(TABLE, &header);
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }

    #[test]
    fn a_different_function_is_reported() {
        let table = "[context]\n\n[cpython]\nHPy_Add = PyNumber_Subtract\nHPy_Dup = manual\n";
        let header = "HPyAPI_FUNC HPy HPy_Add(HPyContext *ctx, HPy h1, HPy h2) { return _py2h(PyNumber_Add(_h2py(h1), _h2py(h2))); }";
        assert_eq!(
            mismatches(table, header),
            ["HPy_Add: the table calls PyNumber_Subtract, HPy's CPython ABI PyNumber_Add"]
        );
    }
}
