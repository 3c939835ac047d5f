//! The model of `hpy-sys/abi/hpy-0.9.0.abi` and its parser.
//!
//! The grammar is described at the top of the table itself.

use std::fmt;
use std::path::Path;

/// The table, relative to the workspace root.
pub const TABLE: &str = "hpy-sys/abi/hpy-0.9.0.abi";

/// Reads and parses the checked-in table of the workspace at `root`.
pub fn load(root: &Path) -> Result<Abi, String> {
    let text = std::fs::read_to_string(root.join(TABLE)).map_err(|e| format!("{TABLE}: {e}"))?;
    parse(&text).map_err(|e| format!("{TABLE}: {e}"))
}

/// The whole table.
#[derive(Debug, Default)]
pub struct Abi {
    pub consts: Vec<Const>,
    pub opaques: Vec<Opaque>,
    pub enums: Vec<Enum>,
    pub typedefs: Vec<Typedef>,
    pub structs: Vec<Struct>,
    pub context: Vec<Member>,
    /// The `sys.implementation.name` of the runtime with this layout.
    pub implementation: String,
    /// The `ctx->name` of the contexts known to have this layout.
    pub runtimes: Vec<String>,
    /// The signature of each slot: (`HPy_tp_repr`, `REPRFUNC`).
    pub slot_signatures: Vec<(String, String)>,
    /// How the CPython-ABI backend does each context member, by its handle
    /// or public name (`[cpython]`).
    pub cpython: Vec<(String, Cpython)>,
}

/// How the CPython-ABI backend does one context member.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cpython {
    /// A function of the C API called with the same arguments (`HPy` as
    /// `PyObject *`), or, for a handle, a Rust expression of the C API: a
    /// call (`Py_None()`), a static (`PyExc_TypeError`) or the address of a
    /// static type (`&PyType_Type`).
    Direct(String),
    /// Written by hand in `hpy-sys/src/cpython/`.
    Manual,
    /// Not written yet: raises `SystemError`.
    Missing,
}

#[derive(Debug)]
pub struct Const {
    pub name: String,
    pub ty: String,
    pub value: String,
}

#[derive(Debug)]
pub struct Opaque {
    pub name: String,
    pub field: String,
}

#[derive(Debug)]
pub struct Enum {
    pub name: String,
    pub variants: Vec<(String, i64)>,
}

#[derive(Debug)]
pub struct Typedef {
    pub name: String,
    pub params: Vec<Type>,
    pub ret: Option<Type>,
}

#[derive(Debug)]
pub struct Struct {
    pub name: String,
    pub is_union: bool,
    /// Marked `static` in the table: a read-only descriptor that extensions
    /// keep in statics, so the Rust mirror is `Sync`.
    pub is_static: bool,
    pub fields: Vec<Field>,
}

#[derive(Debug)]
pub struct Field {
    pub rust_name: String,
    /// `None` for a C anonymous member (`name=*`).
    pub c_name: Option<String>,
    pub ty: Type,
}

#[derive(Debug)]
pub enum Member {
    Handle { id: usize, name: String },
    Function { id: usize, public_name: String, params: Vec<(String, Type)>, ret: Option<Type> },
}

/// A type in Rust spelling: a name behind zero or more pointers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Type {
    Named(String),
    Ptr { mutable: bool, pointee: Box<Type> },
}

impl Member {
    pub fn id(&self) -> usize {
        match self {
            Member::Handle { id, .. } | Member::Function { id, .. } => *id,
        }
    }

    /// The handle's name (`None`) or the function's public name (`HPy_Dup`).
    pub fn name(&self) -> &str {
        match self {
            Member::Handle { name, .. } => name,
            Member::Function { public_name, .. } => public_name,
        }
    }

    /// The name of the C struct field.
    pub fn c_field(&self) -> String {
        match self {
            Member::Handle { name, .. } => format!("h_{name}"),
            Member::Function { public_name, .. } => format!("ctx_{}", ctx_suffix(public_name)),
        }
    }
}

/// Applies HPy's naming rule: strip the leading `_`, then the `HPy_` or `HPy`
/// prefix (`_HPy_New` -> `New`, `HPyLong_AsInt64_t` -> `Long_AsInt64_t`).
pub fn ctx_suffix(public_name: &str) -> &str {
    let name = public_name.strip_prefix('_').unwrap_or(public_name);
    name.strip_prefix("HPy_").or_else(|| name.strip_prefix("HPy")).unwrap_or(name)
}

impl Type {
    pub fn parse(text: &str) -> Result<Type, String> {
        let text = text.trim();
        if let Some(rest) = text.strip_prefix("*mut ") {
            return Ok(Type::Ptr { mutable: true, pointee: Box::new(Type::parse(rest)?) });
        }
        if let Some(rest) = text.strip_prefix("*const ") {
            return Ok(Type::Ptr { mutable: false, pointee: Box::new(Type::parse(rest)?) });
        }
        if text.is_empty() || !text.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            return Err(format!("not a type: `{text}`"));
        }
        Ok(Type::Named(text.to_string()))
    }

    /// The C spelling of this type, e.g. `char const *`.
    pub fn c(&self) -> String {
        match self {
            Type::Named(name) => c_name_of(name).to_string(),
            Type::Ptr { mutable, pointee } => {
                let inner = pointee.c();
                if *mutable { format!("{inner} *") } else { format!("{inner} const *") }
            }
        }
    }
}

impl fmt::Display for Type {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Type::Named(name) => f.write_str(name),
            Type::Ptr { mutable: true, pointee } => write!(f, "*mut {pointee}"),
            Type::Ptr { mutable: false, pointee } => write!(f, "*const {pointee}"),
        }
    }
}

/// The C type a Rust type name stands for.
fn c_name_of(rust: &str) -> &str {
    match rust {
        "i8" => "int8_t",
        "u8" => "uint8_t",
        "i16" => "int16_t",
        "u16" => "uint16_t",
        "i32" => "int32_t",
        "u32" => "uint32_t",
        "i64" => "int64_t",
        "u64" => "uint64_t",
        "usize" => "size_t",
        "isize" => "intptr_t",
        "f64" => "double",
        "f32" => "float",
        "bool" => "bool",
        "c_int" => "int",
        "c_char" => "char",
        "c_ulong" => "unsigned long",
        "c_void" => "void",
        other => other,
    }
}

/// Named parameters and the return type of a function.
type Signature = (Vec<(String, Type)>, Option<Type>);

/// Parses `fn(T, U) -> R` or `(a: T, b: U) -> R` parameter lists.
fn parse_signature(text: &str, named: bool) -> Result<Signature, String> {
    let text = text.trim();
    let open = text.find('(').ok_or_else(|| format!("missing `(` in `{text}`"))?;
    let close = text.rfind(')').ok_or_else(|| format!("missing `)` in `{text}`"))?;
    let inside = &text[open + 1..close];
    let after = text[close + 1..].trim();
    let ret = match after.strip_prefix("->") {
        Some(r) => Some(Type::parse(r)?),
        None if after.is_empty() => None,
        None => return Err(format!("unexpected `{after}` after the parameters")),
    };
    let mut params = Vec::new();
    for (i, part) in inside.split(',').map(str::trim).filter(|p| !p.is_empty()).enumerate() {
        if named {
            let (name, ty) =
                part.split_once(':').ok_or_else(|| format!("parameter `{part}` needs a name"))?;
            params.push((name.trim().to_string(), Type::parse(ty)?));
        } else {
            params.push((format!("arg{i}"), Type::parse(part)?));
        }
    }
    Ok((params, ret))
}

enum Section {
    None,
    Const,
    Opaque(usize),
    Enum(usize),
    Typedef,
    Struct(usize),
    Context,
    Runtimes,
    SlotSignatures,
    Cpython,
}

/// The text between the double quotes of a `"quoted"` line.
pub fn quoted(line: &str) -> Result<&str, String> {
    line.strip_prefix('"')
        .and_then(|rest| rest.strip_suffix('"'))
        .filter(|inner| !inner.contains('"'))
        .ok_or_else(|| format!("expected a quoted string, found `{line}`"))
}

/// Parses the table text. Errors carry the 1-based line number.
pub fn parse(text: &str) -> Result<Abi, String> {
    let mut abi = Abi::default();
    let mut section = Section::None;
    for (index, raw) in text.lines().enumerate() {
        let line = raw.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        parse_line(&mut abi, &mut section, line).map_err(|e| format!("line {}: {e}", index + 1))?;
    }
    validate(&abi)?;
    Ok(abi)
}

fn parse_line(abi: &mut Abi, section: &mut Section, line: &str) -> Result<(), String> {
    if let Some(header) = line.strip_prefix('[') {
        let header = header.strip_suffix(']').ok_or("unterminated section header")?;
        let mut words = header.split_whitespace();
        let kind = words.next().unwrap_or("");
        let name = words.next().map(str::to_string);
        let is_static = match words.next() {
            None => false,
            Some("static") => true,
            Some(other) => return Err(format!("unknown section flag `{other}`")),
        };
        *section = match (kind, name) {
            ("const", None) => Section::Const,
            ("typedef", None) => Section::Typedef,
            ("context", None) => Section::Context,
            ("runtimes", None) => Section::Runtimes,
            ("slot-signatures", None) => Section::SlotSignatures,
            ("cpython", None) => Section::Cpython,
            ("opaque", Some(name)) => {
                abi.opaques.push(Opaque { name, field: String::new() });
                Section::Opaque(abi.opaques.len() - 1)
            }
            ("enum", Some(name)) => {
                abi.enums.push(Enum { name, variants: Vec::new() });
                Section::Enum(abi.enums.len() - 1)
            }
            (kind @ ("struct" | "union"), Some(name)) => {
                abi.structs.push(Struct { name, is_union: kind == "union", is_static, fields: Vec::new() });
                Section::Struct(abi.structs.len() - 1)
            }
            _ => return Err(format!("unknown section `[{header}]`")),
        };
        return Ok(());
    }
    match section {
        Section::None => Err("item outside of any section".into()),
        Section::Runtimes if !line.starts_with('"') && abi.implementation.is_empty() => {
            abi.implementation = line.to_string();
            Ok(())
        }
        Section::Runtimes => {
            abi.runtimes.push(quoted(line)?.to_string());
            Ok(())
        }
        Section::SlotSignatures => {
            let (slot, sig) = line.split_once(':').ok_or("expected `HPy_slot: SIGNATURE`")?;
            abi.slot_signatures.push((slot.trim().into(), sig.trim().into()));
            Ok(())
        }
        Section::Cpython => {
            let (name, how) = line.split_once('=').ok_or("expected `NAME = PyFunction|manual|missing`")?;
            let how = match how.trim() {
                "manual" => Cpython::Manual,
                "missing" => Cpython::Missing,
                expr => {
                    let ident = expr.strip_prefix('&').unwrap_or(expr);
                    let ident = ident.strip_suffix("()").unwrap_or(ident);
                    if ident.is_empty() || !ident.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                        return Err(format!("not a C API name: `{expr}`"));
                    }
                    Cpython::Direct(expr.to_string())
                }
            };
            abi.cpython.push((name.trim().into(), how));
            Ok(())
        }
        Section::Const => {
            let (name, rest) = line.split_once(':').ok_or("expected `NAME: Type = value`")?;
            let (ty, value) = rest.split_once('=').ok_or("expected `NAME: Type = value`")?;
            abi.consts.push(Const {
                name: name.trim().into(),
                ty: ty.trim().into(),
                value: value.trim().into(),
            });
            Ok(())
        }
        Section::Opaque(i) => {
            abi.opaques[*i].field = line.to_string();
            Ok(())
        }
        Section::Enum(i) => {
            let (name, value) = line.split_once('=').ok_or("expected `NAME = value`")?;
            let value = value.trim().parse::<i64>().map_err(|e| e.to_string())?;
            abi.enums[*i].variants.push((name.trim().into(), value));
            Ok(())
        }
        Section::Typedef => {
            let (name, sig) = line.split_once('=').ok_or("expected `NAME = fn(..)`")?;
            let sig = sig.trim().strip_prefix("fn").ok_or("a typedef must be a `fn` type")?;
            let (params, ret) = parse_signature(sig, false)?;
            abi.typedefs.push(Typedef {
                name: name.trim().into(),
                params: params.into_iter().map(|(_, t)| t).collect(),
                ret,
            });
            Ok(())
        }
        Section::Struct(i) => {
            let (names, ty) = line.split_once(':').ok_or("expected `name: Type`")?;
            let (rust_name, c_name) = match names.split_once('=') {
                Some((r, "*")) => (r.trim().to_string(), None),
                Some((r, c)) => (r.trim().to_string(), Some(c.trim().to_string())),
                None => (names.trim().to_string(), Some(names.trim().to_string())),
            };
            abi.structs[*i].fields.push(Field { rust_name, c_name, ty: Type::parse(ty)? });
            Ok(())
        }
        Section::Context => {
            let mut words = line.split_whitespace();
            let kind = words.next().ok_or("empty member")?;
            let id = words.next().ok_or("missing ID")?.parse::<usize>().map_err(|e| e.to_string())?;
            let name = words.next().ok_or("missing name")?.to_string();
            let rest = words.collect::<Vec<_>>().join(" ");
            match kind {
                "handle" if rest.is_empty() => abi.context.push(Member::Handle { id, name }),
                "fn" => {
                    let (params, ret) = parse_signature(&rest, true)?;
                    abi.context.push(Member::Function { id, public_name: name, params, ret });
                }
                _ => return Err(format!("unknown context member `{line}`")),
            }
            Ok(())
        }
    }
}

/// Structural checks: context IDs are 0..N without gaps, names are unique,
/// every referenced type is known.
fn validate(abi: &Abi) -> Result<(), String> {
    let variants = |name: &str| -> Vec<&str> {
        abi.enums
            .iter()
            .filter(|e| e.name == name)
            .flat_map(|e| e.variants.iter().map(|(v, _)| v.as_str()))
            .collect()
    };
    let (slots, sigs) = (variants("HPySlot_Slot"), variants("HPyFunc_Signature"));
    for (slot, sig) in &abi.slot_signatures {
        if !slots.contains(&slot.as_str()) {
            return Err(format!("`[slot-signatures]`: `{slot}` is not an `HPySlot_Slot`"));
        }
        if !sigs.contains(&format!("HPyFunc_{sig}").as_str()) {
            return Err(format!("`[slot-signatures]`: `HPyFunc_{sig}` is not an `HPyFunc_Signature`"));
        }
    }
    for (expected, member) in abi.context.iter().enumerate() {
        if member.id() != expected {
            return Err(format!(
                "context member `{}` has ID {}, expected {expected}",
                member.c_field(),
                member.id()
            ));
        }
    }
    let mut seen = std::collections::HashSet::new();
    for member in &abi.context {
        if !seen.insert(member.c_field()) {
            return Err(format!("duplicate context member `{}`", member.c_field()));
        }
    }
    validate_cpython(abi)?;
    if !abi.structs.iter().any(|s| s.name == "HPyContext") {
        return Err("the `[context]` section needs a `[struct HPyContext]` header".into());
    }
    let known = known_types(abi);
    let check = |ty: &Type, place: &str| -> Result<(), String> {
        let mut t = ty;
        while let Type::Ptr { pointee, .. } = t {
            t = pointee;
        }
        match t {
            Type::Named(n) if known.contains(n.as_str()) => Ok(()),
            Type::Named(n) => Err(format!("unknown type `{n}` in {place}")),
            Type::Ptr { .. } => unreachable!(),
        }
    };
    for s in &abi.structs {
        for f in &s.fields {
            check(&f.ty, &format!("{}.{}", s.name, f.rust_name))?;
        }
    }
    for t in &abi.typedefs {
        for p in t.params.iter().chain(&t.ret) {
            check(p, &t.name)?;
        }
    }
    for m in &abi.context {
        if let Member::Function { params, ret, .. } = m {
            for p in params.iter().map(|(_, t)| t).chain(ret) {
                check(p, &m.c_field())?;
            }
        }
    }
    Ok(())
}

/// `[cpython]` names every context member once (or is absent); a handle is
/// an expression, a function a C function name (no call or address).
fn validate_cpython(abi: &Abi) -> Result<(), String> {
    if abi.cpython.is_empty() {
        return Ok(());
    }
    let mut seen = std::collections::HashSet::new();
    for (name, how) in &abi.cpython {
        let member = abi
            .context
            .iter()
            .find(|m| m.name() == name)
            .ok_or_else(|| format!("`[cpython]`: `{name}` is not a context member"))?;
        if !seen.insert(name.as_str()) {
            return Err(format!("`[cpython]`: `{name}` is given twice"));
        }
        match (member, how) {
            (Member::Function { .. }, Cpython::Direct(expr))
                if expr.starts_with('&') || expr.ends_with("()") =>
            {
                return Err(format!(
                    "`[cpython]`: the function `{name}` maps to a C function name, not `{expr}`"
                ));
            }
            _ => {}
        }
    }
    if let Some(member) = abi.context.iter().find(|m| !seen.contains(m.name())) {
        return Err(format!("`[cpython]`: `{}` is missing", member.name()));
    }
    Ok(())
}

const PRIMITIVES: &[&str] = &[
    "i8",
    "u8",
    "i16",
    "u16",
    "i32",
    "u32",
    "i64",
    "u64",
    "usize",
    "isize",
    "f32",
    "f64",
    "bool",
    "c_int",
    "c_char",
    "c_ulong",
    "c_void",
    "HPy_ssize_t",
    "HPy_hash_t",
    "HPy_UCS4",
    "wchar_t",
    // Opaque CPython types: only ever used behind a pointer.
    "cpy_PyObject",
    "cpy_PyMethodDef",
    "cpy_PyModuleDef",
    "cpy_Py_buffer",
];

fn known_types(abi: &Abi) -> std::collections::HashSet<&str> {
    let mut known: std::collections::HashSet<&str> = PRIMITIVES.iter().copied().collect();
    known.extend(abi.opaques.iter().map(|o| o.name.as_str()));
    known.extend(abi.enums.iter().map(|e| e.name.as_str()));
    known.extend(abi.typedefs.iter().map(|t| t.name.as_str()));
    known.extend(abi.structs.iter().map(|s| s.name.as_str()));
    known
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn naming_rule() {
        assert_eq!(ctx_suffix("HPy_Dup"), "Dup");
        assert_eq!(ctx_suffix("_HPy_New"), "New");
        assert_eq!(ctx_suffix("HPyLong_AsInt64_t"), "Long_AsInt64_t");
        assert_eq!(ctx_suffix("_HPyType_GetBuiltinShape"), "Type_GetBuiltinShape");
    }

    #[test]
    fn c_spelling() {
        assert_eq!(Type::parse("*const *mut cpy_PyObject").unwrap().c(), "cpy_PyObject * const *");
        assert_eq!(Type::parse("*const c_char").unwrap().c(), "char const *");
        assert_eq!(Type::parse("usize").unwrap().c(), "size_t");
    }

    #[test]
    fn rejects_gaps_in_ids() {
        let text = "[opaque HPy]\n_i\n[struct HPyContext]\nname: *const c_char\n[context]\nhandle 0 None\nhandle 2 True\n";
        assert!(parse(text).unwrap_err().contains("expected 1"));
    }

    #[test]
    fn rejects_unknown_types() {
        let text = "[struct HPyContext]\nname: *const Foo\n[context]\n";
        assert!(parse(text).unwrap_err().contains("unknown type `Foo`"));
    }

    #[test]
    fn cpython_names_each_member_once() {
        let base = "[opaque HPy]\n_i\n[struct HPyContext]\nname: *const c_char\n[context]\nhandle 0 None\nfn 1 HPy_Dup (h: HPy) -> HPy\n";
        let ok = format!("{base}[cpython]\nNone = Py_None()\nHPy_Dup = manual\n");
        assert_eq!(parse(&ok).unwrap().cpython[0].1, Cpython::Direct("Py_None()".into()));
        let missing = format!("{base}[cpython]\nNone = Py_None()\n");
        assert!(parse(&missing).unwrap_err().contains("`HPy_Dup` is missing"));
        let twice = format!("{base}[cpython]\nNone = Py_None()\nHPy_Dup = manual\nHPy_Dup = missing\n");
        assert!(parse(&twice).unwrap_err().contains("given twice"));
        let call = format!("{base}[cpython]\nNone = Py_None()\nHPy_Dup = Py_NewRef()\n");
        assert!(parse(&call).unwrap_err().contains("a C function name"));
    }

    #[test]
    fn the_real_table_has_the_whole_context() {
        let abi = parse(include_str!("../../hpy-sys/abi/hpy-0.9.0.abi")).unwrap();
        let handles = abi.context.iter().filter(|m| matches!(m, Member::Handle { .. })).count();
        assert_eq!((abi.context.len(), handles), (263, 83));
    }
}
