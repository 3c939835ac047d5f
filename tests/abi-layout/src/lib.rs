//! The proof that `hpy-sys` is the HPy 0.9.0 universal ABI.
//!
//! `generated/probe.c` is compiled against the headers of the installed
//! `hpy==0.9.0` package; it records, for every item of the ABI table, the C
//! compiler's answer: the offset of every field of every struct (the
//! `HPyContext` included), whether each field has the table's type, the size
//! of every type, the value of every constant, and whether every function
//! pointer type has the table's signature. `generated/layout.rs` records the
//! same facts measured on `hpy-sys` with `offset_of!` and `size_of`.
//! [`compare`] lists every disagreement; the test asserts there is none.
//! [`cpython_mapping`] checks the CPython ABI's one-liners against HPy's.

pub mod cpython_mapping;
#[path = "../generated/layout.rs"]
mod rust_side;

/// What the C compiler says.
#[derive(Clone)]
pub struct CSide {
    pub fields: Vec<(String, String, usize, bool)>,
    pub sizes: Vec<(String, usize)>,
    pub constants: Vec<(String, i64)>,
    pub typedefs: Vec<(String, bool)>,
    pub abi_tag: String,
}

/// What `hpy-sys` says.
pub struct RustSide<'a> {
    pub fields: &'a [(&'a str, &'a str, usize)],
    pub sizes: &'a [(&'a str, usize)],
    pub constants: &'a [(&'a str, i64)],
    pub typedefs: &'a [&'a str],
    pub abi_tag: &'a str,
}

/// The facts about `hpy-sys` itself.
pub fn rust_side() -> RustSide<'static> {
    RustSide {
        fields: rust_side::FIELDS,
        sizes: rust_side::SIZES,
        constants: rust_side::CONSTANTS,
        typedefs: rust_side::TYPEDEFS,
        abi_tag: match hpy_sys::HPY_ABI_TAG.to_str() {
            Ok(tag) => tag,
            Err(_) => "<not UTF-8>",
        },
    }
}

/// Every disagreement between the two sides, one line each.
pub fn compare(c: &CSide, rust: &RustSide<'_>) -> Vec<String> {
    let mut problems = Vec::new();
    if c.fields.len() != rust.fields.len() {
        problems.push(format!("{} fields in C, {} in Rust", c.fields.len(), rust.fields.len()));
    }
    for ((c_owner, c_field, c_offset, type_ok), (owner, field, offset)) in c.fields.iter().zip(rust.fields) {
        if (c_owner.as_str(), c_field.as_str()) != (*owner, *field) {
            problems.push(format!("field order: C has {c_owner}.{c_field} where Rust has {owner}.{field}"));
        } else if c_offset != offset {
            problems.push(format!("{owner}.{field} is at offset {c_offset} in C, {offset} in Rust"));
        }
        if !type_ok {
            problems.push(format!("{c_owner}.{c_field} does not have the table's type in the C headers"));
        }
    }
    if c.sizes.len() != rust.sizes.len() {
        problems.push(format!("{} sizes in C, {} in Rust", c.sizes.len(), rust.sizes.len()));
    }
    for ((c_name, c_size), (name, size)) in c.sizes.iter().zip(rust.sizes) {
        if c_name != name || c_size != size {
            problems.push(format!("sizeof({c_name}) is {c_size} in C; size_of::<{name}>() is {size}"));
        }
    }
    if c.constants.len() != rust.constants.len() {
        problems.push(format!("{} constants in C, {} in Rust", c.constants.len(), rust.constants.len()));
    }
    for ((c_name, c_value), (name, value)) in c.constants.iter().zip(rust.constants) {
        if c_name != name || c_value != value {
            problems.push(format!("{c_name} is {c_value} in C; {name} is {value} in Rust"));
        }
    }
    if c.typedefs.len() != rust.typedefs.len() {
        problems.push(format!("{} typedefs in C, {} in Rust", c.typedefs.len(), rust.typedefs.len()));
    }
    for ((c_name, ok), name) in c.typedefs.iter().zip(rust.typedefs) {
        if c_name != name || !ok {
            problems.push(format!("typedef {c_name} does not have the table's signature in the C headers"));
        }
    }
    if c.abi_tag != rust.abi_tag {
        problems.push(format!("HPY_ABI_TAG is {:?} in C, {:?} in Rust", c.abi_tag, rust.abi_tag));
    }
    problems
}

/// Reads the arrays a compiled probe exports under the names `<prefix>fields`,
/// `<prefix>fields_len`, ... into a [`CSide`].
#[cfg(any(hpy_probe, hpy_runtime_probe))]
macro_rules! probe_reader {
    ($module:ident, $prefix:literal) => {
        mod $module {
            use crate::probe_data::{Field, Value, text, values};

            unsafe extern "C" {
                #[link_name = concat!($prefix, "fields")]
                static FIELDS: [Field; 0];
                #[link_name = concat!($prefix, "fields_len")]
                static FIELDS_LEN: usize;
                #[link_name = concat!($prefix, "sizes")]
                static SIZES: [Value; 0];
                #[link_name = concat!($prefix, "sizes_len")]
                static SIZES_LEN: usize;
                #[link_name = concat!($prefix, "constants")]
                static CONSTANTS: [Value; 0];
                #[link_name = concat!($prefix, "constants_len")]
                static CONSTANTS_LEN: usize;
                #[link_name = concat!($prefix, "typedefs")]
                static TYPEDEFS: [Value; 0];
                #[link_name = concat!($prefix, "typedefs_len")]
                static TYPEDEFS_LEN: usize;
                #[link_name = concat!($prefix, "abi_tag")]
                static ABI_TAG: [std::ffi::c_char; 0];
            }

            pub fn read() -> crate::CSide {
                // SAFETY: the arrays and their lengths are constants defined by
                // the probe, which this crate links; they are never written.
                unsafe {
                    let fields = std::slice::from_raw_parts(FIELDS.as_ptr(), FIELDS_LEN);
                    crate::CSide {
                        fields: fields
                            .iter()
                            .map(|f| (text(f.owner), text(f.field), f.offset as usize, f.type_ok == 1))
                            .collect(),
                        sizes: values(SIZES.as_ptr(), SIZES_LEN)
                            .into_iter()
                            .map(|(n, v)| (n, v as usize))
                            .collect(),
                        constants: values(CONSTANTS.as_ptr(), CONSTANTS_LEN),
                        typedefs: values(TYPEDEFS.as_ptr(), TYPEDEFS_LEN)
                            .into_iter()
                            .map(|(n, v)| (n, v == 1))
                            .collect(),
                        abi_tag: text(ABI_TAG.as_ptr()),
                    }
                }
            }
        }
    };
}

/// The record types of the probes.
#[cfg(any(hpy_probe, hpy_runtime_probe))]
mod probe_data {
    use std::ffi::{CStr, c_char, c_int, c_longlong};

    #[repr(C)]
    pub struct Field {
        pub owner: *const c_char,
        pub field: *const c_char,
        pub offset: c_longlong,
        pub type_ok: c_int,
    }

    #[repr(C)]
    pub struct Value {
        pub name: *const c_char,
        pub value: c_longlong,
    }

    pub fn text(p: *const c_char) -> String {
        // SAFETY: the probe only stores NUL-terminated string literals.
        unsafe { CStr::from_ptr(p) }.to_string_lossy().into_owned()
    }

    pub fn values(first: *const Value, len: usize) -> Vec<(String, i64)> {
        // SAFETY: the probe defines the array with exactly `len` elements.
        let all = unsafe { std::slice::from_raw_parts(first, len) };
        all.iter().map(|v| (text(v.name), v.value)).collect()
    }
}

#[cfg(hpy_probe)]
probe_reader!(c_side, "hpy_probe_");

#[cfg(hpy_runtime_probe)]
include!(concat!(env!("OUT_DIR"), "/runtime_probes.rs"));

/// The include folder of the `hpy==0.9.0` headers the probe was built
/// against, or why there is none.
pub fn c_side_headers() -> Result<&'static str, String> {
    option_env!("HPY_PROBE_HEADERS").ok_or_else(|| {
        format!(
            "no hpy==0.9.0 headers: {}. Point HPY_PYTHON at a Python with hpy==0.9.0.",
            option_env!("HPY_PROBE_MISSING").unwrap_or("unknown reason")
        )
    })
}

/// The C side, or why it could not be built.
pub fn c_side() -> Result<CSide, String> {
    #[cfg(hpy_probe)]
    return Ok(c_side::read());
    #[cfg(not(hpy_probe))]
    return Err(format!(
        "the C probe was not built: {}. Install hpy==0.9.0 and point HPY_PYTHON at that Python \
         (the README's test command does both).",
        option_env!("HPY_PROBE_MISSING").unwrap_or("unknown reason")
    ));
}

/// What another runtime's headers say (see `build.rs`).
pub struct RuntimeCSide {
    /// The layout description's name (`pypy-7.3.19`).
    pub layout: String,
    /// The include folder the probe was compiled against.
    pub headers: String,
    /// The probe of every item of the table, against those headers.
    pub common: CSide,
    /// The offset of every member the description lists, in its order.
    pub context: Vec<usize>,
}

#[cfg(hpy_runtime_probe)]
fn runtime_side(
    layout: &str,
    headers: &str,
    common: CSide,
    context: &[std::ffi::c_longlong],
) -> RuntimeCSide {
    RuntimeCSide {
        layout: layout.into(),
        headers: headers.into(),
        common,
        context: context.iter().map(|&o| o as usize).collect(),
    }
}

/// The runtime probes, one per entry of `HPY_RS_RUNTIME_HEADERS` at build
/// time (none without it).
pub fn runtime_c_sides() -> Vec<RuntimeCSide> {
    #[cfg(hpy_runtime_probe)]
    return runtime_probes();
    #[cfg(not(hpy_runtime_probe))]
    Vec::new()
}

/// Every disagreement between another runtime's headers and `hpy-sys` routed
/// through that runtime's layout: every item of the table must be the same,
/// except the context members, which must be where the description puts
/// them, and where `hpy_sys::layout::MOVED` routes the moved ones.
pub fn compare_runtime(c: &RuntimeCSide) -> Vec<String> {
    use hpy_sys::layout::{KNOWN, MOVED, slot_offset};
    let Some(index) = KNOWN.iter().position(|l| l.name == c.layout) else {
        return vec![format!("hpy-sys knows no layout named {:?}", c.layout)];
    };
    let rust = rust_side();
    let mut fields = rust.fields.to_vec();
    for field in fields.iter_mut().filter(|f| f.0 == "HPyContext") {
        if let Some((_, offsets)) = MOVED.iter().find(|(name, _)| *name == field.1) {
            field.2 = offsets[index];
        }
    }
    let mut sizes = rust.sizes.to_vec();
    for size in sizes.iter_mut().filter(|s| s.0 == "HPyContext") {
        size.1 = slot_offset(c.context.len());
    }
    let routed = RustSide { fields: &fields, sizes: &sizes, ..rust };
    let mut common = c.common.fields.clone();
    for field in
        common.iter_mut().filter(|f| f.0 == "HPyContext" && KNOWN[index].const_only.contains(&f.1.as_str()))
    {
        field.3 = true;
    }
    let mut problems = compare(&CSide { fields: common, ..c.common.clone() }, &routed);
    for (slot, &offset) in c.context.iter().enumerate() {
        if offset != slot_offset(slot) {
            problems.push(format!(
                "the description puts a member in slot {slot} (offset {}); the headers have it at {offset}",
                slot_offset(slot)
            ));
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c_side_or_fail() -> CSide {
        c_side().unwrap_or_else(|why| panic!("{why}"))
    }

    #[test]
    fn hpy_sys_matches_the_hpy_0_9_0_headers() {
        let problems = compare(&c_side_or_fail(), &rust_side());
        assert!(problems.is_empty(), "hpy-sys differs from the headers:\n{}", problems.join("\n"));
    }

    #[test]
    fn every_field_of_every_struct_is_covered() {
        let c = c_side_or_fail();
        let ctx_fields = c.fields.iter().filter(|f| f.0 == "HPyContext").count();
        assert_eq!(ctx_fields, 3 + 263, "the context has 3 header fields and 263 members");
        let ctx_size = c.sizes.iter().find(|s| s.0 == "HPyContext").map(|s| s.1);
        assert_eq!(ctx_size, Some(24 + 8 * 263), "sizeof(HPyContext) on LP64");
        for name in ["HPyDef", "HPyMeth", "HPySlot", "HPyMember", "HPyGetSet", "HPyType_Spec", "HPyModuleDef"]
        {
            assert!(c.fields.iter().any(|f| f.0 == name), "{name} is probed");
        }
        let args = c.sizes.iter().filter(|s| s.0.starts_with("_HPyFunc_args_")).count();
        assert_eq!(args, 36, "every trampoline argument struct is probed");
    }

    #[test]
    fn a_moved_field_is_reported() {
        let c = c_side_or_fail();
        let rust = rust_side();
        let mut fields = rust.fields.to_vec();
        let i = fields.iter().position(|f| f.0 == "HPyContext" && f.1 == "ctx_Dup").unwrap();
        fields[i].2 += 8;
        let moved = RustSide { fields: &fields, ..rust };
        let problems = compare(&c, &moved);
        assert_eq!(problems, vec!["HPyContext.ctx_Dup is at offset 640 in C, 648 in Rust".to_string()]);
    }

    /// Run by `cargo xtask test` with `HPY_RS_RUNTIME_HEADERS` set when PyPy
    /// or GraalPy is installed; ignored (reported as such) otherwise.
    #[test]
    #[cfg_attr(not(hpy_runtime_probe), ignore = "needs HPY_RS_RUNTIME_HEADERS (set by cargo xtask test)")]
    fn the_runtime_layout_descriptions_match_their_headers() {
        let sides = runtime_c_sides();
        assert!(!sides.is_empty(), "built with HPY_RS_RUNTIME_HEADERS");
        for c in sides {
            let problems = compare_runtime(&c);
            assert!(
                problems.is_empty(),
                "hpy-sys routed through {} differs from the headers in {}:\n{}",
                c.layout,
                c.headers,
                problems.join("\n")
            );
            let context_fields = c.common.fields.iter().filter(|f| f.0 == "HPyContext").count();
            assert_eq!(context_fields, 3 + 263, "every member of the table is probed");
            eprintln!("{}: the headers in {} agree", c.layout, c.headers);
        }
    }

    #[test]
    fn headers_that_differ_from_a_runtime_description_are_reported() {
        // HPy 0.9.0's headers presented as PyPy's: each of the 19 members that
        // PyPy moves is where 0.9.0 has it, not where the description says.
        let c = RuntimeCSide {
            layout: "pypy-7.3.19".into(),
            headers: String::new(),
            common: c_side_or_fail(),
            context: (0..273).map(hpy_sys::layout::slot_offset).collect(),
        };
        let problems = compare_runtime(&c);
        assert_eq!(problems.len(), 20, "{problems:#?}");
        assert!(problems.contains(&"HPyContext.ctx_Call is at offset 2112 in C, 2120 in Rust".to_string()));
        assert!(
            problems
                .contains(&"sizeof(HPyContext) is 2128 in C; size_of::<HPyContext>() is 2208".to_string())
        );
    }

    #[test]
    fn a_wrong_type_or_constant_is_reported() {
        let mut c = c_side_or_fail();
        c.fields[0].3 = false;
        c.constants[0].1 += 1;
        c.typedefs[0].1 = false;
        assert_eq!(compare(&c, &rust_side()).len(), 3);
    }
}
