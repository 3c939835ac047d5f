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

#[path = "../generated/layout.rs"]
mod rust_side;

/// What the C compiler says.
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

#[cfg(hpy_probe)]
mod c_side {
    use std::ffi::{CStr, c_char, c_int, c_longlong};

    #[repr(C)]
    struct Field {
        owner: *const c_char,
        field: *const c_char,
        offset: c_longlong,
        type_ok: c_int,
    }

    #[repr(C)]
    struct Value {
        name: *const c_char,
        value: c_longlong,
    }

    unsafe extern "C" {
        static hpy_probe_fields: [Field; 0];
        static hpy_probe_fields_len: usize;
        static hpy_probe_sizes: [Value; 0];
        static hpy_probe_sizes_len: usize;
        static hpy_probe_constants: [Value; 0];
        static hpy_probe_constants_len: usize;
        static hpy_probe_typedefs: [Value; 0];
        static hpy_probe_typedefs_len: usize;
        static hpy_probe_abi_tag: [c_char; 0];
    }

    fn text(p: *const c_char) -> String {
        // SAFETY: the probe only stores NUL-terminated string literals.
        unsafe { CStr::from_ptr(p) }.to_string_lossy().into_owned()
    }

    fn values(first: *const Value, len: usize) -> Vec<(String, i64)> {
        // SAFETY: the probe defines the array with exactly `len` elements.
        let all = unsafe { std::slice::from_raw_parts(first, len) };
        all.iter().map(|v| (text(v.name), v.value)).collect()
    }

    pub fn read() -> super::CSide {
        // SAFETY: the arrays and their lengths are constants defined by the
        // probe, which this crate links; they are never written.
        unsafe {
            let fields = std::slice::from_raw_parts(hpy_probe_fields.as_ptr(), hpy_probe_fields_len);
            super::CSide {
                fields: fields
                    .iter()
                    .map(|f| (text(f.owner), text(f.field), f.offset as usize, f.type_ok == 1))
                    .collect(),
                sizes: values(hpy_probe_sizes.as_ptr(), hpy_probe_sizes_len)
                    .into_iter()
                    .map(|(n, v)| (n, v as usize))
                    .collect(),
                constants: values(hpy_probe_constants.as_ptr(), hpy_probe_constants_len),
                typedefs: values(hpy_probe_typedefs.as_ptr(), hpy_probe_typedefs_len)
                    .into_iter()
                    .map(|(n, v)| (n, v == 1))
                    .collect(),
                abi_tag: text(hpy_probe_abi_tag.as_ptr()),
            }
        }
    }
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

    #[test]
    fn a_wrong_type_or_constant_is_reported() {
        let mut c = c_side_or_fail();
        c.fields[0].3 = false;
        c.constants[0].1 += 1;
        c.typedefs[0].1 = false;
        assert_eq!(compare(&c, &rust_side()).len(), 3);
    }
}
